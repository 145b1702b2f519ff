/**
 * Backslash escapes in text that is not a whole JSON document: a JSON fragment cut short by a
 * client's length limit (`{"address":"\u6771\u4eac\u90fd…` from Python's `json.dumps`, whose
 * default escapes every non-ASCII character), URLs with PHP's escaped slashes
 * (`https:\/\/…\/reset?email=…`), or `\u0040` and `\x40` written into a string by hand. Decoded
 * with a map back to the source, so a finding points at the escapes that carry it.
 */
import { hexDigit } from './url.js';
import { createSplice, type DecodedView } from './view.js';

/** Single-character JSON escapes (`\n`, `\"`, `\\` …), by the code of the character after `\`. */
const SIMPLE: Readonly<Record<number, number>> = {
  34: 34, // "
  39: 39, // '
  47: 47, // /
  92: 92, // \\
  98: 8, // \b
  102: 12, // \f
  110: 10, // \n
  114: 13, // \r
  116: 9, // \t
};

/** An escape that may hide something (a pre-check: an escaped backslash before `u0040` passes it, and decodes to nothing hidden). */
const HIDING = /\\(?:u[0-9A-Fa-f]{4}|x[0-9A-Fa-f]{2}|\/)/;

function hexDigits(source: string, at: number, count: number): number {
  if (at + count > source.length) return -1;
  let v = 0;
  for (let i = at; i < at + count; i++) {
    const d = hexDigit(source.charCodeAt(i));
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
  const out = createSplice(source);
  let hiding = false;
  for (let i = source.indexOf('\\'); i >= 0 && i + 1 < source.length;) {
    const c = source.charCodeAt(i + 1);
    const unit =
      c === 117 ? hexDigits(source, i + 2, 4) : c === 120 ? hexDigits(source, i + 2, 2) : -1;
    const decoded = unit >= 0 ? unit : c === 117 || c === 120 ? -1 : (SIMPLE[c] ?? -1);
    if (decoded < 0) {
      i = source.indexOf('\\', i + 1);
      continue;
    }
    if (c === 117 || c === 120 || c === 47) hiding = true;
    const end = i + (c === 117 ? 6 : c === 120 ? 4 : 2);
    out.replaceUnit(i, end, decoded);
    i = source.indexOf('\\', end);
  }
  return hiding ? out.view() : undefined;
}
