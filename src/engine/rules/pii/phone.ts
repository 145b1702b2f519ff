/**
 * Phone numbers. Triggered by digit runs of 7–15 digits (and by dash look-alikes such as `−`,
 * which NFKC keeps and which split a run). Cheap shape checks run first — boundaries, dates,
 * times, prices, dotted quads, card numbers, group sizes, context — and only survivors reach
 * libphonenumber-js (`max` metadata) for exact `isValid()` validation.
 *
 * - `+` numbers: valid for any country (0.9), or possible (a known calling code and a length the
 *   country uses, 0.7: unassigned area codes of test data and new ranges are still numbers).
 *   An international call prefix instead of `+` (`0049 30 12345678`, `011 44 20 7946 0958`):
 *   valid only, separated or after a phone word (0.85).
 * - Separated national numbers (`090-1234-5678`, `(415) 555-2671`, `020 7946 0958`): valid in one
 *   of PHONE_REGIONS (JP, US, GB, DE, FR); `(415) 555-2671` written the US way is possible
 *   enough (0.7) with an unassigned area code.
 * - Unseparated national digits (`09012345678`): only with context — a phone field, or a phone
 *   word (tel, phone, mobile, call, fax, celular, móvil, handy, 電話, 携帯, 連絡先, 电话, 手机,
 *   전화, 휴대폰) within 24 characters before.
 * - With that context, national numbers of 28 more countries (`CONTEXT_REGIONS`: `tel. 939 75 11
 *   08`, `телефон 8 (939) 751-10-86` is read from `8`), at 0.85.
 */
import type { CountryCode } from 'libphonenumber-js/max';
import { cardNetwork } from '../../validators/card.js';
import { luhnValid } from '../../validators/luhn.js';
import {
  isPossibleInternational,
  isPossibleNanp,
  isValidInternational,
  validNationalRegion,
} from '../../validators/phone.js';
import { isDigit } from '../../text.js';
import type { Candidate, Hit, Rule, ScanContext } from '../../types.js';
import {
  allSame,
  codeAt,
  contextBefore,
  DASH_KEYWORDS,
  type DigitGroups,
  fieldIs,
  isDashLike,
  readGroups,
  standsAlone,
  isIdLikeKey,
  idLikeKeyBefore,
} from './shared.js';

/** Words that name a phone number, in the languages of the regions read (one list, two uses). */
const PHONE_WORD_LIST =
  'tel|tél|tel[eé]fono|telefon|telephone|phone|mobile|cell|celular|m[oó]vil|handy|fax|' +
  '電話|携帯|連絡先|电话|手机|전화|휴대폰';
/** A phone word anywhere in the window before a number (`call` too: `call me at …`). */
const PHONE_WORDS = new RegExp(`${PHONE_WORD_LIST}|call`, 'i');
const PHONE_KEY = /phone|mobile|telephone|msisdn|(?:^|_)(?:tel|fax|cell)(?:_|$)/;
const CONTEXT_WINDOW = 24;
/**
 * A phone word as a word of its own right before the number (`tel. `, `teléfono: `, `電話番号：`,
 * `전화 `): stricter than PHONE_WORDS anywhere in the window (`iPhone","at":…` holds `phone`).
 */
const LABEL_RIGHT_BEFORE = new RegExp(
  `(?:^|[^\\p{L}])(?:${PHONE_WORD_LIST})(?:\\s?(?:no|nr|num|number|番号|号码|번호))?\\.?\\s?[:：=]?\\s?$`,
  'iu',
);

/**
 * Regions a national number is tried in when a phone word stands before it (besides
 * PHONE_REGIONS, which need no word): most of Europe, the Americas and Asia-Pacific.
 */
const CONTEXT_REGIONS: readonly CountryCode[] = [
  'ES',
  'IT',
  'NL',
  'BE',
  'PT',
  'PL',
  'SE',
  'CH',
  'AT',
  'IE',
  'DK',
  'NO',
  'FI',
  'RU',
  'UA',
  'TR',
  'BR',
  'MX',
  'AR',
  'CA',
  'AU',
  'NZ',
  'KR',
  'CN',
  'TW',
  'HK',
  'SG',
  'IN',
];

/** Currency signs that make a number a price: $ ¥ € £ ￥. */
function isCurrency(c: number): boolean {
  return c === 36 || c === 0xa5 || c === 0x20ac || c === 0xa3 || c === 0xffe5;
}

/** `2024-01-15`, `2024/1/15 10`, `15.01.2024`, `01/15/2024`: a date, not a phone number. */
function isDateShape(g: DigitGroups): boolean {
  const [a = 0, b = 0, c = 0] = g.groups;
  const year = (from: number): boolean => /^(?:19|20)/.test(g.digits.slice(from, from + 2));
  if (g.groups.length >= 3 && a === 4 && b <= 2 && c <= 2 && year(0)) return true;
  const sep0 = g.seps[0];
  return (
    g.groups.length >= 3 &&
    a <= 2 &&
    b <= 2 &&
    c === 4 &&
    sep0 !== ' ' &&
    sep0 !== '-' &&
    year(a + b)
  );
}

/** Separator rules: dots only as `01.23.45.67.89` or `415.555.2671`; `/` only as `030/1234567`. */
function separatorsOk(g: DigitGroups): boolean {
  let dots = 0;
  let slashes = 0;
  for (const s of g.seps) {
    if (s.includes('.')) dots++;
    if (s.includes('/')) slashes++;
  }
  const shape = g.groups.join(',');
  if (dots > 0 && (dots !== g.seps.length || (shape !== '2,2,2,2,2' && shape !== '3,3,4')))
    return false;
  return (
    slashes === 0 || (g.groups.length === 2 && g.seps[0] === '/' && g.digits.charCodeAt(0) === 48)
  );
}

/** Group sizes a national number is written in: no 1-digit group except a NANP leading `1`. */
function nationalGroupsOk(g: DigitGroups): boolean {
  if (g.groups.length > 6) return false;
  for (let i = 0; i < g.groups.length; i++) {
    if (g.groups[i] === 1 && !(i === 0 && g.digits.charCodeAt(0) === 49)) return false;
  }
  return true;
}

function isCardNumber(digits: string): boolean {
  return digits.length >= 13 && cardNetwork(digits) !== undefined && luhnValid(digits);
}

/** Rejections that need only the characters around the number. */
function badSurroundings(text: string, start: number, end: number, lead: number): boolean {
  if (!standsAlone(text, start, end)) return true;
  const after = codeAt(text, end);
  if (after === 58 && isDigit(codeAt(text, end + 1))) return true; // 10:30
  if (after === 0x5186 || after === 37) return true; // 円, %
  return isCurrency(codeAt(text, lead - 1)) || isCurrency(codeAt(text, start - 1));
}

function hasContext(text: string, lead: number, ctx: ScanContext): boolean {
  return (
    fieldIs(ctx, 'user.contact.phone_number', PHONE_KEY) ||
    contextBefore(text, lead, CONTEXT_WINDOW, PHONE_WORDS)
  );
}

/**
 * Validate the number whose digits span `text[start, end)`; `bare` when the span holds digits
 * only. Context is decided before any string is built: bare national digits need it.
 */
function evaluate(
  text: string,
  start: number,
  end: number,
  ctx: ScanContext,
  bare: boolean,
): Candidate | undefined {
  const prev = codeAt(text, start - 1);
  const intl = prev === 43 || (prev === 40 && codeAt(text, start - 2) === 43);
  const lead =
    prev === 43 || prev === 40 ? (codeAt(text, start - 2) === 43 ? start - 2 : start - 1) : start;
  if (badSurroundings(text, start, end, lead)) return undefined;
  const context = !intl && hasContext(text, lead, ctx);
  // Bare digits without context: only national forms with a trunk `0` (JP 090…, 03…; GB 020…;
  // FR 01…; DE 030…), never in id or quantity fields, and at lower confidence. US numbers have
  // no trunk prefix, so bare 10-digit US-looking strings still need context.
  const weak = bare && !intl && !context;
  if (weak && (text.charCodeAt(start) !== 48 || isIdLikeKey(ctx) || idLikeKeyBefore(text, lead)))
    return undefined;
  const g = readGroups(text, start, end, 15);
  if (g === undefined || g.digits.length < 7 || allSame(g.digits)) return undefined;
  if (isDateShape(g) || !separatorsOk(g)) return undefined;
  if (intl) {
    if (isValidInternational(g.digits)) return { start: lead, end, confidence: 0.9 };
    // Unassigned ranges written as numbers still are numbers (test data, typos, new ranges).
    return isPossibleInternational(g.digits) ? { start: lead, end, confidence: 0.7 } : undefined;
  }
  // `0049 30 12345678`, `011 44 20 7946 0958`: an international call prefix written instead of
  // `+` (00 in most countries, 011 from North America), valid for the country after it.
  const idd = iddLength(g.digits);
  if (idd > 0 && (!bare || context) && isValidInternational(g.digits.slice(idd)))
    return { start: lead, end, confidence: 0.85 };
  if (!nationalGroupsOk(g) || isCardNumber(g.digits)) return undefined;
  if (validNationalRegion(g.digits) === undefined) {
    // After a phone word, a national number of another country (`tel. 939 75 11 08`, `телефон
    // 8 (939) 751-10-86`): valid in one of CONTEXT_REGIONS.
    if (
      context &&
      LABEL_RIGHT_BEFORE.test(text.slice(Math.max(0, lead - 32), lead)) &&
      validNationalRegion(g.digits, CONTEXT_REGIONS) !== undefined
    )
      return { start: lead, end, confidence: 0.85 };
    return prev === 40 && nanpShape(text, start, end) && isPossibleNanp(g.digits)
      ? { start: lead, end, confidence: 0.7 }
      : undefined;
  }
  return { start: lead, end, confidence: context ? 0.9 : weak ? 0.6 : 0.8 };
}

/** Digits of an international call prefix (`00`, `011`) that starts `digits`, or 0. */
function iddLength(digits: string): number {
  if (digits.startsWith('00') && digits.charCodeAt(2) !== 48) return 2;
  return digits.startsWith('011') && digits.charCodeAt(3) !== 48 ? 3 : 0;
}

/** `(415) 555-2671` / `(415)555-2671` from the first digit after `(`: the US way of writing one. */
function nanpShape(text: string, start: number, end: number): boolean {
  return end - start <= 13 && /^\d{3}\) ?\d{3}-\d{4}$/.test(text.slice(start, end));
}

/** Digit-run trigger: the run is the number; runs split by dash look-alikes go to `fromDash`. */
function fromRun(text: string, hit: Hit, ctx: ScanContext): Candidate | undefined {
  if (isDashLike(codeAt(text, hit.start - 1)) || isDashLike(codeAt(text, hit.end)))
    return undefined;
  return evaluate(text, hit.start, hit.end, ctx, hit.end - hit.start === hit.digits);
}

function isNumberChar(c: number): boolean {
  return isDigit(c) || isDashLike(c) || c === 32 || c === 45 || c === 40 || c === 41;
}

/**
 * Dash trigger (`090−1234−5678`): only the leftmost dash of a number expands, at most 20
 * characters left and 24 right, so each number is evaluated once.
 */
function fromDash(text: string, hit: Hit, ctx: ScanContext): Candidate | undefined {
  const d = hit.start;
  if (!isDigit(codeAt(text, d - 1)) || !isDigit(codeAt(text, d + 1))) return undefined;
  let s = d;
  while (s > 0 && d - s < 20 && isNumberChar(text.charCodeAt(s - 1))) {
    if (isDashLike(text.charCodeAt(s - 1))) return undefined;
    s--;
  }
  let e = d + 1;
  while (e < text.length && e - d < 24 && isNumberChar(text.charCodeAt(e))) e++;
  while (s < d && !isDigit(text.charCodeAt(s))) s++;
  while (e > d && !isDigit(text.charCodeAt(e - 1))) e--;
  return evaluate(text, s, e, ctx, false);
}

/** Phone number rules. */
export const phoneRules: readonly Rule[] = [
  {
    id: 'phone_number',
    category: 'user.contact.phone_number',
    description:
      'Phone number (E.164, or national JP/US/GB/DE/FR), validated with libphonenumber-js.',
    digits: { min: 7, max: 15 },
    keywords: DASH_KEYWORDS,
    find: (text, hit, ctx) => (hit.digits > 0 ? fromRun(text, hit, ctx) : fromDash(text, hit, ctx)),
    confidence: 0.85,
    examples: {
      positive: [
        { text: 'Call me at 090-1234-5678 tomorrow', match: '090-1234-5678' },
        { text: '{"msg":"電話：０９０−１２３４−５６７８"}', match: '０９０−１２３４−５６７８' },
        { text: 'US office +1 (415) 555-2671, ext 3', match: '+1 (415) 555-2671' },
        { text: 'London: +44 20 7946 0958', match: '+44 20 7946 0958' },
        { text: 'Berlin: 030 1234567 / Paris: 01 23 45 67 89', match: '01 23 45 67 89' },
        { text: '(415) 555-2671', match: '(415) 555-2671' },
        { text: 'call +1 497 611 0867 after 5', match: '+1 497 611 0867' },
        { text: 'office (497) 611-0867', match: '(497) 611-0867' },
        { text: 'teléfono: 612 34 56 78', match: '612 34 56 78' },
        { text: 'tel. 02 1234 5678 (Milano)', match: '02 1234 5678' },
        { text: '전화 010-1234-5678', match: '010-1234-5678' },
        { text: '09012345678', key: 'phone', match: '09012345678' },
        { text: 'memo 0651488905', match: '0651488905' },
        { text: 'TEL 0312345678 (代表)', match: '0312345678' },
        { text: 'support +81 3-1234-5678', match: '+81 3-1234-5678' },
        { text: 'Zentrale: 0049 30 12345678', match: '0049 30 12345678' },
        { text: 'Paris 0033 1 23 45 67 89', match: '0033 1 23 45 67 89' },
        { text: 'from the US dial 011 44 20 7946 0958', match: '011 44 20 7946 0958' },
      ],
      negative: [
        '550e8400-e29b-41d4-a716-446655440000',
        '1732291200000',
        { text: '1.2.3.4', key: 'app_version' },
        'order ORD-2024-000123 shipped',
        '2024-01-15 10:30',
        'total 1,299.00 / ¥12,800',
        'order_A12345678',
        { text: '09012345678', key: 'order_number' },
        '4155552671',
        'placeholder (123) 456-7890',
        'ref 612 34 56 78',
        '{"msg":"Synced from Taro\'s iPhone","at":1691467467}',
        'phone 1743712949271',
        'ref +999 1234 5678',
        '192.168.100.200',
        'tel 378282246310005',
        'ts 2024/01/15 and 15.01.2024',
        '{"order_no":"0123456789"}',
        'batch 00493012345678',
        'ref 0049 12 00000000',
      ],
    },
  },
];
