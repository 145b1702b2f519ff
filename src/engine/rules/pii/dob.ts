/**
 * Dates of birth: in birth-date fields, when the whole value is one date between
 * 1900-01-01 and today (see validators/dates.ts for the formats: ISO, `1990/4/1`, `04/01/1990`,
 * `1 April 1990`, `1990年4月1日`, `平成2年4月1日`, YYYYMMDD, epoch seconds/milliseconds).
 *
 * Triggers: the field category `user.demographic.date_of_birth` (the field-name classifier gives
 * it to `dob`, `birthday`, `birth_date`, `生年月日`, …), a birth-date label written in the text
 * just before the date (`date of birth: …`, `?dob=…`, `"birthDate":"…"`, `生年月日：…`), checked
 * with the same classifier, and prose: `born` before a whole date (`born on April 1, 1990`),
 * `生まれ` after one (`1984年4月1日生まれ`). A date anywhere else is not a birth date.
 */
import { isUnder } from '../../categories.js';
import { isPlausibleBirthDate, parseDate } from '../../validators/dates.js';
import { classifyField } from '../../fields/classify.js';
import { isDigit } from '../../text.js';
import type { Candidate, Hit, Rule, ScanContext } from '../../types.js';
import { codeAt, isLetter, isWordChar } from './shared.js';

const DOB = 'user.demographic.date_of_birth';
const MAX_VALUE = 40;

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0x3000;
}

/** Characters of a field label: `date_of_birth`, `birthDate`, `$dob`, `date of birth`. */
function isLabelChar(c: number): boolean {
  return isWordChar(c) || c === 36 || c === 45 || c === 46;
}

const LABEL_MEMO_LIMIT = 256;
const labelMemo = new Map<string, boolean>();

/** True when `label` is a birth-date field name per the field classifier (memoized, bounded). */
function isBirthLabel(label: string): boolean {
  const known = labelMemo.get(label);
  if (known !== undefined) return known;
  const cls = classifyField(label);
  const yes = cls !== undefined && isUnder(cls.category, DOB);
  if (labelMemo.size >= LABEL_MEMO_LIMIT) labelMemo.clear();
  labelMemo.set(label, yes);
  return yes;
}

/** Kanji of written dates: 年 月 日 元 and the era names 明治 大正 昭和 平成 令和. */
const DATE_KANJI = new Set(Array.from('年月日元明治大正昭和平成令', (ch) => ch.charCodeAt(0)));

/** True for a character of a supported date: digits, letters, ` -/.,:+`, date kanji. */
function isDateChar(c: number): boolean {
  return (
    isWordChar(c) ||
    c === 32 ||
    c === 45 ||
    c === 47 ||
    c === 46 ||
    c === 44 ||
    c === 58 ||
    c === 43 ||
    DATE_KANJI.has(c)
  );
}

/**
 * True for a character a supported date can start with: a digit, the capital of a month name or
 * an era letter (`April`, `H2.4.1`), or an era's first kanji (明 大 昭 平 令).
 */
function isDateStart(c: number): boolean {
  switch (c) {
    case 0x660e: // 明
    case 0x5927: // 大
    case 0x662d: // 昭
    case 0x5e73: // 平
    case 0x4ee4: // 令
      return true;
    default:
      return isDigit(c) || (c >= 65 && c <= 90 && 'ADFJMNOSHRT'.includes(String.fromCharCode(c)));
  }
}

/**
 * Start of a birth-date label containing the keyword hit: the token around it, or that token with
 * up to two words before it (`date of birth`), whichever the field classifier names a birth date.
 * Returns -1 when none does. Reads at most 24 characters back.
 */
function labelStart(text: string, hit: Hit, end: number): number {
  if (hit.start < text.length && text.charCodeAt(hit.start) >= 0x80) return hit.start;
  let s = hit.start;
  const min = Math.max(0, hit.start - 24);
  for (let words = 0; words < 3; words++) {
    while (s > min && isLabelChar(text.charCodeAt(s - 1))) s--;
    if (isBirthLabel(text.slice(s, end))) return s;
    if (codeAt(text, s - 1) !== 32 || !isLetter(codeAt(text, s - 2))) return -1;
    s--;
  }
  return -1;
}

/**
 * Offset of the value after a label ending at `i`: `: `, `=`, `":"`, `：`, or one or two
 * spaces; a Japanese label may be followed by the date directly. -1 when none of these follows.
 */
function valueStart(text: string, i: number, cjk: boolean): number {
  const from = i;
  if (codeAt(text, i) === 34 || codeAt(text, i) === 39) i++;
  while (i - from < 3 && (codeAt(text, i) === 32 || codeAt(text, i) === 0x3000)) i++;
  const c = codeAt(text, i);
  if (c === 58 || c === 61 || c === 0xff1a) {
    i++;
    while (i - from < 6 && (codeAt(text, i) === 32 || codeAt(text, i) === 0x3000)) i++;
    if (codeAt(text, i) === 34 || codeAt(text, i) === 39) i++;
  } else if (i === from && !cjk) return -1;
  return i;
}

/** True where a written date can end: after a digit, `日` or `Z`, before anything but a digit. */
function canEndDate(text: string, k: number): boolean {
  const c = text.charCodeAt(k - 1);
  return (isDigit(c) || c === 0x65e5 || c === 90) && !isWordChar(codeAt(text, k));
}

/**
 * A date written after a birth-date label in text: `date of birth: April 1, 1990`,
 * `dob=1990-04-01` in a query string, `"birthDate":"1990-04-01"` in JSON text, `生年月日：1990年4月1日`.
 * The longest date (≤ 40 characters) that `parseDate` accepts is the finding.
 */
function findLabelledDate(text: string, hit: Hit): Candidate | undefined {
  let end = hit.end;
  while (end < text.length && end - hit.end < 16 && isLabelChar(text.charCodeAt(end))) end++;
  const cjk = text.charCodeAt(hit.start) >= 0x80;
  const v = valueStart(text, end, cjk);
  // Cheap rejections first; the field classifier runs only when a date could follow.
  if (v < 0 || !isDateStart(codeAt(text, v)) || labelStart(text, hit, end) < 0) return undefined;
  return dateFrom(text, v, 0.85);
}

/** The longest plausible birth date (≤ MAX_VALUE characters) starting at `v`, or undefined. */
function dateFrom(text: string, v: number, confidence: number): Candidate | undefined {
  if (!isDateStart(codeAt(text, v))) return undefined;
  let w = v;
  while (w < text.length && w - v < MAX_VALUE && isDateChar(text.charCodeAt(w))) w++;
  for (let k = w; k > v + 5; k--) {
    if (!canEndDate(text, k)) continue;
    const date = parseDate(text.slice(v, k));
    if (date !== undefined && isPlausibleBirthDate(date)) return { start: v, end: k, confidence };
  }
  return undefined;
}

/** `born 1984/04/01`, `born on April 1, 1990` (prose: `born` starts a word, in any case). */
function findAfterBorn(text: string, hit: Hit): Candidate | undefined {
  if (isWordChar(codeAt(text, hit.start - 1))) return undefined;
  let v = hit.end;
  if (text.slice(v, v + 3).toLowerCase() === 'on ') v += 3;
  return dateFrom(text, v, 0.8);
}

/** `1984年4月1日生まれ`, `1990/4/1 生まれ`: Japanese writes the date first. */
function findBeforeUmare(text: string, hit: Hit): Candidate | undefined {
  let e = hit.start;
  if (codeAt(text, e - 1) === 32 || codeAt(text, e - 1) === 0x3000) e--;
  let v = e;
  while (v > 0 && e - v < MAX_VALUE && isDateChar(text.charCodeAt(v - 1))) v--;
  // The earliest start that makes one date ending at `e`: the longest one.
  for (let k = v; k < e - 5; k++) {
    if (!isDateStart(text.charCodeAt(k)) || isDigit(codeAt(text, k - 1))) continue;
    const date = parseDate(text.slice(k, e));
    if (date !== undefined && isPlausibleBirthDate(date))
      return { start: k, end: e, confidence: 0.8 };
  }
  return undefined;
}

function findBirthDate(text: string, hit: Hit, ctx: ScanContext): Candidate | undefined {
  if (hit.keyword === 'born ') return findAfterBorn(text, hit);
  if (hit.keyword === '生まれ') return findBeforeUmare(text, hit);
  if (hit.keyword !== '#field') return findLabelledDate(text, hit);
  if (text.length > MAX_VALUE || ctx.keyCategory === undefined || !isUnder(ctx.keyCategory, DOB))
    return undefined;
  let s = 0;
  let e = text.length;
  while (s < e && isSpace(text.charCodeAt(s))) s++;
  while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
  const date = parseDate(text.slice(s, e));
  return date !== undefined && isPlausibleBirthDate(date) ? { start: s, end: e } : undefined;
}

/** Date-of-birth rules. */
export const dobRules: readonly Rule[] = [
  {
    id: 'date_of_birth',
    category: DOB,
    description: 'Date of birth: a whole-value date (1900..today) in a birth-date field.',
    fields: [DOB],
    keywords: ['birth', 'dob', 'geburtsdatum', '生年月日', '誕生日', 'born ', '生まれ'],
    find: findBirthDate,
    confidence: 0.9,
    examples: {
      positive: [
        { text: '1990-04-01', key: 'birth_date', match: '1990-04-01' },
        { text: '1990/4/1', key: 'dob', match: '1990/4/1' },
        { text: '04/01/1990', key: 'birthday', match: '04/01/1990' },
        { text: '1 April 1990', key: 'date_of_birth', match: '1 April 1990' },
        { text: '１９９０年４月１日', key: '生年月日', match: '１９９０年４月１日' },
        { text: '平成2年4月1日', key: 'birthday', match: '平成2年4月1日' },
        { text: '638928000000', key: 'dob', match: '638928000000' },
        { text: ' 1985-12-31T00:00:00Z ', key: 'birthdate', match: '1985-12-31T00:00:00Z' },
        { text: 'Date of birth: April 1, 1990.', match: 'April 1, 1990' },
        { text: 'https://x.example/signup?dob=1990-04-01&step=2', match: '1990-04-01' },
        { text: '生年月日：1990年4月1日です', match: '1990年4月1日' },
        { text: '{"user":{"birthDate":"1990-04-01T00:00:00Z"}}', match: '1990-04-01T00:00:00Z' },
        { text: 'note: born 1984/04/01 in Osaka', match: '1984/04/01' },
        { text: 'Born on April 1, 1990.', match: 'April 1, 1990' },
        { text: '1984年4月1日生まれの会員', match: '1984年4月1日' },
        { text: '平成2年4月1日 生まれ', match: '平成2年4月1日' },
      ],
      negative: [
        '1990-04-01',
        { text: '1990-04-01', key: 'created_at' },
        { text: '2099-01-01', key: 'dob' },
        { text: '1850-01-01', key: 'dob' },
        { text: '1990-02-30', key: 'dob' },
        { text: 'since 1990-04-01 in Tokyo', key: 'dob' },
        { text: '1.2.3.4', key: 'app_version' },
        { text: '2024-01-15T10:30:00.000Z', key: 'updated_at' },
        'Adobe: 2024-01-15',
        'birthplace: 1990-04-01',
        'dob_verified=1990-04-01',
        'birthday party on 2024-01-15',
        'newborn 2024-01-15 photos',
        'stubborn 1990-04-01',
        'born 2099-01-01',
        'born in 1984',
        '東京生まれ',
        '2030年1月1日生まれ',
      ],
    },
  },
];
