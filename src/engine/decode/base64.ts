/**
 * Base64 (standard or URL-safe) segments inside a string that decode to readable text, e.g. a
 * `?d=eyJlbWFpbCI6…` parameter or a whole value. Binary results (random ids, hashes, images) are
 * skipped, so this stays cheap on ordinary data.
 */
import type { DecodedView } from './url.js';

/** Segments shorter than this are not tried. */
export const MIN_BASE64 = 16;
const MAX_BASE64 = 1 << 20;

function isB64(c: number): boolean {
  return (
    (c >= 48 && c <= 57) ||
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    c === 43 ||
    c === 47 ||
    c === 95 ||
    c === 45
  );
}

/** Runs of 16+ base64-alphabet characters in `source`, as flat (start, end) pairs. */
export function base64Runs(source: string): Int32Array {
  const out: number[] = [];
  let run = 0;
  for (let i = 0; i <= source.length; i++) {
    if (i < source.length && isB64(source.charCodeAt(i))) run++;
    else {
      if (run >= MIN_BASE64) out.push(i - run, i);
      run = 0;
    }
  }
  return Int32Array.from(out);
}

function isReadable(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd) return false;
  }
  return true;
}

/** Cheap shape checks before decoding: mixed case like encoded text, not hex or words. */
function looksEncoded(source: string, start: number, end: number): boolean {
  let upper = false;
  let lowerOrDigit = false;
  let nonHex = false;
  for (let i = start; i < end; i++) {
    const c = source.charCodeAt(i);
    if (c >= 65 && c <= 90) {
      upper = true;
      if (c > 70) nonHex = true;
    } else if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      lowerOrDigit = true;
      if (c > 102) nonHex = true;
    } else nonHex = true;
    if (upper && lowerOrDigit && nonHex) return true;
  }
  return false;
}

/**
 * Decoded views of each base64 segment of `source` that decodes to readable UTF-8 text.
 * `runs` are candidate (start, end) pairs of base64-alphabet runs (the scanner's stage 1 finds
 * them for free); padding `=` after a run is included.
 */
export function base64Segments(
  source: string,
  runs: Int32Array = base64Runs(source),
  count = runs.length,
): DecodedView[] {
  const out: DecodedView[] = [];
  for (let r = 0; r + 1 < count; r += 2) {
    const start = runs[r]!;
    let end = runs[r + 1]!;
    if (end - start > MAX_BASE64 || !looksEncoded(source, start, end)) continue;
    if (source.charCodeAt(end) === 61) end += source.charCodeAt(end + 1) === 61 ? 2 : 1;
    const seg = source.slice(start, end);
    const buf = Buffer.from(seg, seg.includes('-') || seg.includes('_') ? 'base64url' : 'base64');
    if (buf.length < 8) continue;
    const text = buf.toString('utf8');
    if (!isReadable(text)) continue;
    out.push(viewOf(text, buf.length, start, end));
  }
  return out;
}

/**
 * Map decoded units back to 4-character base64 groups when the text is ASCII (one byte per
 * unit); otherwise every unit maps to the whole segment.
 */
function viewOf(text: string, bytes: number, from: number, to: number): DecodedView {
  const n = text.length;
  const starts = new Int32Array(n);
  const ends = new Int32Array(n);
  const ascii = n === bytes;
  for (let k = 0; k < n; k++) {
    starts[k] = ascii ? from + Math.floor(k / 3) * 4 : from;
    ends[k] = ascii ? Math.min(to, from + Math.floor(k / 3) * 4 + 4) : to;
  }
  return { text, starts, ends };
}
