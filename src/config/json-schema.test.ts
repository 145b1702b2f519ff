// The editor schema: the checked-in copy is current, it accepts real configs, rejects unknown
// keys, and docs/config.md documents every key in it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { CONFIG_SCHEMA_ID, configJsonSchema, configJsonSchemaText } from './json-schema.js';

const read = (rel: string) => readFileSync(new URL(rel, import.meta.url), 'utf8');
type Schema = Record<string, unknown>;

/** Keywords the mini validator understands or may ignore (annotations). */
const KNOWN = new Set(
  [
    '$schema $id $ref $defs title description default format type const enum pattern',
    'minLength maxLength minimum maximum properties required additionalProperties',
    'propertyNames minProperties items minItems anyOf oneOf',
  ]
    .join(' ')
    .split(' '),
);

function typeOk(type: unknown, v: unknown): boolean {
  if (type === 'object') return typeof v === 'object' && v !== null && !Array.isArray(v);
  if (type === 'array') return Array.isArray(v);
  if (type === 'integer') return Number.isInteger(v);
  if (type === 'null') return v === null;
  return typeof v === type;
}

/**
 * A tiny JSON Schema check covering the keywords zod emits for ConfigSchema (an unknown keyword
 * fails the test, so this cannot silently pass). Returns the paths that fail.
 */
function check(root: Schema, s: Schema, v: unknown, at = '$'): string[] {
  for (const k of Object.keys(s)) assert.ok(KNOWN.has(k), `unsupported keyword ${k} at ${at}`);
  const ref = s.$ref as string | undefined;
  if (ref !== undefined) {
    const target = (root.$defs as Record<string, Schema>)[ref.replace('#/$defs/', '')];
    assert.ok(target, `dangling $ref ${ref}`);
    const e = check(root, target, v, at);
    if (e.length) return e;
  }
  if (s.type !== undefined && !typeOk(s.type, v)) return [`${at}: type`];
  if ('const' in s && s.const !== v) return [`${at}: const`];
  if (Array.isArray(s.enum) && !s.enum.includes(v)) return [`${at}: enum`];
  const errs: string[] = [];
  if (typeof v === 'string') {
    if (typeof s.pattern === 'string' && !new RegExp(s.pattern, 'u').test(v))
      errs.push(`${at}: pattern`);
    if (typeof s.minLength === 'number' && v.length < s.minLength) errs.push(`${at}: minLength`);
    if (typeof s.maxLength === 'number' && v.length > s.maxLength) errs.push(`${at}: maxLength`);
  }
  if (typeof v === 'number') {
    if (typeof s.minimum === 'number' && v < s.minimum) errs.push(`${at}: minimum`);
    if (typeof s.maximum === 'number' && v > s.maximum) errs.push(`${at}: maximum`);
  }
  if (Array.isArray(v)) {
    if (typeof s.minItems === 'number' && v.length < s.minItems) errs.push(`${at}: minItems`);
    if (s.items)
      v.forEach((x, i) => errs.push(...check(root, s.items as Schema, x, `${at}[${i}]`)));
  }
  if (typeOk('object', v)) errs.push(...checkObject(root, s, v as Record<string, unknown>, at));
  for (const [kw, want] of [
    ['anyOf', (n: number) => n >= 1],
    ['oneOf', (n: number) => n === 1],
  ] as const) {
    const alts = s[kw] as Schema[] | undefined;
    if (alts && !want(alts.filter((a) => check(root, a, v, at).length === 0).length))
      errs.push(`${at}: ${kw}`);
  }
  return errs;
}

function checkObject(root: Schema, s: Schema, v: Record<string, unknown>, at: string): string[] {
  const errs: string[] = [];
  const props = (s.properties ?? {}) as Record<string, Schema>;
  for (const r of (s.required ?? []) as string[]) if (!(r in v)) errs.push(`${at}.${r}: required`);
  if (typeof s.minProperties === 'number' && Object.keys(v).length < s.minProperties)
    errs.push(`${at}: minProperties`);
  for (const [k, x] of Object.entries(v)) {
    if (s.propertyNames)
      errs.push(...check(root, s.propertyNames as Schema, k, `${at}.${k}(name)`));
    const sub = props[k] ?? s.additionalProperties;
    if (sub === false) errs.push(`${at}.${k}: additionalProperties`);
    else if (typeof sub === 'object' && sub !== null)
      errs.push(...check(root, sub as Schema, x, `${at}.${k}`));
  }
  return errs;
}

test('schema/veil.schema.json is current (else: npm run build && npm run schema)', () => {
  assert.equal(
    read('../../schema/veil.schema.json'),
    configJsonSchemaText(),
    'schema/veil.schema.json is stale: run npm run build && npm run schema',
  );
});

test('draft 2020-12 with $id and title; strict objects for the config and every destination', () => {
  const s = configJsonSchema();
  assert.equal(s.$schema, 'https://json-schema.org/draft/2020-12/schema');
  assert.equal(s.$id, CONFIG_SCHEMA_ID);
  assert.equal(typeof s.title, 'string');
  assert.equal(s.additionalProperties, false);
  assert.deepEqual(s.required, ['version', 'destinations']);
  const props = s.properties as Record<string, Schema>;
  const kinds = (props.destinations?.additionalProperties as Schema).oneOf as Schema[];
  assert.deepEqual(
    kinds.map((k) => (k.properties as Record<string, Schema>).type?.const),
    ['file', 'http', 'mixpanel', 'segment', 'posthog', 'amplitude'],
  );
  for (const k of kinds) assert.equal(k.additionalProperties, false);
  assert.equal(((s.$defs as Record<string, Schema>).policy as Schema).additionalProperties, false);
});

test('accepts examples/veil.yaml and a full config; rejects unknown keys and bad values', () => {
  const s = configJsonSchema();
  const example = parse(read('../../examples/veil.yaml')) as Record<string, unknown>;
  assert.deepEqual(check(s, s, example), []);
  const full = parse(`version: 1
data_dir: ./data
geoip: { country_database: ./GeoLite2-Country.mmdb }
policies: { default: { ip: country, identity: { rotation: daily } } }
destinations:
  a: { type: http, url: "https://x.example/in", headers_env: { Authorization: A }, timeout_ms: 5 }
  b: { type: segment, write_key_env: SEGMENT_WRITE_KEY, policy: { mode: strict, allow: [properties.plan] } }
  c: { type: posthog, project_api_key_env: POSTHOG_KEY, policy: default }
  d: { type: amplitude, api_key_env: AMPLITUDE_KEY, endpoint: "https://api.eu.amplitude.com" }
`) as unknown;
  assert.deepEqual(check(s, s, full), []);

  const bad = structuredClone(example) as { policies: { default: Schema }; colour?: string };
  bad.policies.default.ip_adress = 'drop';
  bad.colour = 'blue';
  assert.deepEqual(check(s, s, bad), [
    '$.policies.default.ip_adress: additionalProperties',
    '$.colour: additionalProperties',
  ]);
  assert.deepEqual(
    check(s, s, { version: 1, destinations: { x: { type: 'file', path: 'p', extra: 1 } } }),
    ['$.destinations.x: oneOf'],
  );
  assert.deepEqual(check(s, s, { version: 2, destinations: {} }), [
    '$.version: const',
    '$.destinations: minProperties',
  ]);
});

test('docs/config.md documents every key of the schema', () => {
  const doc = read('../../docs/config.md');
  const keys = new Set<string>();
  const collect = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(collect);
    else if (typeof v === 'object' && v !== null) {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'properties') Object.keys(x as object).forEach((p) => keys.add(p));
        collect(x);
      }
    }
  };
  collect(configJsonSchema());
  // `key` or the last segment of a dotted `parent.key`.
  const missing = [...keys].filter((k) => !new RegExp(`\`(?:[a-z_.]+\\.)?${k}\``).test(doc));
  assert.deepEqual(missing, []);
});

/** The type cell of a table row (a `\|` inside it is part of the cell). */
function typeCell(row: string): string {
  return row.replace(/\\\|/g, '¦').split('|')[2] ?? '';
}

/** `n` as docs/config.md may write it: decimal, or `2^k` for a power of two above 1024. */
function written(n: number): string[] {
  const k = Math.log2(n);
  return Number.isInteger(k) && k > 10 ? [String(n), `2^${k}`] : [String(n)];
}

test('docs/config.md (and its Japanese copy) gives every numeric range the schema enforces', () => {
  const ranges: [string, number, number][] = [];
  const collect = (v: unknown, key: string): void => {
    if (Array.isArray(v)) v.forEach((x) => collect(x, key));
    else if (typeof v === 'object' && v !== null) {
      const s = v as Schema;
      if (typeof s.minimum === 'number' && typeof s.maximum === 'number')
        ranges.push([key, s.minimum, s.maximum]);
      for (const [k, x] of Object.entries(s)) {
        if (k === 'properties')
          for (const [p, y] of Object.entries(x as Record<string, unknown>)) collect(y, p);
        else collect(x, key);
      }
    }
  };
  collect(configJsonSchema(), '');
  assert.ok(ranges.length >= 20, `only ${ranges.length} ranges found`);
  for (const file of ['../../docs/config.md', '../../docs/config.ja.md']) {
    const rows = read(file)
      .split('\n')
      .filter((l) => l.startsWith('| `'));
    const wrong: string[] = [];
    for (const [key, min, max] of ranges) {
      const mine = rows.filter((r) => new RegExp(`^\\| \`(?:[a-z_.]+\\.)?${key}\` \\|`).test(r));
      const forms = written(min).flatMap((a) => written(max).map((b) => `${a}–${b}`));
      if (mine.length === 0 || !mine.every((r) => forms.some((f) => typeCell(r).includes(f))))
        wrong.push(`${key} ${min}–${max}`);
    }
    assert.deepEqual(wrong, [], file);
  }
});
