/**
 * Payment card numbers (PAN): 12–19 digits, unseparated or grouped by single spaces or dashes
 * (4-4-4-4, 4-4-4-4-3, Amex 4-6-5, Diners 4-6-4) or dots (4.4.4.4 only), issuer prefix and length per the table in
 * validators/card.ts, and Luhn. JSON numbers reach the rule stringified, so a bare
 * `4111111111111111` is found too.
 */
import { cardNetwork } from '../../validators/card.js';
import { ean13Valid, luhnValid } from '../../validators/luhn.js';
import type { Candidate, Hit, Rule, ScanContext } from '../../types.js';
import {
  allSame,
  allSeps,
  codeAt,
  contextBefore,
  type DigitGroups,
  fieldIs,
  readGroups,
  standsAlone,
} from './shared.js';

const CARD_WORDS = /card|カード|クレジット|visa|master|maestro|amex|jcb|pan\b|決済/i;
const CARD_KEY = /card|(?:^|_)(?:cc|pan)(?:_|$)/;

/** Accepted groupings: none, all 4s with a shorter last group, Amex 4-6-5, Diners 4-6-4. */
function groupingOk(g: DigitGroups): boolean {
  const n = g.groups.length;
  if (n === 1) return true;
  const shape = g.groups.join(',');
  // `4111.1111.1111.1111`: dots only in four groups of four (versions and IPs have shorter groups).
  if (allSeps(g, '.')) return shape === '4,4,4,4';
  if (!allSeps(g, ' ') && !allSeps(g, '-')) return false;
  if (shape === '4,6,5' || shape === '4,6,4') return true;
  if (n < 3) return false;
  for (let i = 0; i < n - 1; i++) if (g.groups[i] !== 4) return false;
  const last = g.groups[n - 1]!;
  return last >= 1 && last <= 4;
}

function hasContext(text: string, start: number, ctx: ScanContext): boolean {
  return fieldIs(ctx, 'user.financial', CARD_KEY) || contextBefore(text, start, 24, CARD_WORDS);
}

function findCard(text: string, hit: Hit, ctx: ScanContext): Candidate | undefined {
  const { start, end } = hit;
  if (!standsAlone(text, start, end) || codeAt(text, start - 1) === 43) return undefined;
  const g = readGroups(text, start, end, 19);
  if (g === undefined || !groupingOk(g)) return undefined;
  const d = g.digits;
  if (allSame(d)) return undefined;
  const network = cardNetwork(d);
  if (network === undefined || !luhnValid(d)) return undefined;
  // A 13-digit number that is also a valid EAN-13/JAN is a product barcode (`4901234567894`).
  if (d.length === 13 && ean13Valid(d)) return undefined;
  if (network === 'maestro' && d.length < 16) {
    // Maestro's short numbers collide with ids (My Number is 12 digits): only with context.
    return hasContext(text, start, ctx) ? { start, end, confidence: 0.8 } : undefined;
  }
  const confidence = network === 'maestro' ? 0.7 : g.groups.length > 1 ? 0.95 : 0.9;
  return { start, end, confidence };
}

/** Payment card rules. */
export const cardRules: readonly Rule[] = [
  {
    id: 'credit_card',
    category: 'user.financial.credit_card',
    description: 'Payment card number: issuer prefix and length table, Luhn check.',
    digits: { min: 12, max: 19 },
    find: findCard,
    confidence: 0.9,
    examples: {
      positive: [
        { text: 'card 4111 1111 1111 1111 exp 12/27', match: '4111 1111 1111 1111' },
        { text: '{"cc":"5555-5555-5555-4444"}', match: '5555-5555-5555-4444' },
        { text: 'amex 3782 822463 10005 ok', match: '3782 822463 10005' },
        { text: '4012888888881881', match: '4012888888881881' },
        { text: 'card 4111.1111.1111.1111', match: '4111.1111.1111.1111' },
        {
          text: 'カード番号：４１１１－１１１１－１１１１－１１１１',
          match: '４１１１－１１１１－１１１１－１１１１',
        },
        { text: 'JCB 3530111333300000 で決済', match: '3530111333300000' },
        { text: 'discover=6011111111111117&x=1', match: '6011111111111117' },
      ],
      negative: [
        '1234567812345678',
        '1732291200000',
        'ORD-4111111111111111',
        '4111-1111 1111-1111',
        'build 4111.1111.1111.1111.2',
        'v4111.111.1111.1111',
        '4444444444444444',
        '4111111111111111a',
        'jan 4901234567894',
        '550e8400-e29b-41d4-a716-446655440000',
        '4111 11111 1111 111',
      ],
    },
  },
];
