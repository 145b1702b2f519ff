/**
 * NFKC view of a string with a map back to the original, so full-width and compatibility
 * characters (`ｂｏｂ＠ｅｘａｍｐｌｅ．ｃｏｍ`, `０９０`) match the same rules as ASCII and the
 * reported spans still point into the original string. Beyond NFKC, dash look-alikes next to
 * digits become `-`, so `０９０−１２３４−５６７８` (U+2212) reads as one digit run.
 */

/** A normalized view: `text[i]` comes from `original.slice(map[i], map[i] + width[i])`. */
export interface NormalizedView {
  readonly text: string;
  readonly map: Int32Array;
  readonly width: Int32Array;
}

/** NFKC of each BMP unit, filled lazily (undefined until seen). */
const bmp: (string | undefined)[] = new Array<string | undefined>(65536);
const astral = new Map<number, string>();

function nfkc(cp: number): string {
  if (cp < 65536) return (bmp[cp] ??= String.fromCharCode(cp).normalize('NFKC'));
  let s = astral.get(cp);
  if (s === undefined) {
    s = String.fromCodePoint(cp).normalize('NFKC');
    if (astral.size < 4096) astral.set(cp, s);
  }
  return s;
}

/** Dash look-alikes NFKC leaves alone (‐ ‑ ‒ – — − ー ｰ): typed between digit groups in Japan. */
function isDashLike(c: number): boolean {
  return (c >= 0x2010 && c <= 0x2014) || c === 0x2212 || c === 0x30fc || c === 0xff70;
}

function isAnyDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 0xff10 && c <= 0xff19);
}

/** A dash look-alike between or next to digits reads as `-` in the view (`０９０−１２３４`). */
function dashAt(s: string, i: number): boolean {
  return (
    isDashLike(s.charCodeAt(i)) &&
    (isAnyDigit(s.charCodeAt(i - 1)) || isAnyDigit(s.charCodeAt(i + 1)))
  );
}

/** Per BMP unit: 0 not yet known, 1 NFKC keeps it, 2 NFKC changes it (or it is a dash look-alike). */
const status = new Uint8Array(65536);

function unitChanges(c: number): boolean {
  let st = status[c]!;
  if (st === 0) {
    st = nfkc(c) !== String.fromCharCode(c) || isDashLike(c) ? 2 : 1;
    status[c] = st;
  }
  return st === 2;
}

/** True when some code point of `s` changes under NFKC (checked unit by unit, no allocation). */
function changes(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 128) continue;
    if (c < 0xd800 || c > 0xdfff) {
      if (unitChanges(c) && (!isDashLike(c) || dashAt(s, i))) return true;
      continue;
    }
    const cp = s.codePointAt(i)!;
    if (cp > 0xffff) {
      if (nfkc(cp) !== String.fromCodePoint(cp)) return true;
      i++;
    }
  }
  return false;
}

/**
 * Normalize each code point with NFKC (code point by code point, so every output unit maps to
 * exactly one input code point). Returns undefined when nothing changes — the common case for
 * Japanese text and punctuation, found without building anything.
 */
export function normalizeWithMap(original: string): NormalizedView | undefined {
  if (!changes(original)) return undefined;
  const n = original.length;
  const parts: string[] = [];
  let map = new Int32Array(n + 16);
  let width = new Int32Array(n + 16);
  let len = 0;
  let ascii = 0; // start of the pending ASCII run, copied with one slice
  for (let i = 0; i < n;) {
    const c = original.charCodeAt(i);
    if (c < 128) {
      map[len] = i;
      width[len++] = 1;
      i++;
      continue;
    }
    if (ascii < i) parts.push(original.slice(ascii, i));
    const cp = original.codePointAt(i)!;
    const w = cp > 0xffff ? 2 : 1;
    const out = dashAt(original, i) ? '-' : nfkc(cp);
    parts.push(out);
    if (len + out.length > map.length) {
      map = growTo(map, (len + out.length) * 2);
      width = growTo(width, map.length);
    }
    for (let k = 0; k < out.length; k++) {
      map[len] = i;
      width[len++] = w;
    }
    i += w;
    ascii = i;
  }
  if (ascii < n) parts.push(original.slice(ascii));
  return { text: parts.join(''), map: map.subarray(0, len), width: width.subarray(0, len) };
}

function growTo(a: Int32Array<ArrayBuffer>, size: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(size);
  b.set(a);
  return b;
}
