/**
 * HTML character references in text: `bob&#64;example.com`, `&#x40;`, `&commat;` (the usual way
 * web pages hide an address from scrapers), and the few named references that carry characters
 * a rule looks for. Decoded with a map back to the source, so a finding points at the references.
 */
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
const REFERENCE = /&(?:#([0-9]{1,7})|#[xX]([0-9A-Fa-f]{1,6})|([a-z]{2,6}));/y;

/**
 * Decode numeric references and the named ones above. Returns undefined when the text has no
 * numeric reference and none of `&commat; &period; &colon; &sol;` (`&amp;` alone hides nothing).
 * Unknown names and code points outside Unicode stay as written. Linear in the input.
 */
export function decodeEntities(source: string): DecodedView | undefined {
  if (!HIDING.test(source)) return undefined;
  const out = createSplice(source);
  for (let i = source.indexOf('&'); i >= 0; i = source.indexOf('&', i + 1)) {
    REFERENCE.lastIndex = i;
    const m = REFERENCE.exec(source);
    if (m === null) continue;
    let decoded: string | undefined;
    if (m[3] !== undefined) decoded = NAMED[m[3]];
    else {
      const cp = m[1] !== undefined ? Number(m[1]) : parseInt(m[2]!, 16);
      if (cp > 0 && cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff))
        decoded = String.fromCodePoint(cp);
    }
    if (decoded === undefined) continue;
    out.replace(i, i + m[0].length, decoded);
    i += m[0].length - 1;
  }
  return out.view();
}
