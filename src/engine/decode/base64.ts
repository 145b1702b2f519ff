/**
 * Base64 (standard or URL-safe) segments inside a string that decode to readable text, e.g. a
 * `?d=eyJlbWFpbCI6…` parameter or a whole value. Binary results (random ids, hashes, keys,
 * images) are rejected on the bytes, before any string is built, so this stays cheap.
 */
import type { DecodedView } from './view.js';

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

let scratch = Buffer.allocUnsafe(4096);

/**
 * True when `bytes[0, n)` is readable text: printable ASCII, tab/CR/LF, or well-formed UTF-8
 * multi-byte sequences. Random bytes fail within a few bytes.
 */
function isReadableUtf8(bytes: Buffer, n: number): boolean {
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b >= 32 && b < 127) continue;
    if (b === 9 || b === 10 || b === 13) continue;
    const extra =
      b >= 0xf0 && b < 0xf5 ? 3 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xc2 && b < 0xe0 ? 1 : -1;
    if (extra < 0 || i + extra >= n) return false;
    for (let k = 1; k <= extra; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return false;
    i += extra;
  }
  return true;
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
    const need = Math.ceil(((end - start) * 3) / 4);
    if (scratch.length < need) scratch = Buffer.allocUnsafe(need);
    const url = seg.includes('-') || seg.includes('_');
    const n = scratch.write(seg, 0, need, url ? 'base64url' : 'base64');
    if (n < 8 || !isReadableUtf8(scratch, n)) continue;
    const text = scratch.toString('utf8', 0, n);
    out.push(viewOf(text, n, start, end));
  }
  return out;
}

/**
 * Map decoded units back to the 4-character base64 groups that hold their bytes: one byte per
 * unit when the text is ASCII; otherwise through the UTF-8 byte offset of each unit, computed on
 * the first span asked for (a Japanese message inside base64 JSON maps a phone number to its own
 * groups, not to the whole segment).
 */
function viewOf(text: string, bytes: number, from: number, to: number): DecodedView {
  const ascii = text.length === bytes;
  let offsets: Int32Array | undefined;
  return {
    text,
    map: (s, e) => {
      let bs = s;
      let be = e;
      if (!ascii) {
        offsets ??= utf8Offsets(text);
        bs = offsets[s]!;
        be = offsets[e]!;
      }
      return [from + Math.floor(bs / 3) * 4, Math.min(to, from + Math.ceil(be / 3) * 4)];
    },
  };
}

/** UTF-8 byte offset of every UTF-16 unit of `text`, and of its end. */
function utf8Offsets(text: string): Int32Array {
  const n = text.length;
  const out = new Int32Array(n + 1);
  let b = 0;
  for (let i = 0; i < n; i++) {
    out[i] = b;
    const c = text.charCodeAt(i);
    if (c < 0x80) b += 1;
    else if (c < 0x800) b += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      // A surrogate pair is one 4-byte character; a span never ends between its halves.
      b += 4;
      out[++i] = b;
    } else b += 3;
  }
  out[n] = b;
  return out;
}
