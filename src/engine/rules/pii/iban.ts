/**
 * IBANs. Triggered by digit runs of 2+ digits: an IBAN's check digits always start a run right
 * after its two-letter country code. Per run the rule first looks at the two characters before
 * it (constant work), so ordinary text full of short numbers stays cheap; only a registry
 * country code followed by two digits leads to reading at most 34 characters plus group spaces.
 */
import { ibanLengthOfCodes, isValidIban } from '../../validators/iban.js';
import { isAlnum, isDigit } from '../../text.js';
import type { Candidate, Hit, Rule } from '../../types.js';
import { codeAt, isLetter, isWordChar } from './shared.js';

/**
 * End offset of an IBAN of `length` characters starting at `from`, written compact or in groups
 * of four separated by single spaces, or -1. Reads at most `length` + `length / 4` characters.
 */
function ibanEnd(text: string, from: number, length: number): number {
  let count = 0;
  let spaces = 0;
  let i = from;
  while (count < length && i < text.length) {
    const c = text.charCodeAt(i);
    if (isAlnum(c)) count++;
    else if (c === 32 && count % 4 === 0 && isAlnum(codeAt(text, i + 1))) spaces++;
    else break;
    i++;
  }
  if (count !== length || isWordChar(codeAt(text, i))) return -1;
  // Either no spaces or one before every group of four.
  return spaces === 0 || spaces === Math.floor((length - 1) / 4) ? i : -1;
}

function findIban(text: string, hit: Hit): Candidate | undefined {
  const s = hit.start;
  const a = codeAt(text, s - 2);
  const b = codeAt(text, s - 1);
  if (!isLetter(a) || !isLetter(b) || isWordChar(codeAt(text, s - 3))) return undefined;
  if (a < 97 !== b < 97) return undefined; // `De89…`: mixed case is a word, not a country code
  const length = ibanLengthOfCodes(a, b);
  if (length === 0 || !isDigit(codeAt(text, s + 1))) return undefined;
  const end = ibanEnd(text, s - 2, length);
  if (end < 0) return undefined;
  const compact = text
    .slice(s - 2, end)
    .replace(/ /g, '')
    .toUpperCase();
  return isValidIban(compact) ? { start: s - 2, end } : undefined;
}

/** IBAN rules. */
export const ibanRules: readonly Rule[] = [
  {
    id: 'iban',
    category: 'user.financial.bank_account',
    description:
      'IBAN: registry country, per-country length, mod-97 check; compact or in groups of 4.',
    digits: { min: 2, max: 34, letterPrefix: true },
    find: findIban,
    confidence: 0.95,
    examples: {
      positive: [
        { text: 'IBAN DE89 3704 0044 0532 0130 00', match: 'DE89 3704 0044 0532 0130 00' },
        { text: '{"iban":"GB29NWBK60161331926819"}', match: 'GB29NWBK60161331926819' },
        {
          text: 'Virement FR14 2004 1010 0505 0001 3M02 606 merci',
          match: 'FR14 2004 1010 0505 0001 3M02 606',
        },
        { text: 'Konto: CH93 0076 2011 6238 5295 7.', match: 'CH93 0076 2011 6238 5295 7' },
        {
          text: '振込先 ＮＬ９１ＡＢＮＡ０４１７１６４３００',
          match: 'ＮＬ９１ＡＢＮＡ０４１７１６４３００',
        },
        { text: 'iban=nl91abna0417164300&amount=10', match: 'nl91abna0417164300' },
      ],
      negative: [
        'DE89 3704 0044 0532 0130 01',
        'GB29NWBK6016133192681',
        'XX89370400440532013000',
        'SKU DE1234 size 42',
        'ORDERDE89370400440532013000',
        'DE89370400440532013000X',
        'DE89 37040044 0532013000',
        { text: '1.2.3.4', key: 'app_version' },
      ],
    },
  },
];
