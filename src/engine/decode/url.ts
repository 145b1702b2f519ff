/**
 * Percent-decoding with a map back to the source, so `email=bob%40example.com` is scanned as
 * `email=bob@example.com` and the finding still points at `bob%40example.com`. In a query string
 * (after `?`) or a form body (`a=1&b=2`), `+` means a space and is decoded as one.
 */
import { createSplice, type DecodedView, type Splice } from './view.js';

export type { DecodedView } from './view.js';

/** The value of hex digit `c` (a char code), or -1. */
export function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

// A byte-order mark is kept as U+FEFF, so every decoded character has bytes of its own.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
/** Bytes of one run of `%XX` (a longer run is decoded in pieces of this size). */
const bytes = new Uint8Array(4096);

/** Byte at `i` if `source[i..i+3]` is `%XX`, else -1. */
function pctByte(source: string, i: number): number {
  if (source.charCodeAt(i) !== 37 || i + 2 >= source.length) return -1;
  const h = hexDigit(source.charCodeAt(i + 1));
  const l = hexDigit(source.charCodeAt(i + 2));
  return h < 0 || l < 0 ? -1 : (h << 4) | l;
}

const FORM = /^[^\s=&?#]{1,256}=[^\s]{0,65536}$/;

/** Where `+` starts meaning a space: after `?` in a URL, from 0 in a form body, else never. */
function plusFrom(source: string): number {
  const q = source.indexOf('?');
  if (q >= 0) return q;
  return source.includes('&') && FORM.test(source) ? 0 : source.length;
}

/**
 * Decode `%XX` sequences (UTF-8) and, in queries and form bodies, `+`. Invalid sequences stay as
 * they are. Returns undefined when there is nothing to decode. Linear in the input.
 */
export function percentDecode(source: string): DecodedView | undefined {
  const plus = plusFrom(source);
  const hasPlus = plus < source.length && source.indexOf('+', plus) >= 0;
  if (!hasPlus && !/%[0-9A-Fa-f]{2}/.test(source)) return undefined;
  const n = source.length;
  const out = createSplice(source);
  for (let i = 0; i < n;) {
    const c = source.charCodeAt(i);
    if (c === 43 && i > plus) {
      out.replaceUnit(i, i + 1, 32);
      i++;
      continue;
    }
    // Plain characters, and a lone `%`, stay as they are.
    if (c !== 37 || pctByte(source, i) < 0) {
      i++;
      continue;
    }
    const from = i;
    let count = 0;
    let ascii = true;
    for (let b = pctByte(source, i); b >= 0 && count < bytes.length; b = pctByte(source, i)) {
      bytes[count++] = b;
      if (b >= 0x80) ascii = false;
      i += 3;
    }
    if (ascii) {
      // One unit per `%XX`: each maps back to its own three characters.
      out.replaceUnits(from, i, bytes, count, 3);
      continue;
    }
    let decoded: string;
    try {
      decoded = utf8.decode(bytes.subarray(0, count));
    } catch {
      // An invalid run is kept as written; every unit maps to the whole run.
      out.replace(from, i, source.slice(from, i));
      continue;
    }
    // Three bytes for every unit: all of them BMP characters of three bytes (kana, kanji), one
    // replacement of width 9; otherwise character by character.
    if (count === 3 * decoded.length) out.replace(from, i, decoded, 9);
    else mapCharacters(out, from, decoded);
  }
  return out.view();
}

/** Units of one group of characters of equal byte length (`mapCharacters`). */
const group = new Uint16Array(4096);

/**
 * Splice the valid UTF-8 run `decoded` (its bytes written as `%XX` from `from`) so that each
 * character maps back to its own `%XX` bytes: a finding that starts inside a run (`%20%E6%9D%B1…`,
 * ` 東…`) points at its own characters, not at the run's start. Characters of one byte length
 * in a row are one replacement of that width (a run of kanji is one); a character outside the
 * BMP (two units) is one of its own.
 */
function mapCharacters(out: Splice, from: number, decoded: string): void {
  let at = from;
  let start = from;
  let width = 0;
  let n = 0;
  const flush = (): void => {
    if (n > 0) out.replaceUnits(start, at, group, n, width);
    n = 0;
  };
  for (let k = 0; k < decoded.length;) {
    const cp = decoded.codePointAt(k)!;
    const w = 3 * (cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4);
    if (cp > 0xffff) {
      flush();
      out.replace(at, at + w, decoded.slice(k, k + 2));
      k += 2;
      at += w;
      start = at;
      width = 0;
      continue;
    }
    if (w !== width) {
      flush();
      start = at;
      width = w;
    }
    group[n++] = cp;
    k++;
    at += w;
  }
  flush();
}
