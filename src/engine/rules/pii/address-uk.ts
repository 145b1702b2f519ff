/**
 * UK postcodes in text (`London SW1A 2AA`, `M1 1AE`). A full postcode covers about fifteen
 * addresses, so it is close to a street address; a field named `postcode` is classified by its
 * name, this rule reads the ones written into messages, notes and delivery instructions.
 *
 * Shape: an outward code (`A9`, `A99`, `AA9`, `AA99`, `A9A`, `AA9A`) whose letters are one of the
 * 121 postcode areas, one space, then an inward code: a digit and two letters that are never
 * `C I K M O V`. Upper case only, whole tokens only, so runs of upper-case hex (`4BA4` in an
 * IDFA) and lower-case words stay out, and the area list keeps most product codes out (`PS5`,
 * `XZ12`). Clothing sizes (`M1 3XL`, `2XS`) have the shape of an inward code and are skipped.
 *
 * Triggered by the inward code's digit: digit runs of 1–3 digits (`1 1` in `M1 1AE`, `10 2` in
 * `W10 2DS` are one run) followed by an inward letter, which the scanner offers the rule only
 * with a space before the digit and a second inward letter then a non-alphanumeric after it
 * (`digits.around`): upper-case hex and ids hold many digits followed by a letter. Everything
 * else is read within 8 characters of the run's end.
 */
import { isAlnum, isDigit } from '../../text.js';
import type { Candidate, Hit, Rule } from '../../types.js';
import { codeAt, isUpper } from './shared.js';

/** Letters an inward code may end with (`C I K M O V` never appear there). */
const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

/** The 121 postcode areas of the UK, plus the Crown Dependencies (GY, JE, IM). */
const AREAS: ReadonlySet<string> = new Set(
  (
    'AB AL B BA BB BD BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT ' +
    'DY E EC EH EN EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L LA ' +
    'LD LE LL LN LS LU M ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE ' +
    'SG SK SL SM SN SO SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS WV YO ZE'
  ).split(' '),
);

/** Char code → 1 for the inward letters (a table: the scanner asks for every candidate run). */
const INWARD = new Uint8Array(128);
for (const ch of INWARD_LETTERS) INWARD[ch.charCodeAt(0)] = 1;

function isInwardLetter(c: number): boolean {
  return c < 128 && INWARD[c] === 1;
}

/** `A9`, `A99`, `AA9`, `AA99`, `A9A`, `AA9A` with a real area. */
function isOutward(code: string): boolean {
  let i = 0;
  while (i < code.length && i < 2 && isUpper(code.charCodeAt(i))) i++;
  if (i === 0 || !AREAS.has(code.slice(0, i))) return false;
  const rest = code.slice(i);
  if (rest.length === 1) return isDigit(rest.charCodeAt(0));
  if (rest.length !== 2 || !isDigit(rest.charCodeAt(0))) return false;
  const last = rest.charCodeAt(1);
  return isDigit(last) || isUpper(last);
}

/** The run ends with an inward code's digit: a space before it, two inward letters after. */
function isInwardCode(text: string, _start: number, end: number): boolean {
  return (
    codeAt(text, end - 2) === 32 &&
    isInwardLetter(codeAt(text, end + 1)) &&
    !isAlnum(codeAt(text, end + 2))
  );
}

function findUkPostcode(text: string, hit: Hit): Candidate | undefined {
  // The scanner offered the run because `next` and `around` held (an inward letter after it, a
  // space before its digit, a second letter, then no alphanumeric); the rest is read here.
  const d = hit.end - 1;
  if (!isDigit(codeAt(text, d))) return undefined;
  // `3XL`, `2XS`: a size, not an inward code.
  if (codeAt(text, d + 1) === 88 && (codeAt(text, d + 2) === 76 || codeAt(text, d + 2) === 83))
    return undefined;
  let s = d - 1;
  while (s > 0 && d - 1 - s < 4 && isAlnum(text.charCodeAt(s - 1))) s--;
  if (s === d - 1 || isAlnum(codeAt(text, s - 1))) return undefined;
  if (!isOutward(text.slice(s, d - 1))) return undefined;
  return { start: s, end: d + 3 };
}

/** The rule. */
export const addressUkRules: readonly Rule[] = [
  {
    id: 'uk_postcode',
    category: 'user.contact.address.postal_code',
    description:
      'UK postcode in text: outward code of a real area, a space, inward code (SW1A 2AA).',
    // Upper-case hex and ids are full of digits followed by a letter: the scanner first checks
    // the space before the inward digit and the two letters after it.
    digits: { min: 1, max: 3, next: INWARD_LETTERS, around: isInwardCode },
    find: findUkPostcode,
    confidence: 0.8,
    examples: {
      positive: [
        { text: '10 Downing Street, London SW1A 2AA', match: 'SW1A 2AA' },
        { text: 'deliver to M1 1AE please', match: 'M1 1AE' },
        { text: 'Flat 3, 221B Baker Street, London NW1 6XE.', match: 'NW1 6XE' },
        { text: '{"note":"EC1A 1BB"}', match: 'EC1A 1BB' },
        { text: 'Leeds LS10 2DS', match: 'LS10 2DS' },
      ],
      negative: [
        'IDFA 6D92078A-8246-4BA4-AE5B-76104861E7DC',
        'SKU XZ12 3AB',
        'ABC 1DE',
        'M1 1CK',
        'sw1a 2aa',
        'SW1A 2AAB',
        'PS5 1TB',
        'model XSW1 2AB',
        'size M1 3XL',
      ],
    },
  },
];
