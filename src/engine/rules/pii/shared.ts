/**
 * Helpers shared by the personal-data rules: character classes, bounded look-behind for context
 * words, field-name context, and the digit-group reader used by every numeric rule. Everything
 * here does work bounded by its arguments (a window or a digit run), never by the text length.
 */
import { isUnder } from '../../categories.js';
import { isWordChar } from '../../text.js';
import type { Category, ScanContext } from '../../types.js';

export { isLetter, isUpper, isWordChar } from '../../text.js';

/**
 * True for dash look-alikes NFKC leaves alone (‐ ‑ ‒ – — − ー): Japanese input methods often
 * type `−` (U+2212) or `ー` between digit groups. `－` (U+FF0D) needs no entry: NFKC makes it `-`.
 */
export function isDashLike(c: number): boolean {
  return (c >= 0x2010 && c <= 0x2014) || c === 0x2212 || c === 0x30fc;
}

/** The dash look-alikes as keywords, for rules that must see digit groups split by them. */
export const DASH_KEYWORDS: readonly string[] = ['‐', '‑', '–', '—', '−', 'ー'];

/** Char code at `i`, or 0 outside the text (so boundary checks need no range tests). */
export function codeAt(text: string, i: number): number {
  return i >= 0 && i < text.length ? text.charCodeAt(i) : 0;
}

/**
 * True when `re` matches within the `window` characters before `pos`. `re` must have no
 * unbounded quantifier; the slice is at most `window` long, so the cost is bounded.
 */
export function contextBefore(text: string, pos: number, window: number, re: RegExp): boolean {
  if (pos <= 0) return false;
  return re.test(text.slice(Math.max(0, pos - window), pos));
}

/**
 * True when the field gives `category` as context: the classifier put the field under it, or
 * (when the classifier knows nothing about the field) its normalized name matches `keyRe`.
 */
export function fieldIs(ctx: ScanContext, category: Category, keyRe: RegExp): boolean {
  if (ctx.keyCategory !== undefined) return isUnder(ctx.keyCategory, category);
  return ctx.key.length > 0 && ctx.key.length <= 64 && keyRe.test(ctx.key);
}

/** A digit run split into groups: `090-1234-5678` → digits `09012345678`, groups [3, 4, 4]. */
export interface DigitGroups {
  /** The ASCII digits, separators removed. */
  readonly digits: string;
  /** Length of each digit group, in order. */
  readonly groups: readonly number[];
  /** Separator text between groups (`groups.length - 1` entries); dash look-alikes read as `-`. */
  readonly seps: readonly string[];
}

/**
 * Split `text[start, end)` (a digit run: digits and short separator sequences) into groups.
 * Returns undefined when the span holds anything but digits, the scanner's separators
 * (space - . ( ) / +) and dash look-alikes, or more than `maxDigits` digits.
 */
export function readGroups(
  text: string,
  start: number,
  end: number,
  maxDigits: number,
): DigitGroups | undefined {
  let digits = '';
  const groups: number[] = [];
  const seps: string[] = [];
  let sep = '';
  let len = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (digits.length >= maxDigits) return undefined;
      if (len === 0 && groups.length > 0) seps.push(sep);
      digits += text[i];
      len++;
      continue;
    }
    if (len > 0) {
      groups.push(len);
      len = 0;
      sep = '';
    }
    if (isDashLike(c)) sep += '-';
    else if (c === 32 || c === 45 || c === 46 || c === 40 || c === 41 || c === 47 || c === 43)
      sep += text[i];
    else return undefined;
  }
  if (len > 0) groups.push(len);
  return { digits, groups, seps };
}

/** True when every separator is exactly `sep` (one character). */
export function allSeps(g: DigitGroups, sep: string): boolean {
  for (const s of g.seps) if (s !== sep) return false;
  return true;
}

/** True when all characters of `digits` are the same (`0000000000`). */
export function allSame(digits: string): boolean {
  for (let i = 1; i < digits.length; i++)
    if (digits.charCodeAt(i) !== digits.charCodeAt(0)) return false;
  return true;
}

/**
 * True when the digit run `[start, end)` stands alone: no letter, digit or `_` touches it, and
 * it is not the tail of a hyphen/dot-joined token (`ORD-2024-000123`, `build.1234567`,
 * `a716-446655440000`).
 */
export function standsAlone(text: string, start: number, end: number): boolean {
  const before = codeAt(text, start - 1);
  if (isWordChar(before) || isWordChar(codeAt(text, end))) return false;
  if ((before === 45 || before === 46 || before === 47) && isWordChar(codeAt(text, start - 2)))
    return false;
  const after = codeAt(text, end);
  if ((after === 45 || after === 46) && isWordChar(codeAt(text, end + 1))) return false;
  return true;
}

const ID_LIKE_KEY =
  /(?:^|_)(?:id|ids|no|num|number|code|ref|reference|sku|order|invoice|tracking|serial|seq|sequence|count|total|amount|price|ts|time|timestamp|epoch|version|build)(?:_|$)/;

/**
 * True when the field's normalized name says its value is an identifier or a quantity
 * (`order_id`, `invoice_no`, `tracking_number`, `total`): bare digit strings there are not
 * personal numbers. Only consulted when nothing else gives context.
 */
export function isIdLikeKey(ctx: ScanContext): boolean {
  return isIdLikeName(ctx.key);
}

/** Characters of a JSON or query-string key (`order_id`, `orderId`, `$insert_id`, `order-no`). */
function isKeyChar(c: number): boolean {
  return isWordChar(c) || c === 36 || c === 45 || c === 46;
}

/** `i` moved back over a quote ending there, and the backslash escaping it (`\"` in JSON text). */
function skipQuote(text: string, i: number): number {
  const c = codeAt(text, i - 1);
  if (c !== 34 && c !== 39) return i;
  return codeAt(text, i - 2) === 92 ? i - 2 : i - 1;
}

/**
 * The key written right before `pos` in JSON or a query string — `"order_id":"`, `"orderId": `,
 * `order_id=`, `\"orderId\":\"` in JSON inside a JSON string — normalized like field names
 * (`orderId` → `order_id`), or '' when there is none. Reads at most 48 characters back.
 */
export function keyBefore(text: string, pos: number): string {
  const min = Math.max(0, pos - 48);
  let i = skipQuote(text, pos);
  while (i > min && codeAt(text, i - 1) === 32) i--;
  const sep = codeAt(text, i - 1);
  if (sep !== 58 && sep !== 61) return '';
  i--;
  while (i > min && codeAt(text, i - 1) === 32) i--;
  i = skipQuote(text, i);
  const end = i;
  while (i > min && isKeyChar(text.charCodeAt(i - 1))) i--;
  if (i === end || end - i > 40) return '';
  return text
    .slice(i, end)
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[-.$]/g, '_')
    .toLowerCase();
}

/**
 * True when the key written right before `pos` (see `keyBefore`) names an identifier or a
 * quantity: `{"order_id":"100234567890"}` inside a string, `?invoice_no=…`. The field-name context
 * of the string holding that text is the outer key, so the inner key is read from the text.
 */
export function idLikeKeyBefore(text: string, pos: number): boolean {
  return isIdLikeName(keyBefore(text, pos));
}

/** True when a normalized key names an identifier or a quantity (see `isIdLikeKey`). */
export function isIdLikeName(key: string): boolean {
  return key.length > 0 && key.length <= 64 && ID_LIKE_KEY.test(key);
}
