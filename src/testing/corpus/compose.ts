/**
 * Strings with labelled spans that survive encoding. A `Composed` is text plus marks; joining,
 * percent-encoding, JSON-escaping and base64-encoding it moves every mark to where its characters
 * ended up, so a label can always point into the final string.
 */
import type { Encoding } from '../../engine/types.js';
import type { NegativeKind, Position } from './types.js';

/** What a mark labels. */
export type Tag =
  | {
      readonly role: 'planted';
      readonly kind: string;
      readonly value: string;
      readonly position: Position;
    }
  | { readonly role: 'negative'; readonly kind: NegativeKind; readonly value: string };

/** A labelled span `[start, end)` of a composed text, with the layers applied over it so far. */
export interface Mark {
  readonly start: number;
  readonly end: number;
  readonly tag: Tag;
  readonly layers: readonly Encoding[];
}

/** Text with labelled spans. `asNumber` leaves become JSON numbers when the event is finalized. */
export class Composed {
  constructor(
    readonly text: string,
    readonly marks: readonly Mark[],
    readonly asNumber = false,
  ) {}
}

/** Anything `join` accepts. */
export type Part = Composed | string;

/** `text` marked as a whole with `tag`. */
export function marked(text: string, tag: Tag): Composed {
  return new Composed(text, [{ start: 0, end: text.length, tag, layers: [] }]);
}

/** A labelled number (kept as a number in the event; spanned as `String(n)`). */
export function markedNumber(n: number, tag: Tag): Composed {
  const text = String(n);
  return new Composed(text, [{ start: 0, end: text.length, tag, layers: [] }], true);
}

/** Concatenation, marks shifted. */
export function join(...parts: readonly Part[]): Composed {
  let text = '';
  const marks: Mark[] = [];
  for (const p of parts) {
    if (typeof p === 'string') {
      text += p;
      continue;
    }
    for (const m of p.marks)
      marks.push({ ...m, start: m.start + text.length, end: m.end + text.length });
    text += p.text;
  }
  return new Composed(text, marks);
}

/**
 * Encode `c` code point by code point with `enc`, moving marks; marks whose text changed gain
 * `layer` (outermost first).
 */
function perCodePoint(
  c: Composed,
  enc: (cp: string) => string,
  layer: Encoding,
  always = false,
): Composed {
  const src = c.text;
  const at = new Int32Array(src.length + 1);
  let out = '';
  for (let i = 0; i < src.length;) {
    const cp = src.codePointAt(i)!;
    const w = cp > 0xffff ? 2 : 1;
    at[i] = out.length;
    if (w === 2) at[i + 1] = out.length;
    out += enc(src.slice(i, i + w));
    i += w;
  }
  at[src.length] = out.length;
  const marks = c.marks.map((m) => {
    const start = at[m.start]!;
    const end = at[m.end]!;
    const changed = always || out.slice(start, end) !== src.slice(m.start, m.end);
    return { ...m, start, end, layers: changed ? [layer, ...m.layers] : m.layers };
  });
  return new Composed(out, marks);
}

/** `encodeURIComponent`, mark-preserving. */
export function percentEncode(c: Composed): Composed {
  return perCodePoint(c, encodeURIComponent, 'url');
}

/** Form-style query encoding: like `encodeURIComponent` but spaces become `+`. */
export function formEncode(c: Composed): Composed {
  return perCodePoint(c, (s) => (s === ' ' ? '+' : encodeURIComponent(s)), 'url');
}

/** The inside of a JSON string literal (no quotes), mark-preserving; every mark gains `json`. */
export function jsonEscape(c: Composed): Composed {
  return perCodePoint(c, (s) => JSON.stringify(s).slice(1, -1), 'json', true);
}

/** A JSON document whose string leaves may be `Composed` (escaped, marks kept). */
export function jsonDoc(value: unknown): Composed {
  if (value instanceof Composed) {
    if (!value.asNumber) return join('"', jsonEscape(value), '"');
    return new Composed(
      value.text,
      value.marks.map((m) => ({ ...m, layers: ['json', ...m.layers] })),
    );
  }
  if (Array.isArray(value)) {
    const parts: Part[] = ['['];
    value.forEach((v, i) => parts.push(i > 0 ? ',' : '', jsonDoc(v)));
    parts.push(']');
    return join(...parts);
  }
  if (value !== null && typeof value === 'object') {
    const parts: Part[] = ['{'];
    Object.entries(value).forEach(([k, v], i) =>
      parts.push(i > 0 ? ',' : '', JSON.stringify(k), ':', jsonDoc(v)),
    );
    parts.push('}');
    return join(...parts);
  }
  return new Composed(JSON.stringify(value) ?? 'null', []);
}

/**
 * Base64 of the UTF-8 bytes of `c`. A mark moves to the 4-character groups that hold its bytes,
 * so its span may include up to two neighbouring bytes on each side.
 */
export function base64Encode(c: Composed, urlSafe = false): Composed {
  const src = c.text;
  const byteAt = new Int32Array(src.length + 1);
  let bytes = 0;
  for (let i = 0; i < src.length; i++) {
    byteAt[i] = bytes;
    const u = src.charCodeAt(i);
    if (u < 0x80) bytes += 1;
    else if (u < 0x800) bytes += 2;
    // A surrogate pair is one 4-byte sequence: count it on the high half.
    else if (u >= 0xd800 && u <= 0xdbff) bytes += 4;
    else if (u < 0xdc00 || u > 0xdfff) bytes += 3;
  }
  byteAt[src.length] = bytes;
  let out = Buffer.from(src, 'utf8').toString('base64');
  if (urlSafe) out = out.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  const marks = c.marks.map((m) => ({
    ...m,
    start: Math.floor(byteAt[m.start]! / 3) * 4,
    end: Math.min(out.length, Math.ceil(byteAt[m.end]! / 3) * 4),
    layers: ['base64', ...m.layers] as Encoding[],
  }));
  return new Composed(out, marks);
}

const FULL_WIDTH_OFFSET = 0xfee0;

/** ASCII `!`..`~` turned into their full-width forms (`a@b.jp` → `ａ＠ｂ．ｊｐ`). */
export function fullWidth(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out += c >= 0x21 && c <= 0x7e ? String.fromCharCode(c + FULL_WIDTH_OFFSET) : s[i];
  }
  return out;
}
