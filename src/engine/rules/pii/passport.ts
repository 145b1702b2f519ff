/**
 * Passport numbers named in text: `passport no. TK1234567`, `パスポート番号：TK1234567`,
 * `旅券番号 MZ7654321`. A passport number alone looks like any reference code, so only a number
 * right after the word (and an optional `no.`, `number`, `#`, `番号`, `:`) counts: one or two
 * capital letters and 6–8 digits (Japan's `TK1234567`, the UK's and Germany's letters-and-digits
 * forms), or 9 digits (the US form). A field named for it (`passport_number`) is read by the
 * field classifier.
 */
import type { Candidate, Hit, Rule } from '../../types.js';
import { codeAt, isWordChar } from './shared.js';

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

/** The rule. */
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
];
