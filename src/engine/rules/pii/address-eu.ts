/**
 * German and French street addresses, the two most common in European analytics after the UK's
 * (the US rule's `10 Downing Street` shape covers its streets, `address-uk.ts` its postcodes).
 *
 * - German: a capitalised street name ending in `straße`, `strasse`, `str.`, `weg`, `platz`,
 *   `allee`, `gasse`, `ring`, `damm` or `ufer`, then a house number (`Hauptstraße 5`,
 *   `Am Lindenweg 12a`), then optionally `, 10115 Berlin` (a five-digit postcode and a city).
 * - French: a house number (with `bis`/`ter`), then `rue`, `avenue`, `boulevard`, `bd`, `place`,
 *   `quai`, `impasse`, `chemin` or `allée`, an optional `de`/`du`/`des`/`de la`/`d'`, and a
 *   capitalised name (`12 rue de Rivoli`), then optionally `, 75001 Paris`.
 *
 * Triggered by the street word; the house number must be there, so `Hauptstraße` alone (a
 * station, a bus stop) and `rue de Rivoli` without a number are not reported.
 */
import type { Candidate, Hit, Rule } from '../../types.js';
import { codeAt, isLetter, isWordChar } from './shared.js';

const DE_SUFFIXES = [
  'straße',
  'strasse',
  'str.',
  'weg',
  'platz',
  'allee',
  'gasse',
  'ring',
  'damm',
  'ufer',
];
/** A house number after a German street name, then an optional postcode and city. */
const DE_AFTER =
  /^ (\d{1,4}[a-z]?(?:-\d{1,4})?)(?![\dA-Za-z])(?:, ?(\d{5}) [A-ZÄÖÜ][A-Za-zÀ-ɏ-]{1,30})?/u;

const FR_STREETS = [
  'rue',
  'avenue',
  'boulevard',
  'bd',
  'place',
  'quai',
  'impasse',
  'chemin',
  'allée',
];
/** What follows a French street word: an optional article, then a capitalised name (1–4 words). */
const FR_AFTER =
  /^ (?:de la |de l'|d'|de |du |des )?[A-ZÀ-Ý][A-Za-zÀ-ɏ'-]{1,30}(?: [A-ZÀ-Ý][A-Za-zÀ-ɏ'-]{1,30}){0,3}(?:, ?\d{5} [A-ZÀ-Ý][A-Za-zÀ-ɏ-]{1,30})?/u;
/** A house number (optionally `bis`/`ter`, a comma) right before the street word. */
const FR_BEFORE = /(?:^|[^\dA-Za-z])(\d{1,4}(?: ?(?:bis|ter))?,? )$/;

/** A Latin letter, accented ones included (`Mühlenweg`, `Honoré`), not CJK or punctuation. */
function isLatin(c: number): boolean {
  return isLetter(c) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);
}

function findGerman(text: string, hit: Hit): Candidate | undefined {
  // The suffix ends a word that starts with a capital (`Hauptstraße`, `Lindenweg`; `Am Weg` too).
  if (isLetter(codeAt(text, hit.end)) && text[hit.end - 1] !== '.') return undefined;
  let s = hit.start;
  while (s > 0 && hit.start - s < 30 && isLatin(text.charCodeAt(s - 1))) s--;
  const first = text.charCodeAt(s);
  const capital =
    (first >= 65 && first <= 90) || first === 0xc4 || first === 0xd6 || first === 0xdc;
  if (!capital || isWordChar(codeAt(text, s - 1))) return undefined;
  // `Am`, `An der`, `Zum` before a street name belong to it.
  const pre = /(?:^|[^\p{L}])((?:Am|An der|An den|Auf dem|Im|In der|Zum|Zur|Alte|Neue) )$/u.exec(
    text.slice(Math.max(0, s - 12), s),
  );
  // A name before the suffix (`Haupt|straße`), or a preposition before it (`Am Weg 5`): `Straße 5`
  // and `Ring 5` alone are not addresses.
  if (s === hit.start && pre === null) return undefined;
  const start = pre === null ? s : s - pre[1]!.length;
  const m = DE_AFTER.exec(text.slice(hit.end, hit.end + 60));
  if (m === null) return undefined;
  return { start, end: hit.end + m[0].length, confidence: m[2] === undefined ? 0.6 : 0.9 };
}

function findFrench(text: string, hit: Hit): Candidate | undefined {
  if (isLetter(codeAt(text, hit.end)) || isLetter(codeAt(text, hit.start - 1))) return undefined;
  const before = FR_BEFORE.exec(text.slice(Math.max(0, hit.start - 12), hit.start));
  if (before === null) return undefined;
  const m = FR_AFTER.exec(text.slice(hit.end, hit.end + 140));
  if (m === null) return undefined;
  const start = hit.start - before[1]!.length;
  return { start, end: hit.end + m[0].length, confidence: m[0].includes(',') ? 0.9 : 0.6 };
}

function findEuAddress(text: string, hit: Hit): Candidate | undefined {
  return DE_SUFFIXES.includes(hit.keyword) ? findGerman(text, hit) : findFrench(text, hit);
}

/** The rule. */
export const addressEuRules: readonly Rule[] = [
  {
    id: 'eu_address',
    category: 'user.contact.address.street',
    description:
      'German and French street addresses: Hauptstraße 5, 10115 Berlin; 12 rue de Rivoli.',
    keywords: [...DE_SUFFIXES, ...FR_STREETS],
    find: findEuAddress,
    confidence: 0.6,
    examples: {
      positive: [
        { text: 'Lieferung: Hauptstraße 5, 10115 Berlin', match: 'Hauptstraße 5, 10115 Berlin' },
        { text: 'Am Lindenweg 12a', match: 'Am Lindenweg 12a' },
        { text: 'ship to Bahnhofstr. 3', match: 'Bahnhofstr. 3' },
        { text: 'livraison 12 rue de Rivoli, 75001 Paris', match: '12 rue de Rivoli, 75001 Paris' },
        { text: '5 bis avenue Victor Hugo', match: '5 bis avenue Victor Hugo' },
        { text: "3, place d'Italie", match: "3, place d'Italie" },
      ],
      negative: [
        'Hauptstraße',
        'Haltestelle Hauptstraße Nord',
        'rue de Rivoli',
        'the ring 3 times',
        'boring 5',
        'place 2 orders',
        '2 rue',
        'weg 5',
        'first place in line',
        'Straße 5',
      ],
    },
  },
];
