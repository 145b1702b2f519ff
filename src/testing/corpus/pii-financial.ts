/** Payment card numbers (Luhn-valid, per brand) and IBANs (mod-97-valid, several countries). */
import { ibanCheckDigits, luhnCheckDigit } from './checksums.js';
import { ALPHABET, type Rng } from './prng.js';
import type { Draft, StructuredKind } from './item.js';

interface Brand {
  readonly name: string;
  readonly prefixes: readonly string[];
  readonly length: number;
  /** Digit groups when printed with separators. */
  readonly groups: readonly number[];
}

const BRANDS: readonly Brand[] = [
  { name: 'visa', prefixes: ['4'], length: 16, groups: [4, 4, 4, 4] },
  {
    name: 'mastercard',
    prefixes: ['51', '52', '53', '54', '55', '2221', '2720', '23', '26'],
    length: 16,
    groups: [4, 4, 4, 4],
  },
  { name: 'amex', prefixes: ['34', '37'], length: 15, groups: [4, 6, 5] },
  { name: 'discover', prefixes: ['6011', '65', '644', '649'], length: 16, groups: [4, 4, 4, 4] },
  { name: 'jcb', prefixes: ['3528', '3530', '3566', '3589'], length: 16, groups: [4, 4, 4, 4] },
  { name: 'diners', prefixes: ['36', '300', '305'], length: 14, groups: [4, 6, 4] },
  { name: 'unionpay', prefixes: ['62'], length: 16, groups: [4, 4, 4, 4] },
];

function grouped(digits: string, groups: readonly number[], sep: string): string {
  const parts: string[] = [];
  let at = 0;
  for (const g of groups) {
    parts.push(digits.slice(at, at + g));
    at += g;
  }
  return parts.join(sep);
}

/** A Luhn-valid number of a random brand; `brand` is exported for tests. */
export function cardNumber(rng: Rng): { digits: string; brand: string; printed: string } {
  const b = rng.pick(BRANDS);
  const prefix = rng.pick(b.prefixes);
  const body = prefix + rng.chars(ALPHABET.digit, b.length - prefix.length - 1);
  const digits = body + String(luhnCheckDigit(body));
  const style = rng.int(0, 9);
  const printed = style < 4 ? digits : grouped(digits, b.groups, style < 8 ? ' ' : '-');
  return { digits, brand: b.name, printed };
}

interface IbanPlan {
  readonly country: string;
  /** BBAN layout: `n` digits, `a` upper-case letters, `c` alphanumerics; `[kind, count]` pairs. */
  readonly bban: readonly (readonly ['n' | 'a' | 'c', number])[];
  readonly banks?: readonly string[];
}

const IBAN_PLANS: readonly IbanPlan[] = [
  { country: 'DE', bban: [['n', 18]] },
  {
    country: 'GB',
    bban: [
      ['a', 4],
      ['n', 14],
    ],
    banks: ['NWBK', 'BARC', 'HBUK', 'LOYD', 'MIDL'],
  },
  { country: 'FR', bban: [['n', 23]] },
  { country: 'ES', bban: [['n', 20]] },
  {
    country: 'NL',
    bban: [
      ['a', 4],
      ['n', 10],
    ],
    banks: ['ABNA', 'INGB', 'RABO', 'TRIO'],
  },
  {
    country: 'IT',
    bban: [
      ['a', 1],
      ['n', 10],
      ['n', 12],
    ],
  },
  { country: 'BE', bban: [['n', 12]] },
  { country: 'CH', bban: [['n', 17]] },
];

/** A mod-97-valid IBAN, compact (`DE89370400440532013000`). National check digits are random. */
export function iban(rng: Rng): string {
  const plan = rng.pick(IBAN_PLANS);
  let bban = '';
  for (const [kind, count] of plan.bban) {
    if (kind === 'a' && plan.banks !== undefined && bban === '') bban += rng.pick(plan.banks);
    else
      bban += rng.chars(
        kind === 'n'
          ? ALPHABET.digit
          : kind === 'a'
            ? ALPHABET.upper
            : ALPHABET.digit + ALPHABET.upper,
        count,
      );
  }
  return plan.country + ibanCheckDigits(plan.country, bban) + bban;
}

function ibanDraft(rng: Rng): Draft {
  const compact = iban(rng);
  return { value: rng.chance(0.5) ? compact : compact.replace(/(.{4})(?=.)/g, '$1 ') };
}

/** Card and IBAN kinds. */
export const financialKinds: readonly StructuredKind[] = [
  {
    kind: 'credit_card',
    aliases: ['card_number', 'payment_card', 'credit_card_number'],
    make: (rng) => ({ value: cardNumber(rng).printed }),
  },
  { kind: 'iban', aliases: ['iban_code', 'bank_account'], make: ibanDraft },
];
