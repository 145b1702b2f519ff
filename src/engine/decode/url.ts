/**
 * Percent-decoding with a map back to the source, so `email=bob%40example.com` is scanned as
 * `email=bob@example.com` and the finding still points at `bob%40example.com`.
 */

/** A decoded view: unit k of `text` comes from `source.slice(starts[k], ends[k])`. */
export interface DecodedView {
  readonly text: string;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
}

function hex(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Byte at `i` if `source[i..i+3]` is `%XX`, else -1. */
function pctByte(source: string, i: number): number {
  if (source.charCodeAt(i) !== 37 || i + 2 >= source.length) return -1;
  const h = hex(source.charCodeAt(i + 1));
  const l = hex(source.charCodeAt(i + 2));
  return h < 0 || l < 0 ? -1 : (h << 4) | l;
}

/**
 * Decode `%XX` sequences (UTF-8). Invalid sequences stay as they are; `+` stays `+` (it is
 * common in emails). Returns undefined when there is nothing to decode. Linear in the input.
 */
export function percentDecode(source: string): DecodedView | undefined {
  if (!/%[0-9A-Fa-f]{2}/.test(source)) return undefined;
  const parts: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  for (let i = 0; i < source.length;) {
    if (pctByte(source, i) < 0) {
      parts.push(source[i]!);
      starts.push(i);
      ends.push(++i);
      continue;
    }
    const from = i;
    const bytes: number[] = [];
    for (let b = pctByte(source, i); b >= 0 && bytes.length < 4096; b = pctByte(source, i)) {
      bytes.push(b);
      i += 3;
    }
    let decoded: string;
    try {
      decoded = utf8.decode(Uint8Array.from(bytes));
    } catch {
      decoded = source.slice(from, i);
    }
    // Units of one %-run map to the whole run when multi-byte, else 3 chars each.
    const oneToOne = decoded.length === bytes.length;
    for (let k = 0; k < decoded.length; k++) {
      parts.push(decoded[k]!);
      starts.push(oneToOne ? from + 3 * k : from);
      ends.push(oneToOne ? from + 3 * k + 3 : i);
    }
  }
  return { text: parts.join(''), starts: Int32Array.from(starts), ends: Int32Array.from(ends) };
}
