/**
 * Backslash escapes in text that is not a whole JSON document: a JSON fragment cut short by a
 * client's length limit (`{"address":"\u6771\u4eac\u90fd…` from Python's `json.dumps`, whose
 * default escapes every non-ASCII character), URLs with PHP's escaped slashes
 * (`https:\/\/…\/reset?email=…`), or `\u0040` and `\x40` written into a string by hand. Decoded
 * with a map back to the source, so a finding points at the escapes that carry it.
 */
import { sparseMap, type DecodedView } from './view.js';

/** Single-character JSON escapes (`\n`, `\"`, `\\` …), by the code of the character after `\`. */
const SIMPLE: Readonly<Record<number, string>> = {
  34: '"',
  39: "'",
  47: '/',
  92: '\\',
  98: '\b',
  102: '\f',
  110: '\n',
  114: '\r',
  116: '\t',
};

/** An escape that may hide something (a pre-check: an escaped backslash before `u0040` passes it, and decodes to nothing hidden). */
const HIDING = /\\(?:u[0-9A-Fa-f]{4}|x[0-9A-Fa-f]{2}|\/)/;

function hexDigits(source: string, at: number, count: number): number {
  if (at + count > source.length) return -1;
  let v = 0;
  for (let i = at; i < at + count; i++) {
    const c = source.charCodeAt(i);
    const d =
      c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 70 ? c - 55 : c >= 97 && c <= 102 ? c - 87 : -1;
    if (d < 0) return -1;
    v = (v << 4) | d;
  }
  return v;
}

/**
 * Decode `\uXXXX`, `\xXX` and the single-character escapes. Returns undefined when the text has
 * no `\u`, `\x` or `\/` escape: other escapes (`\"`, `\n`) hide nothing a rule looks for, so such
 * text is not scanned twice. Invalid escapes stay as written. Linear in the input.
 */
export function unescapeText(source: string): DecodedView | undefined {
  if (!HIDING.test(source)) return undefined;
  let i = source.indexOf('\\');
  // Per escape: [start in text, end in text, start in source, end in source].
  const runs: number[] = [];
  let text = '';
  let j = 0;
  let from = 0;
  let hiding = false;
  while (i >= 0 && i + 1 < source.length) {
    const c = source.charCodeAt(i + 1);
    let unit = -1;
    let len = 2;
    if (c === 117) {
      unit = hexDigits(source, i + 2, 4);
      len = 6;
    } else if (c === 120) {
      unit = hexDigits(source, i + 2, 2);
      len = 4;
    }
    const simple = unit < 0 && len === 2 ? SIMPLE[c] : undefined;
    if (unit < 0 && simple === undefined) {
      i = source.indexOf('\\', i + 1);
      continue;
    }
    if (c === 117 || c === 120 || c === 47) hiding = true;
    text += source.slice(from, i);
    j += i - from;
    runs.push(j, j + 1, i, i + len);
    text += simple ?? String.fromCharCode(unit);
    j++;
    from = i + len;
    i = source.indexOf('\\', from);
  }
  if (!hiding) return undefined;
  text += source.slice(from);
  return { text, map: sparseMap(runs) };
}
