/**
 * HTML character references in text: `bob&#64;example.com`, `&#x40;`, `&commat;` (the usual way
 * web pages hide an address from scrapers), and the few named references that carry characters
 * a rule looks for. Decoded with a map back to the source, so a finding points at the references.
 */
import { hexDigit } from './url.js';
import { createSplice, type DecodedView } from './view.js';

/** Named references decoded (the ones that can hide part of an address, a number or a URL). */
const NAMED: Readonly<Record<string, string>> = {
  amp: '&',
  apos: "'",
  colon: ':',
  commat: '@',
  dash: '-',
  gt: '>',
  hyphen: '-',
  lt: '<',
  nbsp: '\u00a0',
  period: '.',
  plus: '+',
  quot: '"',
  sol: '/',
};

/** A reference that may hide something: numeric, or `@ . : /` by name (a pre-check). */
const HIDING = /&(?:#[0-9]{1,7};|#[xX][0-9A-Fa-f]{1,6};|commat;|period;|colon;|sol;)/;

function isDecimal(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * Decode numeric references and the named ones above. Returns undefined when the text has no
 * numeric reference and none of `&commat; &period; &colon; &sol;` (`&amp;` alone hides nothing).
 * Unknown names and code points outside Unicode stay as written. Linear in the input: each `&`
 * reads at most 10 characters after it.
 */
export function decodeEntities(source: string): DecodedView | undefined {
  if (!HIDING.test(source)) return undefined;
  const out = createSplice(source);
  const n = source.length;
  for (let i = source.indexOf('&'); i >= 0; i = source.indexOf('&', i + 1)) {
    let j = i + 1;
    let cp = -1;
    let named: string | undefined;
    if (source.charCodeAt(j) === 35) {
      // `&#` then 1-7 decimal digits, or `x`/`X` and 1-6 hex digits, then `;`.
      j++;
      const hex = (source.charCodeAt(j) | 32) === 120;
      if (hex) j++;
      const max = hex ? 6 : 7;
      let v = 0;
      let k = 0;
      for (; k < max && j < n; k++, j++) {
        const c = source.charCodeAt(j);
        const d = hex ? hexDigit(c) : isDecimal(c) ? c - 48 : -1;
        if (d < 0) break;
        v = v * (hex ? 16 : 10) + d;
      }
      if (k === 0 || source.charCodeAt(j) !== 59) continue;
      cp = v;
    } else {
      // `&` then 2-6 lower-case letters, then `;`.
      let k = 0;
      while (k < 6 && j < n && source.charCodeAt(j) >= 97 && source.charCodeAt(j) <= 122) {
        k++;
        j++;
      }
      if (k < 2 || source.charCodeAt(j) !== 59) continue;
      named = NAMED[source.slice(i + 1, j)];
      if (named === undefined) continue;
    }
    const end = j + 1;
    if (named !== undefined) out.replace(i, end, named);
    else if (cp <= 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) continue;
    else if (cp <= 0xffff) out.replaceUnit(i, end, cp);
    else out.replace(i, end, String.fromCodePoint(cp));
    i = end - 1;
  }
  return out.view();
}
