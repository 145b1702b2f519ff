// The correctness bar of the default policy: over seeded corpora of both template sets, nothing
// planted (personal data, secrets) survives in any form a vendor could read back, and ordinary
// values (UUIDs, prices, durations, plans, models, feature names) pass unchanged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultPolicy } from '../config/policy.js';
import { createDetector, formatPath } from '../engine/index.js';
import type { PathSegment } from '../engine/path.js';
import { parseCanonical, type CanonicalEvent } from '../pipeline/event.js';
import {
  generateCorpus,
  type Corpus,
  type Negative,
  type Planted,
  type Split,
} from '../testing/corpus/index.js';
import { toCanonical } from '../testing/corpus/canonical.js';
import { ephemeralMasterKey } from './keys.js';
import { createPolicyStep } from './step.js';

const SEED = 20261122;
const EVENTS = 3000;
const SHOWN = 20;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Amplitude fields and their canonical names; every other top-level field goes to `context`. */
const AMPLITUDE_FIELDS: Readonly<Record<string, string>> = {
  event_type: 'event',
  user_id: 'userId',
  device_id: 'anonymousId',
  event_properties: 'properties',
  user_properties: 'traits',
};

/** A corpus path (`event_properties.items[0].sku`) as a path in the canonical event. */
function canonicalPath(raw: unknown, path: string): string {
  if (!isObj(raw) || typeof raw.event_type !== 'string') return path;
  const head = /^[A-Za-z_$][A-Za-z0-9_$]*|^\["(?:[^"\\]|\\.)*"\]/.exec(path)?.[0] ?? '';
  const tail = path.slice(head.length);
  const renamed = AMPLITUDE_FIELDS[head];
  if (renamed !== undefined) return `${renamed}${tail}`;
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
    // A short value's carrier (a CVV's four base64 characters inside a longer run) is widened to
    // eight characters of its surroundings: a vendor reads the value back only if they survive.
    let start = p.start;
    let end = p.end;
    while (end - start < 8 && (start > 0 || end < holder.length)) {
      if (start > 0) start--;
      if (end < holder.length) end++;
    }
    const carrier = holder.slice(start, end);
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

/**
 * Which forms of `p` appear in the minimized event (JSON text or any string in it). `noise`: the
 * event's hard negatives (random ids, hashes …), blanked out first, so a short value that one of
 * them happens to hold (a card's security code `630` in `vS3bDNC7gF-599630`) is not taken for a
 * survivor.
 */
function survivingForms(
  p: Planted,
  input: unknown,
  output: unknown,
  noise: readonly string[] = [],
): [string, string][] {
  let hay = `${JSON.stringify(output)}\u0000${strings(output).join('\u0000')}`;
  for (const n of noise) if (n.length >= 6) hay = hay.split(n).join('\u0001');
  return forms(p, input).filter(([, t]) => (t.length >= 6 ? hay.includes(t) : hasToken(hay, t)));
}

const isAlnum = (c: number) =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

const isDigit = (c: number) => c >= 48 && c <= 57;

/**
 * `t` in `hay` as a token of its own: a short planted value (a card's `942`, a PIN's `4321`) is
 * not "surviving" inside an unrelated number (`"rows":79421`), a dotted number (a library's
 * version `1.182.9`, a price `12.182`) or a pseudonym.
 */
function hasToken(hay: string, t: string): boolean {
  for (let i = hay.indexOf(t); i >= 0; i = hay.indexOf(t, i + 1)) {
    // A percent escape before it (`cvv%20942`) ends there: its hex digits are not the token's.
    const escaped = hay.charCodeAt(i - 3) === 37;
    const e = i + t.length;
    const dotted =
      (hay.charCodeAt(i - 1) === 46 && isDigit(hay.charCodeAt(i - 2))) ||
      (hay.charCodeAt(e) === 46 && isDigit(hay.charCodeAt(e + 1)));
    if ((escaped || !isAlnum(hay.charCodeAt(i - 1))) && !isAlnum(hay.charCodeAt(e)) && !dotted)
      return true;
  }
  return false;
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
    if (!parsed.ok)
      assert.fail(`${split} event ${i} is not canonical: ${parsed.problems.join('; ')}`);
    const r = step(parsed.event);
    if (r.kind !== 'ok')
      assert.fail(`${split} event ${i}: the default policy said ${r.kind} (${r.reason})`);
    inputs.push(parsed.event);
    outputs.push(r.value.event);
  });
  const noise = new Map<number, string[]>();
  for (const n of corpus.negatives) {
    const list = noise.get(n.eventIndex);
    if (list === undefined) noise.set(n.eventIndex, [n.value]);
    else list.push(n.value);
  }
  const survivors: Survivor[] = [];
  for (const p of corpus.planted) {
    const raw = corpus.events[p.eventIndex];
    const found = survivingForms(p, raw, outputs[p.eventIndex], noise.get(p.eventIndex));
    // One line per planted item: the first of its forms found (the plainest).
    for (const [form, text] of found.slice(0, 1)) {
      const { eventIndex, kind, position } = p;
      survivors.push({
        split,
        eventIndex,
        kind,
        position,
        path: canonicalPath(raw, p.path),
        form,
        text,
      });
    }
  }
  return { split, corpus, inputs, outputs, survivors };
}

function listSurvivors(list: readonly Survivor[]): string {
  const lines = list
    .slice(0, SHOWN)
    .map(
      (s) =>
        `  ${s.kind} @ ${s.position} ${s.split}#${s.eventIndex} ${s.path}: ${s.form} ${JSON.stringify(s.text)}`,
    );
  const more = list.length > SHOWN ? `\n  … and ${list.length - SHOWN} more` : '';
  return `${list.length} planted value(s) survived the default policy:\n${lines.join('\n')}${more}`;
}

/**
 * Survivors known on 2026-11-22 (seed above, both splits), by kind and position, with the gap
 * each shows. They are asserted in `todo` subtests so the suite stays green while the gap stays
 * visible; the main assertion stays strict for every other kind and position. Remove an entry
 * when its gap is fixed (its todo subtest then passes).
 */
const KNOWN_GAPS: readonly { kind: string; positions: readonly string[]; reason: string }[] = [
  // None today. The last ones (bare My Numbers and national phone numbers without context, an
  // X-Amz-Signature followed by punctuation, dates of birth planted without their key) were fixed
  // in the engine and the corpus on 2026-11-22.
];

const gapOf = (s: Survivor): string | undefined =>
  KNOWN_GAPS.find((g) => g.kind === s.kind && g.positions.includes(s.position))?.reason;

const runs = new Map<Split, Run>();
const runOf = (split: Split): Run => {
  let r = runs.get(split);
  if (r === undefined) runs.set(split, (r = runSplit(split)));
  return r;
};

for (const split of ['eval', 'tune'] as const) {
  test(`${split}: the bar can see every planted value in its canonical input`, () => {
    const { corpus, inputs } = runOf(split);
    assert.ok(corpus.planted.length > EVENTS / 2, 'the corpus plants about one item per event');
    const blind = corpus.planted.filter(
      (p) => survivingForms(p, corpus.events[p.eventIndex], inputs[p.eventIndex]).length === 0,
    );
    const shown = blind.slice(0, SHOWN).map((p) => `  ${p.kind} @ ${p.position} ${p.path}`);
    assert.equal(blind.length, 0, `not found in their own input:\n${shown.join('\n')}`);
  });

  test(`${split}: nothing planted survives the default policy`, async (t) => {
    const run = runOf(split);
    const unknown = run.survivors.filter((s) => gapOf(s) === undefined);
    assert.equal(unknown.length, 0, listSurvivors(unknown));
    for (const g of KNOWN_GAPS) {
      for (const position of g.positions) {
        await t.test(`known gap: ${g.kind} @ ${position}`, { todo: g.reason }, () => {
          const list = run.survivors.filter((s) => s.kind === g.kind && s.position === position);
          assert.equal(list.length, 0, listSurvivors(list));
        });
      }
    }
  });
}

/** Negative kinds that are ordinary values: they must reach the vendor verbatim. */
const ORDINARY_KINDS: ReadonlySet<Negative['kind']> = new Set([
  'uuid',
  'price',
  'duration',
  'sku',
  'hex_color',
  'version',
]);
/** Fields that identify a user, device or session: the policy pseudonymizes or drops them. */
const IDENTITY_FIELD = /^\$?(?:distinct|device|session|window|insert|user|anonymous)_?id$/i;
/** Plan-, model- and feature-like fields of the corpus templates. */
const ORDINARY_FIELDS = new Set([
  'plan',
  'model',
  'feature',
  'favorite_feature',
  'format',
  'currency',
  'signup_method',
]);
/** Over-minimization known today, by canonical path (none: keep the machinery for new ones). */
const KNOWN_OVERREACH = undefined as { readonly path: RegExp; readonly reason: string } | undefined;

const leafKey = (path: string): string => /([^.[\]"]+)"?\]?$/.exec(path)?.[1] ?? '';

/** A changed ordinary value: where, what went in and what came out. */
interface Changed {
  /** Kind (for negatives), split and event index. */
  readonly where: string;
  /** Path in the canonical event. */
  readonly path: string;
  readonly input: unknown;
  readonly output: unknown;
}

/** How many ordinary values were compared, and those that changed. */
interface Check {
  checked: number;
  readonly changed: Changed[];
}

/** Ordinary negatives that are a whole value in a plain property, traits or context field. */
function ordinaryNegatives(run: Run): Check {
  const check: Check = { checked: 0, changed: [] };
  for (const n of run.corpus.negatives) {
    const raw = run.corpus.events[n.eventIndex];
    const path = canonicalPath(raw, n.path);
    const input = at(run.inputs[n.eventIndex], path);
    if (!ORDINARY_KINDS.has(n.kind) || n.layers.length > 0 || input !== n.value) continue;
    if (!/^(?:properties|traits|context)[.[]/.test(path) || IDENTITY_FIELD.test(leafKey(path)))
      continue;
    const output = at(run.outputs[n.eventIndex], path);
    check.checked++;
    if (output !== input)
      check.changed.push({ where: `${n.kind} ${run.split}#${n.eventIndex}`, path, input, output });
  }
  return check;
}

/** Plan-, model- and feature-like fields anywhere under properties and traits. */
function ordinaryFields(run: Run): Check {
  const check: Check = { checked: 0, changed: [] };
  const visit = (i: number, segs: PathSegment[], v: unknown): void => {
    if (Array.isArray(v) || isObj(v)) {
      for (const [k, x] of Object.entries(v)) {
        segs.push(Array.isArray(v) ? Number(k) : k);
        visit(i, segs, x);
        segs.pop();
      }
      return;
    }
    const key = segs.at(-1);
    if (typeof key !== 'string' || !ORDINARY_FIELDS.has(key.replace(/_\d+$/, ''))) return;
    const path = formatPath(segs);
    const output = at(run.outputs[i], path);
    check.checked++;
    if (output !== v) check.changed.push({ where: `${run.split}#${i}`, path, input: v, output });
  };
  run.inputs.forEach((e, i) => {
    visit(i, ['properties'], e.properties);
    visit(i, ['traits'], e.traits);
  });
  return check;
}

function describeChanged(list: readonly Changed[], what: string): string {
  const lines = list
    .slice(0, SHOWN)
    .map((c) => `  ${c.where} ${c.path}: ${JSON.stringify(c.input)} → ${JSON.stringify(c.output)}`);
  return `${list.length} ${what} changed:\n${lines.join('\n')}`;
}

for (const split of ['eval', 'tune'] as const) {
  test(`${split}: ordinary values pass unchanged`, async (t) => {
    const run = runOf(split);
    const negatives = ordinaryNegatives(run);
    assert.ok(negatives.checked > EVENTS / 2, `only ${negatives.checked} negatives compared`);
    assert.equal(negatives.changed.length, 0, describeChanged(negatives.changed, 'hard negatives'));
    const fields = ordinaryFields(run);
    assert.ok(fields.checked > EVENTS / 2, `only ${fields.checked} fields compared`);
    const overreach = KNOWN_OVERREACH;
    const unknown = fields.changed.filter(
      (c) => overreach === undefined || !overreach.path.test(c.path),
    );
    assert.equal(unknown.length, 0, describeChanged(unknown, 'plan/model/feature fields'));
    if (overreach === undefined) return;
    await t.test(`known overreach: ${overreach.path.source}`, { todo: overreach.reason }, () => {
      const known = fields.changed.filter((c) => overreach.path.test(c.path));
      assert.equal(known.length, 0, describeChanged(known, 'known over-minimized fields'));
    });
  });
}

/** Twenty events with only ordinary properties: plans, models, durations, prices, features, UUIDs. */
const ORDINARY_PROPERTIES: readonly Obj[] = [
  { plan: 'pro', billing_period: 'annual', seats: 12, price: '$49.00', currency: 'USD' },
  { plan: 'enterprise', amount: 588, discount: '20%', trial_days: 14, coupon: 'SPRING10' },
  { model: 'gpt-4o-mini', temperature: 0.2, max_tokens: 1024, latency_ms: 842, stream: true },
  { model: 'claude-3-5-haiku', prompt_tokens: 3748, completion_tokens: 413, duration: '1.8s' },
  { feature: 'playground_share', enabled: true, rollout: 0.25, variant: 'B' },
  { feature_flags: ['dark_mode', 'usage_alerts', 'sso_login'], flags_evaluated: 3 },
  {
    report_id: '0b3f6a4e-6a51-4c36-9d1c-2f7c1b0e9a11',
    format: 'csv',
    rows: 22964,
    took: '05:20:01',
  },
  { trace_id: '2f1e4d3c-6b5a-4987-8f6e-5d4c3b2a1f0e', span_count: 17, elapsed: 'PT1H30M' },
  {
    template_id: '5d2c8e9f-1a3b-4c5d-8e7f-9a0b1c2d3e4f',
    category: 'billing',
    title: 'Usage report',
  },
  { experiment_id: 'e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b', arm: 'control', exposure: 0.5 },
  { sku: 'SKU-9555-WHT-S', name: 'Ceramic Mug', price: 38.33, quantity: 4, currency: 'EUR' },
  {
    products: [
      { sku: 'HD85-768', price: 231.49 },
      { sku: 'B0P8EXEMU0', price: 191.54 },
    ],
    total: 422.03,
  },
  { label: 'チームプラン（年額）', price: '¥12,800', duration_ms: 15000 },
  { label: 'Team plan — annual', display_price: '€99.90', watch_time: '1h 10m' },
  { accent: '#62fc12', theme: 'dark', font_scale: 1.25, layout: 'compact' },
  {
    app_version: '4.3.5.107',
    build: 'db5fbb2c4238c9fbeb159c5ae9df6066cf7d5e9c',
    channel_name: 'beta',
  },
  {
    steps: [
      { name: 'retrieve', ms: 120 },
      { name: 'rerank', ms: 868 },
      { name: 'generate', ms: 2210 },
    ],
  },
  { search_results: 42, sort: 'desc', tab: 'usage', page_size: 50, filters: { status: 'active' } },
  {
    checksum: '5561a4fa7ed1d83bfb6594eb21b3f857b66e0edafc0e63690999623304c67ec5',
    size_bytes: 48213,
  },
  {
    scopes: ['read', 'write'],
    expires_at: '2027-06-26T07:09:11+09:00',
    plan: 'team',
    renews: false,
  },
];

test('events with only ordinary properties keep their properties', () => {
  assert.equal(ORDINARY_PROPERTIES.length, 20);
  ORDINARY_PROPERTIES.forEach((properties, i) => {
    const input = { type: 'track', event: 'Feature Used', anonymousId: 'anon-1', properties };
    const parsed = parseCanonical(input);
    if (!parsed.ok) assert.fail(`event ${i}: ${parsed.problems.join('; ')}`);
    const r = step(parsed.event);
    if (r.kind !== 'ok') assert.fail(`event ${i}: ${r.kind} (${r.reason})`);
    assert.deepEqual(r.value.event.properties, properties, `event ${i}`);
  });
});
