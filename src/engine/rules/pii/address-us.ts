/**
 * US street addresses: house number (1–6 digits, optionally one letter A–H: `221B`) + 1–4 capitalized street-name words + a USPS
 * street suffix (St, Ave, Blvd, …), then optionally a direction, a unit (Apt/Suite/Unit/#) and
 * `, City, ST 12345(-6789)` with a real state code. Triggered by the house number's digit run;
 * a run not followed by a space and a capital or digit is rejected at once. With city, state and
 * ZIP the match is sure (0.9); a bare `123 Main Street` is reported at 0.6. `Version 2 Drive`
 * (no street name) and `5 Ways to grow` (no suffix) are not addresses.
 */
import { isDigit } from '../../text.js';
import type { Candidate, Hit, Rule } from '../../types.js';
import { codeAt, contextBefore, isLetter, isWordChar } from './shared.js';

const SUFFIXES: ReadonlySet<string> = new Set(
  (
    'st street ave av avenue rd road blvd boulevard dr drive ln lane way ct court pl place ter terrace ' +
    'pkwy parkway hwy highway cir circle sq square trl trail loop row aly alley plz plaza pike expy ' +
    'expressway fwy freeway cres crescent grv grove path walk xing crossing'
  ).split(' '),
);

/**
 * The rest of the USPS street suffixes (Publication 28, appendix C1) and the common British and
 * Australian ones. Many are everyday words (`Key`, `Park`, `View`, `Club`), so a street ending in
 * one is reported only with a unit or a place after it, or after an address word.
 */
const MORE_SUFFIXES: ReadonlySet<string> = new Set(
  (
    'alley allee anex annex arcade bayou beach bend bluff bluffs bottom branch bridge brook brooks ' +
    'burg burgs bypass camp canyon cape causeway center centers circles cliff cliffs club common ' +
    'commons corner corners course courts cove coves creek crest crossroad crossroads curve dale ' +
    'dam divide drives estate estates extension extensions fall falls ferry field fields flat ' +
    'flats ford fords forest forge forges fork forks fort garden gardens gateway glen glens green ' +
    'greens groves harbor harbors haven heights hill hills hollow inlet island islands isle ' +
    'junction junctions key keys knoll knolls lake lakes land landing light lights loaf lock locks ' +
    'lodge mall manor manors meadow meadows mews mill mills mission motorway mount mountain ' +
    'mountains neck orchard oval overpass park parks parkways pass passage pine pines plain plains ' +
    'point points port ports prairie radial ramp ranch rapid rapids rest ridge ridges river roads ' +
    'route rue run shoal shoals shore shores skyway spring springs spur spurs squares station ' +
    'stravenue stream streets summit throughway trace track trafficway tunnel turnpike underpass ' +
    'union unions valley valleys via viaduct view views village villages ville vista walks wall ' +
    'ways well wells close rise croft bank gate end drove mead chase yard garth fold wynd parade ' +
    'vale brae grange approach wood paddock brow lea side copse glade circuit'
  ).split(' '),
);

/** Words before a house number that make what follows an address (`ship to 12 Oak Knoll`). */
const ADDRESS_WORDS =
  /address|ship(?:ping)? to|deliver(?:y|ed)? to|lives? at|located at|住所|adresse|dirección/i;

/** USPS state, district, territory and military codes. */
export const US_STATES: ReadonlySet<string> = new Set(
  (
    'AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY ' +
    'NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC PR GU VI AS MP AA AE AP'
  ).split(' '),
);

const DIRECTIONS: ReadonlySet<string> = new Set(['N', 'S', 'E', 'W', 'NE', 'NW', 'SE', 'SW']);
const ORDINAL = /^[0-9]{1,3}(?:st|nd|rd|th)$/;
const UNIT =
  /,? (?:Apt|Apartment|Suite|Ste|Unit|Fl|Floor|#)\.? ?#?[A-Za-z0-9-]{1,6}(?![A-Za-z0-9])/y;
const CITY_STATE_ZIP =
  /,? (?:[A-Z][A-Za-z.'-]{1,20} ){0,2}[A-Z][A-Za-z.'-]{1,20},? ([A-Z]{2}),? ([0-9]{5}(?:-[0-9]{4})?)(?![0-9A-Za-z])/y;
/**
 * A city and a postal code without a US state: a ZIP (`, Fort Collins 80521`), a Canadian
 * postal code after an optional province (`, Whiteworth T3P 0A6`, `, Montréal, QC H2X 1Y4`), a
 * four-digit postcode after an optional Australian state (`, Sydney NSW 2000`), a UK postcode
 * (`, London NW1 6XE`) or an Indian PIN (`, Mumbai 400001`). A place, a little less sure.
 */
const CITY_ZIP =
  /, (?:[A-Z][\p{L}.'’-]{1,20} ){0,2}[A-Z][\p{L}.'’-]{1,20},? (?:[0-9]{5}(?:-[0-9]{4})?|(?:(?:AB|BC|MB|NB|NL|NS|NT|NU|ON|PE|QC|SK|YT),? )?[A-Z][0-9][A-Z] ?[0-9][A-Z][0-9]|(?:(?:NSW|VIC|QLD|WA|SA|TAS|ACT|NT),? )?[0-9]{4}|[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}|[1-9][0-9]{5})(?![0-9A-Za-z])/uy;
/** The same tail typed in lower case (`, springfield, il 62704`); the state must still be real. */
const CITY_STATE_ZIP_ANY_CASE =
  /,? (?:[A-Za-z][A-Za-z.'-]{1,20} ){0,2}[A-Za-z][A-Za-z.'-]{1,20}, ?([A-Za-z]{2}),? ([0-9]{5}(?:-[0-9]{4})?)(?![0-9A-Za-z])/y;
const UNIT_ANY_CASE =
  /,? (?:apt|apartment|suite|ste|unit|fl|floor|#)\.? ?#?[A-Za-z0-9-]{1,6}(?![A-Za-z0-9])/iy;

function isWordPart(c: number): boolean {
  return isLetter(c) || isDigit(c) || c === 39 || c === 45;
}

/** End of the word at `i` (1–24 of `[A-Za-z0-9'-]`, then an optional `.`), or -1. */
function wordEnd(text: string, i: number): number {
  let j = i;
  while (j < text.length && j - i < 24 && isWordPart(text.charCodeAt(j))) j++;
  if (j === i || isWordPart(codeAt(text, j))) return -1;
  return codeAt(text, j) === 46 ? j + 1 : j;
}

/** A street-name word: capitalized (`Main`, `O'Farrell`; any letter with `anyCase`) or an ordinal (`42nd`). */
function isNameWord(text: string, i: number, end: number, anyCase = false): boolean {
  const c = text.charCodeAt(i);
  if ((c >= 65 && c <= 90) || (anyCase && c >= 97 && c <= 122)) return true;
  return isDigit(c) && ORDINAL.test(text.slice(i, end));
}

/** End of `<direction>` at `i` (`N`, `NW`, …) or -1. */
function directionEnd(text: string, i: number): number {
  const e = wordEnd(text, i);
  return e > 0 && DIRECTIONS.has(text.slice(i, e)) && !isWordChar(codeAt(text, e)) ? e : -1;
}

/**
 * End of `<name words> <suffix> [direction]` starting at `i`, or -1. `anyCase`: words and suffix
 * in any case (`123 main st.`), for an address the caller accepts only with its city, state and
 * ZIP.
 */
function streetEnd(text: string, i: number, anyCase = false, more = false): number {
  for (let names = 0; names < 5; names++) {
    const e = wordEnd(text, i);
    if (e < 0 || isWordChar(codeAt(text, e))) return -1;
    const dot = text.charCodeAt(e - 1) === 46;
    const c = text.charCodeAt(i);
    const word =
      names > 0 && ((c >= 65 && c <= 90) || anyCase) ? text.slice(i, dot ? e - 1 : e) : '';
    if (
      word !== '' &&
      (SUFFIXES.has(word.toLowerCase()) || (more && !dot && MORE_SUFFIXES.has(word.toLowerCase())))
    ) {
      const dir = codeAt(text, e) === 32 ? directionEnd(text, e + 1) : -1;
      return dir > 0 ? dir : e;
    }
    // A leading direction may be abbreviated with a dot: `1234 N. Main St.`.
    const preDirection = dot && names === 0 && DIRECTIONS.has(text.slice(i, e - 1));
    if ((dot && !preDirection) || !isNameWord(text, i, e, anyCase) || codeAt(text, e) !== 32)
      return -1;
    i = e + 1;
  }
  return -1;
}

/**
 * End of `<1–3 capitalized words> [unit]` at `i` when `, City, ST 12345` follows one of them:
 * streets named without a suffix (`1 Broadway, New York, NY 10004`), reported only with a state
 * and ZIP. Returns the end of the place, or -1.
 */
function unsuffixedEnd(text: string, i: number): number {
  for (let words = 0; words < 3; words++) {
    const e = wordEnd(text, i);
    if (e < 0 || text.charCodeAt(e - 1) === 46 || !isNameWord(text, i, e)) return -1;
    let end = e;
    const unit = sticky(UNIT, text, end);
    if (unit) end += unit[0].length;
    const place = sticky(CITY_STATE_ZIP, text, end);
    if (place && US_STATES.has(place[1]!)) return end + place[0].length;
    if (codeAt(text, e) !== 32) return -1;
    i = e + 1;
  }
  return -1;
}

function sticky(re: RegExp, text: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(text.length - at > 96 ? text.slice(0, at + 96) : text);
}

/** `PO`, `P.O.`, `P. O.` or `Post Office` (any case) and one space, ending at `end`. */
const PO_BEFORE = /(?:^|[^A-Za-z0-9_.])(?:p\.? ?o\.?|post office) $/i;
const PO_NUMBER = /#? ?[0-9]{1,8}(?![0-9A-Za-z_])/y;

/**
 * `PO Box 1234` (`P.O. Box 42`, `Post Office Box 7`), with `, City, ST 12345` when it follows:
 * a mailing address. Triggered by the keyword `box`; anything but a space before it and a PO
 * word before that is rejected after two reads.
 */
function findPoBox(text: string, hit: Hit): Candidate | undefined {
  const at = hit.start;
  if (codeAt(text, at - 1) !== 32 || codeAt(text, hit.end) !== 32) return undefined;
  const before = PO_BEFORE.exec(text.slice(Math.max(0, at - 13), at));
  if (before === null) return undefined;
  const num = sticky(PO_NUMBER, text, hit.end + 1);
  if (num === null) return undefined;
  const start = at - before[0].length + (/^[A-Za-z]/.test(before[0]) ? 0 : 1);
  const end = hit.end + 1 + num[0].length;
  const place = sticky(CITY_STATE_ZIP, text, end);
  if (place && US_STATES.has(place[1]!))
    return { start, end: end + place[0].length, confidence: 0.9 };
  return { start, end, confidence: 0.6 };
}

/** A house number's letter (`221B`, `12A`): A–H, upper case. */
function houseLetter(c: number): boolean {
  return c >= 65 && c <= 72;
}

/** The scanner's pre-filter: a space after the run, or a house letter and then a space. */
function houseNumberEnds(text: string, _start: number, end: number): boolean {
  const c = text.charCodeAt(end);
  return c === 32 || (houseLetter(c) && text.charCodeAt(end + 1) === 32);
}

function findUsAddress(text: string, hit: Hit): Candidate | undefined {
  if (hit.digits === 0) return findPoBox(text, hit);
  // `221B Baker Street`, `12A Main St`: a house number may end in one letter.
  const e = hit.end + (houseLetter(codeAt(text, hit.end)) ? 1 : 0);
  const next = codeAt(text, e + 1);
  const lower = next >= 97 && next <= 122;
  if (codeAt(text, e) !== 32 || !((next >= 65 && next <= 90) || isDigit(next) || lower))
    return undefined;
  let s = hit.end;
  while (s > hit.start && isDigit(text.charCodeAt(s - 1)) && hit.end - s < 7) s--;
  if (hit.end - s > 6) return undefined;
  // `v2 Main`, `1.5 Main`, `ORD-2024-000123 Main`: the number belongs to another token.
  const before = codeAt(text, s - 1);
  if (
    isWordChar(before) ||
    ((before === 44 || before === 45 || before === 46 || before === 47) &&
      isWordChar(codeAt(text, s - 2)))
  )
    return undefined;
  if (lower) return lowerCaseAddress(text, s, e);
  const end = streetEnd(text, e + 1);
  if (end < 0) {
    const placeEnd = unsuffixedEnd(text, e + 1);
    if (placeEnd >= 0) return { start: s, end: placeEnd, confidence: 0.85 };
    return moreSuffixAddress(text, s, e);
  }
  const [tail, sure] = placeOrPostal(text, end);
  return { start: s, end: tail, confidence: sure || 0.6 };
}

/**
 * A street ending in one of MORE_SUFFIXES (`9751 Lilliana Rapid`, `36 Jeannette Approach`):
 * reported with a unit or a place after it (0.85, with a state 0.9), or after an address word
 * (`ship to 12 Oak Knoll`, 0.7). `Top 5 Lake Views`, `Chapter 3 Key Points` have neither.
 */
function moreSuffixAddress(text: string, s: number, e: number): Candidate | undefined {
  const end = streetEnd(text, e + 1, false, true);
  if (end < 0) return undefined;
  const [tail, sure] = placeOrPostal(text, end);
  if (sure > 0) return { start: s, end: tail, confidence: sure };
  if (tail > end) return { start: s, end: tail, confidence: 0.85 };
  return contextBefore(text, s, 24, ADDRESS_WORDS) ? { start: s, end, confidence: 0.7 } : undefined;
}

/**
 * After a capitalized street ending at `end`: `placeAfter`, or failing the state, a city and a
 * postal code (CITY_ZIP). Returns where the address ends and its confidence: 0.9 with a state,
 * 0.85 with a postal code only, 0 with neither (the end is then after the unit, if any).
 */
function placeOrPostal(text: string, end: number): [number, number] {
  const [tail, place] = placeAfter(text, end, false);
  if (place) return [tail, 0.9];
  const city = sticky(CITY_ZIP, text, tail);
  return city ? [tail + city[0].length, 0.85] : [tail, 0];
}

/**
 * After a street ending at `end`: an optional unit, then `, City, ST 12345` with a real state
 * code. Returns where the address ends (after the unit, and after the place when there is one)
 * and whether the place was there. `lowerCase`: the street was typed in lower case, so the unit
 * may be too, and only the lower-case form of the place is tried.
 */
function placeAfter(text: string, end: number, lowerCase: boolean): [number, boolean] {
  const unit = sticky(lowerCase ? UNIT_ANY_CASE : UNIT, text, end);
  const at = unit ? end + unit[0].length : end;
  const place =
    (lowerCase ? null : sticky(CITY_STATE_ZIP, text, at)) ??
    sticky(CITY_STATE_ZIP_ANY_CASE, text, at);
  return place && US_STATES.has(place[1]!.toUpperCase())
    ? [at + place[0].length, true]
    : [at, false];
}

/**
 * `123 main st., springfield, il 62704`: typed in lower case, a street is reported only with
 * its city, a real state code and a ZIP (0.85); `3 easy steps`, `5 main points` have none.
 */
function lowerCaseAddress(text: string, s: number, e: number): Candidate | undefined {
  // Most `3 easy steps` have no comma close behind: one bounded look before reading words.
  let comma = e + 1;
  const limit = Math.min(text.length, e + 80);
  while (comma < limit && text.charCodeAt(comma) !== 44) comma++;
  if (comma >= limit) return undefined;
  const end = streetEnd(text, e + 1, true);
  if (end < 0) return undefined;
  const [tail, place] = placeAfter(text, end, true);
  return place ? { start: s, end: tail, confidence: 0.85 } : undefined;
}

/** US address rules. */
export const addressUsRules: readonly Rule[] = [
  {
    id: 'us_address',
    category: 'user.contact.address.street',
    description:
      'US street address: house number, street name and suffix, optional unit, city, state, ZIP.',
    digits: { min: 1, max: 12, next: ' ABCDEFGH', around: houseNumberEnds },
    keywords: ['box'],
    find: findUsAddress,
    confidence: 0.9,
    examples: {
      positive: [
        {
          text: '1600 Pennsylvania Ave NW, Washington, DC 20500',
          match: '1600 Pennsylvania Ave NW, Washington, DC 20500',
        },
        {
          text: 'Ship to: 350 Fifth Avenue, Apt 5B, New York, NY 10118-0110.',
          match: '350 Fifth Avenue, Apt 5B, New York, NY 10118-0110',
        },
        {
          text: '{"addr":"742 Evergreen Terrace, Springfield, IL 62704"}',
          match: '742 Evergreen Terrace, Springfield, IL 62704',
        },
        { text: 'Order 123 Main Street', match: '123 Main Street' },
        {
          text: 'lives at 12A Main Street, Springfield, IL 62704',
          match: '12A Main Street, Springfield, IL 62704',
        },
        { text: 'flat at 221B Baker Street', match: '221B Baker Street' },
        {
          text: 'billing: 9751 Lilliana Rapid, Fort Collinberg 54261',
          match: '9751 Lilliana Rapid, Fort Collinberg 54261',
        },
        {
          text: "44715 D'Amore Causeway Apt. 3, Haagland, OR 41409-2635",
          match: "44715 D'Amore Causeway Apt. 3, Haagland, OR 41409-2635",
        },
        { text: 'ship to 80971 Nestor Shoal please', match: '80971 Nestor Shoal' },
        {
          text: '742 Evergreen Terrace, Springfield 62704',
          match: '742 Evergreen Terrace, Springfield 62704',
        },
        {
          text: 'moved to 2234 Medhurst Camp, Whiteworth T3P 0A6 last year',
          match: '2234 Medhurst Camp, Whiteworth T3P 0A6',
        },
        {
          text: 'flat: 221B Baker Street, London NW1 6XE',
          match: '221B Baker Street, London NW1 6XE',
        },
        {
          text: 'office: 5426 Gabriella Mall, Lefflerton NSW 2000.',
          match: '5426 Gabriella Mall, Lefflerton NSW 2000',
        },
        {
          text: 'HQ: 1 Infinite Loop, Cupertino, CA 95014',
          match: '1 Infinite Loop, Cupertino, CA 95014',
        },
        { text: 'meet at 55 W 42nd St. tomorrow', match: '55 W 42nd St.' },
        {
          text: '1234 N. Main St., Los Angeles, CA 90012',
          match: '1234 N. Main St., Los Angeles, CA 90012',
        },
        { text: 'HQ: 1 Broadway, New York, NY 10004.', match: '1 Broadway, New York, NY 10004' },
        {
          text: 'mail to PO Box 1234, Springfield, IL 62704',
          match: 'PO Box 1234, Springfield, IL 62704',
        },
        { text: 'P.O. Box 42', match: 'P.O. Box 42' },
        {
          text: 'ship to 123 main st., springfield, il 62704 please',
          match: '123 main st., springfield, il 62704',
        },
        {
          text: '742 evergreen terrace apt 2, springfield, IL 62704',
          match: '742 evergreen terrace apt 2, springfield, IL 62704',
        },
        {
          text: '350 Fifth Avenue, new york, ny 10118',
          match: '350 Fifth Avenue, new york, ny 10118',
        },
      ],
      negative: [
        'Version 2 Drive',
        'unlock 3A Main Menu items',
        'Top 5 Lake Views of the summer',
        'Chapter 3 Key Points, then a quiz',
        'Studio 54 Club night',
        'hash 12AB Main Street',
        '5 Ways to grow your startup',
        'I walked 3 miles down the road',
        'the 2024 Annual Review',
        'ORD-2024-000123 Main Street',
        'Top 10 lists',
        '1.5 Main Street',
        'v2 Main Street',
        'Top 10 Tips for Chicago',
        'checkbox 12 and inbox 3 and Dropbox 2',
        'the box 12 is empty',
        'follow these 3 easy steps to set up your way, ok 12345',
        'we shipped 123 main st. items today',
        '5 main points, xx 12345',
      ],
    },
  },
];
