/**
 * Dates of birth: only in birth-date fields, and only when the whole value is one date between
 * 1900-01-01 and today (see validators/dates.ts for the formats: ISO, `1990/4/1`, `04/01/1990`,
 * `1 April 1990`, `1990年4月1日`, `平成2年4月1日`, YYYYMMDD, epoch seconds/milliseconds).
 *
 * Trigger: the field category `user.demographic.date_of_birth` only (the field-name classifier
 * gives it to `dob`, `birthday`, `birth_date`, `生年月日`, …): a date elsewhere is not a birth date.
 */
import { isUnder } from '../../categories.js';
import { isPlausibleBirthDate, parseDate } from '../../validators/dates.js';
import type { Candidate, Hit, Rule, ScanContext } from '../../types.js';

const DOB = 'user.demographic.date_of_birth';
const MAX_VALUE = 40;

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0x3000;
}

function findBirthDate(text: string, _hit: Hit, ctx: ScanContext): Candidate | undefined {
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
      ],
      negative: [
        '1990-04-01',
        { text: '1990-04-01', key: 'created_at' },
        { text: '2099-01-01', key: 'dob' },
        { text: '1850-01-01', key: 'dob' },
        { text: '1990-02-30', key: 'dob' },
        { text: 'born 1990-04-01 in Tokyo', key: 'dob' },
        { text: '1.2.3.4', key: 'app_version' },
        { text: '2024-01-15T10:30:00.000Z', key: 'updated_at' },
      ],
    },
  },
];
