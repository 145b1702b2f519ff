/**
 * Adversarial values for the worst-case timing: 100 KB strings built to trigger quadratic
 * behaviour (long runs of one character class, separators, repeated token prefixes) and deeply
 * nested values.
 */
import type { Finding } from '../../src/engine/types.js';
import { createRng } from '../../src/testing/corpus/prng.js';
import { timeSync } from './timing.js';

/** Size of each adversarial string, in characters (ASCII: bytes). */
export const SIZE = 100_000;

/** A named adversarial document. */
export interface Adversary {
  readonly name: string;
  readonly value: unknown;
}

function fill(unit: string): string {
  return unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE);
}

function random(alphabet: string): string {
  return createRng(SIZE ^ alphabet.length).chars(alphabet, SIZE);
}

function nested(depth: number): unknown {
  let v: unknown = 'leaf';
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}

/** The fixed adversarial set, each wrapped as `{properties: {note: value}}`. */
export function adversaries(): Adversary[] {
  const strings: [string, string][] = [
    ['letters: one repeated', fill('a')],
    ['letters: random a-z', random('abcdefghijklmnopqrstuvwxyz')],
    ['digits: one repeated', fill('7')],
    ['digits: random', random('0123456789')],
    ['digits with separators', random('0123456789 -.()/+')],
    ['hex: random', random('0123456789abcdef')],
    [
      'base64 alphabet: random',
      random('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'),
    ],
    ['base64 JSON prefix eyJ repeated', fill('eyJ')],
    ['Twilio-like SIDs SK + 32 hex in one run', fill('SK0a1b2c3d4e5f67890a1b2c3d4e5f6789/')],
    ["'@' only", fill('@')],
    ["'.' only", fill('.')],
    ["'a@b.' repeated", fill('a@b.')],
    [
      "local part then '@' then labels",
      'x'.repeat(SIZE / 2) + '@' + fill('y.').slice(0, SIZE / 2 - 1),
    ],
    ['IPv4-ish 1. repeated', fill('1.')],
    ['IPv6-ish a1: repeated', fill('a1:')],
    ['percent escapes %41 repeated', fill('%41')],
    ["'%' only", fill('%')],
    ['backslash escapes \\u0040 repeated', fill('\\u0040')],
    ['HTML references &#64; repeated', fill('&#64;')],
    ['JSON brackets [[[…]]] in a string', '['.repeat(SIZE / 2) + ']'.repeat(SIZE / 2)],
    ['JSON objects {"a":… in a string', fill('{"a":')],
    ['full-width letters', fill('ａ')],
    ['full-width ＠ and ．', fill('ａ＠ｂ．')],
    ['dense emails a@b.co', fill('a@b.co ')],
  ];
  const out: Adversary[] = strings.map(([name, s]) => ({
    name,
    value: { properties: { note: s } },
  }));
  out.push({
    name: 'nested arrays, depth 50,000 (parsed value)',
    value: { properties: { note: nested(50_000) } },
  });
  return out;
}

/** One adversary per distinct rule keyword: the keyword repeated to SIZE characters, without separators. */
export function keywordAdversaries(keywords: readonly string[]): Adversary[] {
  return [...new Set(keywords.map((k) => k.toLowerCase()))]
    .filter((k) => k.length > 0)
    .map((k) => ({ name: `keyword '${k}' repeated`, value: { properties: { note: fill(k) } } }));
}

/** Time of one adversarial document: warm (the median) and its very first call. */
export interface WorstCase {
  readonly name: string;
  /** Median of the timed runs, after the warm-up. */
  readonly ms: number;
  /** The first call on this value (code paths not yet compiled for it). */
  readonly firstMs: number;
  readonly findings: number;
}

/**
 * The document as the gateway holds it: `JSON.parse` of its text, so its strings are flat.
 * (`'x'.repeat(n).slice(…)` makes a sliced string over a rope, which code optimized on parsed
 * strings reads up to 2.5 times slower per character.) A document too deep for `JSON.stringify`
 * is used as built.
 */
function asParsed(value: unknown): unknown {
  let text: string;
  try {
    text = JSON.stringify(value);
  } catch {
    return value;
  }
  return JSON.parse(text) as unknown;
}

/** Warm-up per value: at least this many runs, and until this much time has passed. */
const WARM_RUNS = 3;
const WARM_MS = 60;
const MAX_WARM_RUNS = 30;

/**
 * Time `detect` on each adversary, given as parsed JSON, the way a gateway that keeps receiving
 * such a value would run it: its first call is recorded, then it runs until at least 60 ms and 3
 * runs have passed (at most 30 runs), then the median of 5 timed runs. The optimizing compiler
 * works on a background thread; on this 2-core machine it sometimes finished only after a
 * value's 3 warm-up runs, and the same value's median then moved between 3.4 and 11 ms from one
 * process to the next. A value whose first call took over 50 ms (pathological) gets a single
 * timed run, so that it cannot dominate the benchmark's time.
 */
export function worstCase(
  detect: (v: unknown) => Finding[],
  list: readonly Adversary[],
): WorstCase[] {
  return list.map((a) => {
    const doc = asParsed(a.value);
    const t0 = performance.now();
    const findings = detect(doc).length;
    const firstMs = performance.now() - t0;
    // A pathological first call gets one timed run; every other value warms up first.
    const slow = firstMs > 50;
    const w0 = performance.now();
    for (let runs = 1; !slow && runs < MAX_WARM_RUNS; runs++) {
      if (runs >= WARM_RUNS && performance.now() - w0 >= WARM_MS) break;
      detect(doc);
    }
    const ms = timeSync(() => detect(doc), { warmup: 0, reps: slow ? 1 : 5 }).median;
    return { name: a.name, ms, firstMs, findings };
  });
}
