/**
 * What event shapes build with: the generator, the split's vocabulary, labelled negatives, and the
 * vendor envelopes (Segment, Mixpanel, PostHog, Amplitude) shared by both splits.
 */
import { join, marked, type Composed, type Part } from './compose.js';
import { neg, negEpoch, TEXT_NEGATIVE_KINDS } from './negatives.js';
import { ALPHABET, type Rng } from './prng.js';
import type { NegativeKind } from './types.js';
import type { Vocab } from './vocab.js';

/** A JSON object under construction (leaves may be `Composed`). */
export type Obj = Record<string, unknown>;

/** Where planted items can go in a built event. Lazy slots create their container on first use. */
export interface Slots {
  readonly props: Obj;
  readonly traits: () => Obj;
  readonly context: () => Obj;
  readonly list: () => Obj[];
  /** Object holding URL-valued fields. */
  readonly urls: Obj;
}

/** A built event and its slots. */
export interface Built {
  readonly event: Obj;
  readonly slots: Slots;
}

/** Shape builder context. */
export interface Kit {
  readonly rng: Rng;
  readonly vocab: Vocab;
  /** A labelled hard negative. */
  neg(kind: NegativeKind, inText?: boolean): Composed;
  /** A labelled epoch-milliseconds number. */
  epoch(): Composed;
  /** A sentence from `templates` with `{n}` filled by a labelled negative and `{x}` by `x`. */
  sentence(templates: readonly string[], x?: Part): Composed;
  /** A benign URL on one of the split's hosts. */
  url(extraQuery?: Part): Composed;
  /** A browser user agent (its Chrome version quad labelled) with OS and browser names. */
  userAgent(): {
    readonly ua: Composed;
    readonly os: string;
    readonly browser: string;
    readonly version: string;
  };
  /** `obj[name]` as an object, created when absent. */
  child(obj: Obj, name: string): Obj;
}

/** Build a kit over `rng` and `vocab`. */
export function createKit(rng: Rng, vocab: Vocab): Kit {
  const kit: Kit = {
    rng,
    vocab,
    neg: (kind, inText = false) => neg(rng, kind, inText),
    epoch: () => negEpoch(rng),
    sentence(templates, x) {
      const t = rng.pick(templates);
      const parts: Part[] = [];
      for (const piece of t.split(/(\{[xn]\})/)) {
        if (piece === '{x}') parts.push(x ?? '');
        else if (piece === '{n}') parts.push(neg(rng, rng.pick(TEXT_NEGATIVE_KINDS), true));
        else parts.push(piece);
      }
      return join(...parts);
    },
    url(extraQuery) {
      const q = rng.shuffle(vocab.benignQuery).slice(0, rng.int(0, 2));
      const parts: Part[] = [`https://${rng.pick(vocab.hosts)}${rng.pick(vocab.paths)}`];
      if (q.length > 0 || extraQuery !== undefined) parts.push('?', q.join('&'));
      if (extraQuery !== undefined) parts.push(q.length > 0 ? '&' : '', extraQuery);
      return join(...parts);
    },
    userAgent: () => userAgent(rng),
    child(obj, name) {
      const v = obj[name];
      if (v !== null && typeof v === 'object' && !Array.isArray(v)) return v as Obj;
      const made: Obj = {};
      obj[name] = made;
      return made;
    },
  };
  return kit;
}

function userAgent(rng: Rng): { ua: Composed; os: string; browser: string; version: string } {
  const major = rng.int(118, 134);
  const version = `${major}.0.${rng.int(5000, 6999)}.${rng.int(10, 220)}`;
  const v = marked(version, { role: 'negative', kind: 'version', value: version });
  switch (rng.int(0, 3)) {
    case 0:
      return {
        ua: join(
          'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/',
          v,
          ' Safari/537.36',
        ),
        os: 'Mac OS X',
        browser: 'Chrome',
        version,
      };
    case 1:
      return {
        ua: join(
          'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/',
          v,
          ' Safari/537.36 Edg/',
          `${major}.0.${rng.int(2000, 2999)}.${rng.int(10, 99)}`,
        ),
        os: 'Windows',
        browser: 'Microsoft Edge',
        version,
      };
    case 2:
      return {
        ua: join(
          'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/',
          v,
          ' Mobile Safari/537.36',
        ),
        os: 'Android',
        browser: 'Chrome',
        version,
      };
    default: {
      const ios = `${rng.int(16, 18)}_${rng.int(0, 6)}`;
      const ua = `Mozilla/5.0 (iPhone; CPU iPhone OS ${ios} like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/${ios.replace('_', '.')} Mobile/15E148 Safari/604.1`;
      return { ua: join(ua), os: 'iOS', browser: 'Mobile Safari', version: ios.replace('_', '.') };
    }
  }
}

/** A random 32-hex project token, as analytics SDKs send it (public, not a secret; unlabelled). */
export function projectToken(rng: Rng): string {
  return rng.chars(ALPHABET.hex, 32);
}
