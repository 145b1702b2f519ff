/**
 * NFKC view of a string with a map back to the original, so full-width and compatibility
 * characters (`ｂｏｂ＠ｅｘａｍｐｌｅ．ｃｏｍ`, `０９０`) match the same rules as ASCII and the
 * reported spans still point into the original string. Beyond NFKC, dash look-alikes next to
 * digits become `-`, so `０９０−１２３４−５６７８` (U+2212) reads as one digit run.
 */

import { grown } from './text.js';

/** A normalized view: `text[i]` comes from `original.slice(map[i], map[i] + width[i])`. */
export interface NormalizedView {
  readonly text: string;
  readonly map: Int32Array;
  readonly width: Uint8Array;
}

/**
 * Per BMP unit, what NFKC makes of it (learned on first sight): 0 not yet known, `unit + 1`
 * when NFKC keeps it, `DASH` for a dash look-alike, `MANY` when the result is not
 * a single unit, otherwise the single resulting unit + 1. `many` holds the NFKC of `MANY` and
 * `DASH` units.
 */
const single = new Int32Array(65536);
const DASH = -1;
const MANY = -2;
const many = new Map<number, string>();
const astral = new Map<number, string>();

/** Dash look-alikes NFKC leaves alone (‐ ‑ ‒ – — − ー ｰ): typed between digit groups in Japan. */
function isDashLike(c: number): boolean {
  return (c >= 0x2010 && c <= 0x2014) || c === 0x2212 || c === 0x30fc || c === 0xff70;
}

function learn(c: number): number {
  const s = String.fromCharCode(c).normalize('NFKC');
  let v: number;
  if (isDashLike(c)) {
    many.set(c, s);
    v = DASH;
  } else if (s.length === 1) {
    v = s.charCodeAt(0) + 1;
  } else {
    many.set(c, s);
    v = MANY;
  }
  single[c] = v;
  return v;
}

function nfkcAstral(cp: number): string {
  let s = astral.get(cp);
  if (s === undefined) {
    s = String.fromCodePoint(cp).normalize('NFKC');
    if (astral.size < 4096) astral.set(cp, s);
  }
  return s;
}

function isAnyDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 0xff10 && c <= 0xff19);
}

/** A dash look-alike at `i` reads as `-` when a digit is next to it (`０９０−１２３４`). */
function nearDigit(s: string, i: number): boolean {
  return (i > 0 && isAnyDigit(s.charCodeAt(i - 1))) || isAnyDigit(s.charCodeAt(i + 1));
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

/** Index of the first unit that NFKC (or the dash rule) changes, or -1. No allocation. */
function firstChange(s: string): number {
  const n = s.length;
  let prev = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 128) {
      prev = c;
      continue;
    }
    if (isHighSurrogate(c) && i + 1 < n) {
      const cp = s.codePointAt(i)!;
      if (cp > 0xffff) {
        if (nfkcAstral(cp) !== String.fromCodePoint(cp)) return i;
        prev = 0;
        i++;
        continue;
      }
    }
    let v = single[c]!;
    if (v === 0) v = learn(c);
    if (v === DASH) {
      if (isAnyDigit(prev) || (i + 1 < n && isAnyDigit(s.charCodeAt(i + 1)))) return i;
    } else if (v !== c + 1) return i;
    prev = c;
  }
  return -1;
}

/** Output buffer, grown as needed and reused (the view's text is copied out of it). */
let units: Uint16Array<ArrayBuffer> = new Uint16Array(1024);

/**
 * Normalize each code point with NFKC (code point by code point, so every output unit maps to
 * exactly one input code point). Returns undefined when nothing changes — the common case for
 * Japanese text and punctuation, found without building anything. Linear: one table lookup per
 * unit once each unit has been seen.
 */
export function normalizeWithMap(original: string): NormalizedView | undefined {
  const first = firstChange(original);
  if (first < 0) return undefined;
  const n = original.length;
  // Room for every unit mapping to one plus the margin the loop keeps (32), so text whose
  // characters each normalize to one unit (full-width letters) never grows the arrays.
  let cap = n + 48;
  if (units.length < cap) units = new Uint16Array(cap);
  let out = units;
  let map = new Int32Array(cap);
  let width = new Uint8Array(cap);
  let len = 0;
  for (let i = 0; i < n;) {
    // Room for the longest expansion of one code point (NFKC of U+FDFA is 18 units).
    if (len + 32 > cap) {
      cap = 2 * cap + 32;
      map = grown(map, cap);
      width = grown(width, cap);
      if (out.length < cap) units = out = grown(out, cap);
    }
    const c = original.charCodeAt(i);
    if (c < 128 || i < first) {
      out[len] = c;
      map[len] = i;
      width[len++] = 1;
      i++;
      continue;
    }
    let s: string | undefined;
    let w = 1;
    if (isHighSurrogate(c) && i + 1 < n) {
      const cp = original.codePointAt(i)!;
      if (cp > 0xffff) {
        s = nfkcAstral(cp);
        w = 2;
      }
    }
    if (s === undefined) {
      let v = single[c]!;
      if (v === 0) v = learn(c);
      if (v === DASH && nearDigit(original, i)) v = 45 + 1; // '-'
      if (v > 0) {
        out[len] = v - 1;
        map[len] = i;
        width[len++] = 1;
        i++;
        continue;
      }
      s = many.get(c)!;
    }
    for (let k = 0; k < s.length; k++) {
      out[len] = s.charCodeAt(k);
      map[len] = i;
      width[len++] = w;
    }
    i += w;
  }
  const text = Buffer.from(out.buffer, out.byteOffset, len * 2).toString('utf16le');
  return { text, map: map.subarray(0, len), width: width.subarray(0, len) };
}
