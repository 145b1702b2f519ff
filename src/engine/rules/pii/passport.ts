/**
 * Passport numbers named in text: `passport no. TK1234567`, `パスポート番号：TK1234567`,
 * `旅券番号 MZ7654321`. A passport number alone looks like any reference code, so only a number
 * right after the word (and an optional `no.`, `number`, `#`, `番号`, `:`) counts: one or two
 * capital letters and 6–8 digits (Japan's `TK1234567`, the UK's and Germany's letters-and-digits
 * forms), or 9 digits (the US form). A field named for it (`passport_number`) is read by the
 * field classifier. Japanese residence card numbers (`AB12345678CD`) have a shape of their own and
 * are read without a label.
 */
import type { Candidate, Hit, Rule } from '../../types.js';
import { codeAt, isUpper, isWordChar } from './shared.js';

const AFTER = /^(?:\s*(?:no\.?|number|num|#|番号|ナンバー))?\s*[:：#=]?\s*/i;
const NUMBER = /^(?:[A-Z]{1,2}[0-9]{6,8}|[0-9]{9})/;

function findPassport(text: string, hit: Hit): Candidate | undefined {
  // An English keyword starts a word (`passports` is fine: `s` is skipped as a letter below).
  if (text.charCodeAt(hit.start) < 0x80 && isWordChar(codeAt(text, hit.start - 1)))
    return undefined;
  let i = hit.end;
  if (codeAt(text, i) === 115 /* s */) i++;
  const after = AFTER.exec(text.slice(i, i + 24))!;
  i += after[0].length;
  const m = NUMBER.exec(text.slice(i, i + 12));
  if (m === null || isWordChar(codeAt(text, i + m[0].length))) return undefined;
  return { start: i, end: i + m[0].length };
}

/**
 * A Japanese residence card or special permanent resident certificate number (在留カード番号,
 * 特別永住者証明書番号): two capital letters, eight digits, two capital letters (`AB12345678CD`),
 * a whole token, not the last group of an upper-case UUID (`…-BE31243081BC`). The eight digits arrive as a digit run with two letters before it (the scanner's
 * `letterPrefix` pre-filter) and a capital after it (`next`).
 */
function findResidenceCard(text: string, hit: Hit): Candidate | undefined {
  const { start, end } = hit;
  if (end - start !== 8) return undefined; // eight digits, no separators
  if (!isUpper(codeAt(text, start - 1)) || !isUpper(codeAt(text, start - 2))) return undefined;
  // The last group of an upper-case UUID (`…-850F-BE31243081BC`) has the same shape.
  if (codeAt(text, start - 3) === 45) return undefined;
  if (!isUpper(codeAt(text, end)) || !isUpper(codeAt(text, end + 1))) return undefined;
  if (isWordChar(codeAt(text, end + 2))) return undefined;
  return { start: start - 2, end: end + 2 };
}

const CAPITALS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** The rules. */
export const passportRules: readonly Rule[] = [
  {
    id: 'passport_number',
    category: 'user.government_id.passport_number',
    description:
      'A passport number right after the word: passport no. TK1234567, 旅券番号 MZ7654321.',
    keywords: ['passport', 'パスポート', '旅券'],
    find: findPassport,
    confidence: 0.85,
    examples: {
      positive: [
        { text: 'passport no. TK1234567 verified', match: 'TK1234567' },
        { text: 'パスポート番号：TK1234567', match: 'TK1234567' },
        { text: '旅券番号 MZ7654321', match: 'MZ7654321' },
        { text: 'Passport #: 123456789', match: '123456789' },
        { text: 'UK passport 123456789 expires 2030', match: '123456789' },
      ],
      negative: [
        'passport photo uploaded',
        'passport expires 2031-05-01',
        'passport: TK12345',
        'passport_status=ok TK1234567',
        'passport 1234567890',
        'パスポート申請',
      ],
    },
  },
  {
    id: 'jp_residence_card_number',
    category: 'user.government_id',
    description:
      'A Japanese residence card number (在留カード番号): two capitals, eight digits, two capitals.',
    digits: { min: 8, max: 8, letterPrefix: true, next: CAPITALS },
    find: findResidenceCard,
    confidence: 0.75,
    examples: {
      positive: [
        { text: '在留カード番号：AB12345678CD', match: 'AB12345678CD' },
        { text: 'residence card UH98765432EF checked', match: 'UH98765432EF' },
      ],
      negative: [
        'ab12345678cd',
        'AB1234567CD',
        'AB12345678CDE',
        'XAB12345678CD',
        'AB12345678C',
        'AB 12345678 CD',
        'D82E5060-75B4-4058-850F-BE31243081BC',
      ],
    },
  },
];
