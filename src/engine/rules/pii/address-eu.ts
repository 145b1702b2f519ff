/**
 * European street addresses (the US rule's `10 Downing Street` shape covers the UK's streets,
 * `address-uk.ts` its postcodes).
 *
 * - Street word last (German, Dutch, Swedish): a capitalised street name ending in a street word
 *   (`straße`, `strasse`, `str.`, `weg`, `platz`, `allee`, `gasse`, `ring`, `damm`, `ufer`;
 *   `straat`, `laan`, `plein`, `gracht`, `kade`, `singel`, `dijk`, `plantsoen`, `steeg`, `dreef`;
 *   `gatan`, `torget`), then a house number (`Hauptstraße 5`, `Am Lindenweg 12a`,
 *   `Keizersgracht 123`, `Storgatan 12`), then optionally a postcode and a city (`, 10115 Berlin`,
 *   `, 1015 CJ Amsterdam`, `, 111 51 Stockholm`).
 * - French: a house number (with `bis`/`ter`), then `rue`, `avenue`, `boulevard`, `bd`, `place`,
 *   `quai`, `impasse`, `chemin` or `allée`, an optional `de`/`du`/`des`/`de la`/`d'`, and a
 *   capitalised name (`12 rue de Rivoli`), then optionally `, 75001 Paris`.
 * - Street word first, number after (Italian, Spanish, Portuguese, Polish): `Via Roma 12`,
 *   `Calle Mayor, 5`, `Rua Augusta 1500`, `ul. Marszałkowska 12/3`, a capitalised name with its
 *   connectors (`de la`, `del`, `della`, `dos` …), an optional comma, a house number, then
 *   optionally a postcode and a city (`, 00184 Roma`, `, 28013 Madrid`, `, 01310-100 São Paulo`,
 *   `, 1100-148 Lisboa`, `, 00-950 Warszawa`). Words that are also English (`Via`, `Corso`,
 *   `Largo`, `Plaza`, `Ronda`) and any street word written in lower case need the postcode.
 *
 * Triggered by the street word; the house number must be there, so `Hauptstraße` alone (a
 * station, a bus stop) and `rue de Rivoli` without a number are not reported.
 */
import type { Candidate, Hit, Rule } from '../../types.js';
import { codeAt, isLetter, isWordChar } from './shared.js';

/** Street words written after the name (German, Dutch, Swedish). */
const SUFFIXES = [
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
  // Dutch
  'straat',
  'laan',
  'plein',
  'gracht',
  'kade',
  'singel',
  'dijk',
  'plantsoen',
  'steeg',
  'dreef',
  'park',
  // Swedish
  'gatan',
  'torget',
];
const SUFFIX_SET: ReadonlySet<string> = new Set(SUFFIXES);
/** Street words that may stand as a word of their own after an adjective or a hyphenated name. */
const SEPARATE = new Set(['straße', 'strasse', 'str.', 'allee', 'platz', 'weg', 'gasse']);

/**
 * A house number after a street name, then an optional postcode (German five digits, Dutch
 * `1234 AB`, Swedish `123 45`) and city.
 */
const SUFFIXED_AFTER =
  /^ (\d{1,4}[a-zA-Z]?(?:-\d{1,4})?)(?![\dA-Za-z])(?:, ?(\d{5}|\d{4} ?[A-Z]{2}|\d{3} \d{2}) [A-ZÄÖÜÅ][A-Za-zÀ-ɏ-]{1,30})?/u;

/**
 * Street words written before the name, each with whether it may stand without a postcode when
 * capitalised (`Via`, `Corso`, `Largo`, `Plaza`, `Ronda` are English words or names too).
 */
const BEFORE_NAME: ReadonlyMap<string, boolean> = new Map([
  // Italian
  ['via', false],
  ['viale', true],
  ['piazza', true],
  ['piazzale', true],
  ['corso', false],
  ['vicolo', true],
  ['largo', false],
  ['strada', true],
  ['contrada', true],
  ['lungomare', true],
  ['borgo', false],
  // Spanish and Catalan
  ['calle', true],
  ['avenida', true],
  ['avda.', true],
  ['paseo', true],
  ['plaza', false],
  ['carrer', true],
  ['ronda', false],
  ['carretera', true],
  ['rambla', true],
  ['pasaje', true],
  ['glorieta', true],
  ['camino', false],
  // Portuguese
  ['rua', true],
  ['travessa', true],
  ['alameda', true],
  ['estrada', true],
  ['rodovia', true],
  ['caminho', true],
  ['beco', true],
  // Polish
  ['ul.', true],
]);
/**
 * A name after a street word: an optional connector, capitalised words (connectors between them),
 * an optional comma, a house number (`12`, `12a`, `12/3`, `s/n`), then an optional postcode and
 * a city of capitalised words (`São Paulo`, `Santa Cruz de Tenerife`; a lower-case word after it
 * is the sentence). Latin letters only, so Japanese text glued after the city or the number
 * (`Avenida de la Constitución 10までお願いします`) neither joins nor breaks the address.
 * Group 1: the postcode.
 */
const NAME_AFTER =
  /^ (?:(?:de la|de las|de los|del|de|d'|di|della|delle|dei|degli|da|do|dos|das) ?)?[A-ZÀ-ÝŁŚŻŹĆ][A-Za-zÀ-ɏ'.-]{1,30}(?: (?:(?:de la|de las|de los|del|de|di|della|delle|dei|degli|da|do|dos|das|e|y|i) )?[A-ZÀ-ÝŁŚŻŹĆ0-9][A-Za-zÀ-ɏ'.-]{0,30}){0,4},? (?:\d{1,4}[a-zA-Z]?(?:\/\d{1,4})?|s\/n)(?![A-Za-zÀ-ɏ\d])(?:,? ?(\d{5}|\d{5}-\d{3}|\d{4}-\d{3}|\d{2}-\d{3}) [A-ZÀ-ÝŁŚŻŹĆ][a-zà-ɏ'-]{1,30}(?: (?:de |do |da |del |di |la |le |sur )?[A-ZÀ-ÝŁŚŻŹĆ][a-zà-ɏ'-]{1,30}){0,3})?/u;

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

function findSuffixed(text: string, hit: Hit): Candidate | undefined {
  // The suffix ends a word that starts with a capital (`Hauptstraße`, `Lindenweg`; `Am Weg` too).
  if (isLetter(codeAt(text, hit.end)) && text[hit.end - 1] !== '.') return undefined;
  let s = hit.start;
  while (s > 0 && hit.start - s < 30 && isLatin(text.charCodeAt(s - 1))) s--;
  const first = text.charCodeAt(s);
  const capital =
    (first >= 65 && first <= 90) || first === 0xc4 || first === 0xd6 || first === 0xdc;
  if (!capital || isWordChar(codeAt(text, s - 1))) return undefined;
  // `Am`, `An der`, `Zum` before a street name belong to it.
  const lead = text.slice(Math.max(0, s - 40), s);
  const pre =
    /(?:^|[^\p{L}])((?:Am|An der|An den|Auf dem|Im|In der|Zum|Zur|Alte|Neue) )$/u.exec(lead) ??
    // `Berliner Straße`, `Breite Str.`, `Konrad-Adenauer-Platz`: an adjective or a hyphenated
    // name before a street word that stands alone.
    (s === hit.start && SEPARATE.has(hit.keyword)
      ? /(?:^|[^\p{L}-])((?:[A-ZÄÖÜ][\p{L}]{1,20}-){1,3}|[A-ZÄÖÜ][\p{L}]{1,20}(?:er|e|en) )$/u.exec(
          lead,
        )
      : null);
  // A name before the suffix (`Haupt|straße`), or a preposition or an adjective before it (`Am Weg
  // 5`, `Berliner Straße 5`): `Straße 5` and `Ring 5` alone are not addresses.
  if (s === hit.start && pre === null) return undefined;
  const start = pre === null ? s : s - pre[1]!.length;
  const m = SUFFIXED_AFTER.exec(text.slice(hit.end, hit.end + 60));
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

/** `Via Roma 12`, `Calle Mayor, 5, 28013 Madrid`, `ul. Marszałkowska 12/3` (see the module comment). */
function findNameAfter(text: string, hit: Hit): Candidate | undefined {
  if (isLatin(codeAt(text, hit.start - 1)) || codeAt(text, hit.end) !== 32) return undefined;
  const first = text.charCodeAt(hit.start);
  const capital = first >= 65 && first <= 90;
  const m = NAME_AFTER.exec(text.slice(hit.end, hit.end + 160));
  if (m === null) return undefined;
  const postcode = m[1] !== undefined;
  if (!postcode && !(capital && BEFORE_NAME.get(hit.keyword) === true)) return undefined;
  return { start: hit.start, end: hit.end + m[0].length, confidence: postcode ? 0.9 : 0.6 };
}

function findEuAddress(text: string, hit: Hit): Candidate | undefined {
  if (BEFORE_NAME.has(hit.keyword)) return findNameAfter(text, hit);
  return SUFFIX_SET.has(hit.keyword) ? findSuffixed(text, hit) : findFrench(text, hit);
}

/** The rule. */
export const addressEuRules: readonly Rule[] = [
  {
    id: 'eu_address',
    category: 'user.contact.address.street',
    description:
      'European street addresses: Hauptstraße 5, 10115 Berlin; 12 rue de Rivoli; Keizersgracht 123, 1015 CJ Amsterdam; Via Roma 12, 00184 Roma; Calle Mayor, 5; Rua Augusta 1500; ul. Marszałkowska 12/3.',
    keywords: [...SUFFIXES, ...FR_STREETS, ...BEFORE_NAME.keys()],
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
        {
          text: 'bezorgen: Keizersgracht 123, 1015 CJ Amsterdam',
          match: 'Keizersgracht 123, 1015 CJ Amsterdam',
        },
        { text: 'Storgatan 12, 111 51 Stockholm', match: 'Storgatan 12, 111 51 Stockholm' },
        { text: 'Lieferung an Berliner Straße 12', match: 'Berliner Straße 12' },
        {
          text: 'Konrad-Adenauer-Platz 610, 53225 Bonn',
          match: 'Konrad-Adenauer-Platz 610, 53225 Bonn',
        },
        { text: 'Thomas-Dehler-Str. 63', match: 'Thomas-Dehler-Str. 63' },
        { text: 'Vinkpark 272b', match: 'Vinkpark 272b' },
        { text: 'spedire a Via Roma 12, 00184 Roma', match: 'Via Roma 12, 00184 Roma' },
        { text: 'Piazza Garibaldi 3', match: 'Piazza Garibaldi 3' },
        {
          text: '返信はAvenida de la Constitución 10までお願いします',
          match: 'Avenida de la Constitución 10',
        },
        { text: 'Strada Statale 7, 00100 Roma', match: 'Strada Statale 7, 00100 Roma' },
        { text: 'Rambla de Catalunya 24', match: 'Rambla de Catalunya 24' },
        {
          text: 'Caminho Raul Braga 86, 9821-135 Macedo de Cavaleiros',
          match: 'Caminho Raul Braga 86, 9821-135 Macedo de Cavaleiros',
        },
        { text: 'via della Spiga 7, 20121 Milano', match: 'via della Spiga 7, 20121 Milano' },
        { text: 'envío: Calle Mayor, 5, 28013 Madrid', match: 'Calle Mayor, 5, 28013 Madrid' },
        {
          text: 'Avenida de la Constitución 12',
          match: 'Avenida de la Constitución 12',
        },
        {
          text: 'Rua Augusta 1500, 01310-100 São Paulo',
          match: 'Rua Augusta 1500, 01310-100 São Paulo',
        },
        {
          text: 'ul. Marszałkowska 12/3, 00-950 Warszawa',
          match: 'ul. Marszałkowska 12/3, 00-950 Warszawa',
        },
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
        'sent via Email 2 times',
        'Via Roma 12',
        'the Plaza Hotel 5 stars',
        'Corso Italia 45',
        'Borgo Pass 2',
        'El Camino Real 3',
        'calle 5',
        'called Mayor 5',
        'Blockade',
        'Boxing Ring 5',
        'Jurassic Park 3',
        'the Berliner Straße',
        'Calle Mayor',
        'Rua Augusta',
      ],
    },
  },
];
