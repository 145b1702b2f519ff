// The correctness bar of the default policy: over seeded corpora of both template sets, nothing
// planted (personal data, secrets) survives in any form a vendor could read back, and ordinary
// values (UUIDs, prices, durations, plans, models, feature names) pass unchanged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultPolicy } from '../config/policy.js';
import { createDetector } from '../engine/index.js';
import { parseCanonical, type CanonicalEvent } from '../pipeline/event.js';
import {
  generateCorpus,
  type Corpus,
  type Negative,
  type Planted,
  type Split,
} from '../testing/corpus/index.js';
import { ephemeralMasterKey } from './keys.js';
import { createPolicyStep } from './step.js';

const SEED = 20261122;
const EVENTS = 3000;
const SHOWN = 20;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * A vendor-shaped corpus event as a canonical (Segment spec) event. Amplitude's top-level device
 * and app fields (where the corpus plants its `context` items) go to `context`, so no planted
 * item is lost by the conversion itself.
 */
function toCanonical(raw: unknown): Obj {
  if (!isObj(raw)) throw new Error('corpus event is not an object');
  if (typeof raw.type === 'string') return raw;
  if (typeof raw.event_type === 'string') {
    const { event_type, user_id, device_id, event_properties, user_properties, ...rest } = raw;
    return {
      type: 'track',
      event: event_type,
      ...(user_id !== undefined ? { userId: user_id } : {}),
      anonymousId: device_id ?? 'anon',
      properties: event_properties,
      traits: user_properties,
      context: rest,
    };
  }
  const props = isObj(raw.properties) ? raw.properties : {};
  const out: Obj = {
    type: 'track',
    event: raw.event,
    anonymousId: raw.distinct_id ?? props.distinct_id ?? 'anon',
    properties: props,
  };
  // PostHog's envelope: its timestamp and uuid have Segment counterparts.
  if (typeof raw.timestamp === 'string') out.timestamp = raw.timestamp;
  if (typeof raw.uuid === 'string') out.messageId = raw.uuid;
  return out;
}

/** A corpus path (`event_properties.items[0].sku`) as a path in the canonical event. */
function canonicalPath(raw: unknown, path: string): string {
  if (!isObj(raw) || typeof raw.event_type !== 'string') return path;
  const head = /^[A-Za-z_$][A-Za-z0-9_$]*|^\["(?:[^"\\]|\\.)*"\]/.exec(path)?.[0] ?? '';
  const tail = path.slice(head.length);
  if (head === 'event_properties') return `properties${tail}`;
  if (head === 'user_properties') return `traits${tail}`;
  return head.startsWith('[') ? `context${path}` : `context.${path}`;
}

/** The value at a path printed by `formatPath`, or undefined. */
function at(root: unknown, path: string): unknown {
  const re = /\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]|\.?([A-Za-z_$][A-Za-z0-9_$]*)/gy;
  let v = root;
  for (let m = re.exec(path); m !== null && m[0] !== ''; m = re.exec(path)) {
    const seg = m[1] !== undefined ? Number(m[1]) : m[2] !== undefined ? JSON.parse(m[2]) : m[3]!;
    if (v === null || typeof v !== 'object' || !(seg in v)) return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}

/** Every string key and string value of a JSON value. */
function strings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) strings(x, out);
  else if (isObj(v))
    for (const [k, x] of Object.entries(v)) {
      out.push(k);
      strings(x, out);
    }
  return out;
}

const SEPARATED = /[\s\-./()]/;

/**
 * The forms of a planted value a vendor could read back: the text itself, JSON-escaped,
 * percent- and form-encoded, base64 and base64url, digits only (≥ 9 digits, for numbers written
 * with separators) and compact (separators removed), plus the encoded characters that carried it
 * in the input (`carrier`, when it sat under an encoding layer).
 */
function forms(p: Planted, input: unknown): [string, string][] {
  const v = p.value;
  const b64 = Buffer.from(v, 'utf8').toString('base64');
  const out: [string, string][] = [
    ['exact', v],
    ['json-escaped', JSON.stringify(v).slice(1, -1)],
    ['percent', encodeURIComponent(v)],
    ['form', encodeURIComponent(v).replace(/%20/g, '+')],
    ['base64', b64],
    ['base64url', b64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')],
  ];
  const digits = v.replace(/\D/g, '');
  const alnum = v.replace(/[^\p{L}\p{N}]/gu, '');
  if (SEPARATED.test(v) && digits.length >= 9 && digits.length >= 0.6 * alnum.length) {
    out.push(['digits', digits], ['compact', alnum]);
  }
  const holder = at(input, p.path);
  if (p.layers.length > 0 && typeof holder === 'string') {
    const carrier = holder.slice(p.start, p.end);
    if (carrier.length >= 8) out.push([`carrier(${p.layers.join('>')})`, carrier]);
  }
  const seen = new Set<string>();
  return out.filter(([, t]) => t.length > 0 && !seen.has(t) && seen.add(t));
}

/** A planted value found in a minimized event. */
interface Survivor {
  readonly split: Split;
  readonly eventIndex: number;
  readonly kind: string;
  readonly position: string;
  readonly path: string;
  readonly form: string;
  readonly text: string;
}

/** Which forms of `p` appear in the minimized event (JSON text or any string in it). */
function survivingForms(p: Planted, input: unknown, output: unknown): [string, string][] {
  const hay = `${JSON.stringify(output)}\u0000${strings(output).join('\u0000')}`;
  return forms(p, input).filter(([, t]) => hay.includes(t));
}

/** A corpus of `split` run through the default policy. */
interface Run {
  readonly split: Split;
  readonly corpus: Corpus;
  readonly inputs: readonly Obj[];
  readonly outputs: readonly CanonicalEvent[];
  readonly survivors: readonly Survivor[];
}

const step = createPolicyStep(defaultPolicy(), {
  destination: 'correctness',
  master: ephemeralMasterKey(),
  detector: createDetector(),
});

function runSplit(split: Split): Run {
  const corpus = generateCorpus({ seed: SEED, events: EVENTS, split });
  const inputs: Obj[] = [];
  const outputs: CanonicalEvent[] = [];
  corpus.events.forEach((raw, i) => {
    const parsed = parseCanonical(toCanonical(raw));
    if (!parsed.ok) assert.fail(`${split} event ${i} is not canonical: ${parsed.problems.join('; ')}`);
    const r = step(parsed.event);
    if (r.kind !== 'ok') assert.fail(`${split} event ${i}: the default policy said ${r.kind} (${r.reason})`);
    inputs.push(parsed.event);
    outputs.push(r.value.event);
  });
  const survivors: Survivor[] = [];
  for (const p of corpus.planted) {
    const raw = corpus.events[p.eventIndex];
    for (const [form, text] of survivingForms(p, raw, outputs[p.eventIndex])) {
      const { eventIndex, kind, position } = p;
      survivors.push({ split, eventIndex, kind, position, path: canonicalPath(raw, p.path), form, text });
    }
  }
  return { split, corpus, inputs, outputs, survivors };
}

function describe(list: readonly Survivor[]): string {
  const lines = list
    .slice(0, SHOWN)
    .map((s) => `  ${s.kind} @ ${s.position} ${s.split}#${s.eventIndex} ${s.path}: ${s.form} ${JSON.stringify(s.text)}`);
  const more = list.length > SHOWN ? `\n  … and ${list.length - SHOWN} more` : '';
  return `${list.length} planted value(s) survived the default policy:\n${lines.join('\n')}${more}`;
}

/**
 * Survivors known today, by kind and position, each with the gap it shows; they are asserted in
 * `todo` subtests so the suite stays green while the gap stays visible. Remove an entry when its
 * gap is fixed (its todo subtest then passes).
 */
const KNOWN_GAPS: readonly { kind: string; position: string; reason: string }[] = [];

const known = (s: Survivor): boolean =>
  KNOWN_GAPS.some((g) => g.kind === s.kind && g.position === s.position);

const runs = new Map<Split, Run>();
const runOf = (split: Split): Run => {
  let r = runs.get(split);
  if (r === undefined) runs.set(split, (r = runSplit(split)));
  return r;
};

for (const split of ['eval', 'tune'] as const) {
  test(`${split}: nothing planted survives the default policy`, async (t) => {
    const run = runOf(split);
    assert.ok(run.corpus.planted.length > EVENTS / 2, 'the corpus plants about one item per event');
    const unknown = run.survivors.filter((s) => !known(s));
    assert.equal(unknown.length, 0, describe(unknown));
    for (const g of KNOWN_GAPS) {
      await t.test(`known gap: ${g.kind} @ ${g.position}`, { todo: g.reason }, () => {
        const list = run.survivors.filter((s) => s.kind === g.kind && s.position === g.position);
        assert.equal(list.length, 0, describe(list));
      });
    }
  });
}
