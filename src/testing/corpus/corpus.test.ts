// Tests of the corpus generator itself (not of any detector): determinism, split disjointness,
// validity of every planted identifier, and that every label points at its value.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { Rule } from '../../engine/types.js';
import { isIbanValid, isLuhnValid, isMyNumberValid } from './checksums.js';
import { generateCorpus } from './generate.js';
import { scoreFindings } from './score.js';
import { POSITIONS, type Corpus, type Negative, type Planted } from './types.js';
import { vocabStrings } from './vocab.js';
import { evalVocab } from './vocab-eval.js';
import { tuneVocab } from './vocab-tune.js';

const tune = generateCorpus({ seed: 1, events: 3000, split: 'tune' });
const evalCorpus = generateCorpus({ seed: 1, events: 3000, split: 'eval' });
const both: readonly Corpus[] = [tune, evalCorpus];
// Structured kinds only (no rule families), so each kind is planted often whatever the rule count.
const structured: readonly Corpus[] = [
  generateCorpus({ seed: 4, events: 3000, split: 'tune', rules: [] }),
  generateCorpus({ seed: 4, events: 3000, split: 'eval', rules: [] }),
];

/** The value at an engine-syntax path (`a.b[0]["c-d"]`). */
function at(root: unknown, path: string): unknown {
  const re = /\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]|\.?([A-Za-z_$][A-Za-z0-9_$]*)/gy;
  let v = root;
  for (let m = re.exec(path); m !== null && m[0] !== ''; m = re.exec(path)) {
    const seg =
      m[1] !== undefined ? Number(m[1]) : m[2] !== undefined ? (JSON.parse(m[2]) as string) : m[3]!;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}

/** True when `slice` (the labelled span) carries `value` under `layers`. */
function carries(slice: string, layers: readonly string[], value: string): boolean {
  const key = layers.join('+');
  if (key === '') return slice === value;
  if (key === 'url') return decodeURIComponent(slice.replace(/\+/g, ' ')) === value;
  if (key === 'json') return JSON.parse(`"${slice}"`) === value;
  if (key === 'base64+json') {
    const decoded = Buffer.from(slice.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString(
      'utf8',
    );
    return decoded.includes(JSON.stringify(value).slice(1, -1));
  }
  throw new Error(`unexpected layers ${key}`);
}

function checkLabel(c: Corpus, l: Planted | Negative): void {
  const v = at(c.events[l.eventIndex], l.path);
  assert.ok(typeof v === 'string' || typeof v === 'number', `${l.path} is ${typeof v}`);
  const s = String(v);
  assert.ok(
    l.start >= 0 && l.end <= s.length && l.start < l.end,
    `span ${l.start}..${l.end} outside ${l.path}`,
  );
  const slice = s.slice(l.start, l.end);
  assert.ok(
    carries(slice, l.layers, l.value),
    `${l.kind} ${JSON.stringify(l.value)} not at ${l.path} [${l.layers}]: ${JSON.stringify(slice)}`,
  );
}

describe('corpus generator', () => {
  test('is deterministic for a seed', () => {
    const again = generateCorpus({ seed: 1, events: 3000, split: 'tune' });
    assert.deepEqual(again.events, tune.events);
    assert.deepEqual(again.planted, tune.planted);
    assert.deepEqual(again.negatives, tune.negatives);
    const other = generateCorpus({ seed: 2, events: 50, split: 'tune' });
    assert.notDeepEqual(other.events, tune.events.slice(0, 50));
  });

  test('tune and eval templates are disjoint', () => {
    const t = new Set(vocabStrings(tuneVocab));
    assert.deepEqual(
      vocabStrings(evalVocab).filter((s) => t.has(s)),
      [],
    );
    const names = (c: Corpus): Set<string> =>
      new Set(
        c.events.map((e) => {
          const o = e as Record<string, unknown>;
          return String(o.event ?? o.event_type ?? o.name ?? o.type);
        }),
      );
    const tn = names(tune);
    assert.deepEqual(
      [...names(evalCorpus)].filter((n) => tn.has(n) && n !== 'identify'),
      [],
    );
  });

  test('events are about 1 KB', () => {
    for (const c of both) {
      const mean =
        c.events.reduce<number>((s, e) => s + JSON.stringify(e).length, 0) / c.events.length;
      assert.ok(mean > 600 && mean < 2000, `mean ${mean}`);
    }
  });

  test('every label points at its value', () => {
    for (const c of both) for (const l of [...c.planted, ...c.negatives]) checkLabel(c, l);
  });

  test('every card passes Luhn, every IBAN mod-97, every My Number its check digit', () => {
    for (const c of structured) {
      const of = (kind: string): string[] =>
        c.planted.filter((p) => p.kind === kind).map((p) => p.value);
      const cards = of('credit_card');
      const ibans = of('iban');
      const myNumbers = of('jp_my_number');
      assert.ok(cards.length > 50 && ibans.length > 50 && myNumbers.length > 50);
      for (const v of cards) assert.ok(isLuhnValid(v.replace(/[ -]/g, '')), v);
      for (const v of ibans) assert.ok(isIbanValid(v), v);
      for (const v of myNumbers) assert.ok(isMyNumberValid(v.replace(/[ -]/g, '')), v);
    }
  });

  test('every E.164 phone number is valid', () => {
    const phones = structured[0]!.planted.filter(
      (p) => p.kind === 'phone_number' && p.value.startsWith('+'),
    );
    assert.ok(phones.length > 20);
    for (const p of phones)
      assert.ok(parsePhoneNumberFromString(p.value.replace(/ /g, ''))?.isValid(), p.value);
  });

  test('hard 16-digit negatives fail Luhn', () => {
    for (const n of evalCorpus.negatives.filter((x) => x.kind === 'non_luhn_16'))
      assert.ok(!isLuhnValid(n.value.replace(/ /g, '')), n.value);
  });

  test('every kind is planted in every position its items allow', () => {
    for (const c of structured) {
      const keyed = new Set(c.families.filter((f) => f.needsKey).map((f) => f.kind));
      const seen = new Map<string, Set<string>>();
      for (const p of c.planted)
        (seen.get(p.kind) ?? seen.set(p.kind, new Set()).get(p.kind)!).add(p.position);
      for (const [kind, positions] of seen)
        if (!keyed.has(kind)) assert.deepEqual([...positions].sort(), [...POSITIONS].sort(), kind);
    }
  });

  test('picks up new rules and makes fresh tokens from their examples', () => {
    const fake: Rule = {
      id: 'acme_token',
      category: 'system.authentication',
      description: 'Test-only token.',
      keywords: ['acme_'],
      pattern: /acme_[a-z0-9]{24}(?![a-z0-9])/y,
      confidence: 0.9,
      examples: {
        positive: [
          { text: 'key acme_k3j9x0q7m2p5v8b1n4c6z0w2 end', match: 'acme_k3j9x0q7m2p5v8b1n4c6z0w2' },
        ],
        negative: [],
      },
    };
    const c = generateCorpus({ seed: 3, events: 800, split: 'tune', rules: [fake] });
    const tokens = c.planted.filter((p) => p.kind === 'acme_token').map((p) => p.value);
    assert.ok(tokens.length > 5);
    assert.ok(new Set(tokens).size > tokens.length / 2, 'tokens are fresh');
    for (const t of tokens) assert.match(t, /^acme_[a-z0-9]{24}$/);
  });
});

describe('scoreFindings', () => {
  test('perfect findings score 1, findings on negatives count', () => {
    const slice = { planted: tune.planted.slice(0, 300), negatives: tune.negatives.slice(0, 300) };
    const findings: { path: string; kind: string; start: number; end: number }[][] = [];
    for (const p of slice.planted)
      (findings[p.eventIndex] ??= []).push({
        path: p.path,
        kind: p.kind,
        start: p.start,
        end: p.end,
      });
    const perfect = scoreFindings(slice, findings);
    assert.equal(perfect.found, perfect.planted);
    assert.equal(perfect.negatives.hit, 0);
    const n = slice.negatives[0]!;
    (findings[n.eventIndex] ??= []).push({
      path: n.path,
      kind: 'phone',
      start: n.start,
      end: n.end,
    });
    assert.equal(scoreFindings(slice, findings).negatives.hit, 1);
  });

  test('equivalent kinds count, other kinds do not', () => {
    const p = tune.planted.find((x) => x.kind === 'phone_number')!;
    const one = { planted: [p], negatives: [] };
    const f = (kind: string): { path: string; kind: string; start: number; end: number }[][] => {
      const out: { path: string; kind: string; start: number; end: number }[][] = [];
      out[p.eventIndex] = [{ path: p.path, kind, start: p.start, end: p.start + 1 }];
      return out;
    };
    assert.equal(scoreFindings(one, f('phone')).found, 1);
    assert.equal(scoreFindings(one, f('ipv4')).found, 0);
  });
});
