/** Email addresses (ASCII and full-width) and phone numbers of JP/US/GB/DE/FR. */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { fullWidth } from './compose.js';
import { ALPHABET, type Rng } from './prng.js';
import type { Draft, StructuredKind } from './item.js';

const FIRST = [
  'taro',
  'hanako',
  'yuki',
  'kenji',
  'sakura',
  'emma',
  'liam',
  'olivia',
  'noah',
  'mia',
  'lucas',
  'chloe',
  'jonas',
  'lea',
  'hugo',
];
const LAST = [
  'yamada',
  'suzuki',
  'tanaka',
  'watanabe',
  'smith',
  'johnson',
  'garcia',
  'obrien',
  'muller',
  'schmidt',
  'dubois',
  'martin',
  'nguyen',
  'kim',
];
const DOMAINS = [
  'gmail.com',
  'yahoo.co.jp',
  'outlook.com',
  'icloud.com',
  'proton.me',
  'docomo.ne.jp',
  'ezweb.ne.jp',
  'gmx.de',
  'orange.fr',
  'btinternet.com',
  'acme-robotics.io',
  'tanaka-shoji.co.jp',
  'mail.northwind.dev',
  'lumen-labs.ai',
  'hotmail.co.uk',
];

function localPart(rng: Rng): string {
  const f = rng.pick(FIRST);
  const l = rng.pick(LAST);
  switch (rng.int(0, 5)) {
    case 0:
      return `${f}.${l}`;
    case 1:
      return `${f[0]}${l}${rng.int(1, 99)}`;
    case 2:
      return `${f}_${l}`;
    case 3:
      return `${f}+${rng.pick(['news', 'billing', 'dev', 'test'])}`;
    case 4:
      return `${l}.${f}${rng.int(1970, 2005)}`;
    default:
      return `${f}${rng.chars(ALPHABET.digit, 3)}`;
  }
}

function email(rng: Rng): Draft {
  const e = `${localPart(rng)}@${rng.pick(DOMAINS)}`;
  return { value: rng.chance(0.15) ? fullWidth(e) : rng.chance(0.1) ? e.toUpperCase() : e };
}

interface PhonePlan {
  readonly country: CountryCode;
  /** National significant number prefixes and how many random digits follow. */
  readonly ranges: readonly (readonly [string, number])[];
}

const PHONE_PLANS: readonly PhonePlan[] = [
  {
    country: 'JP',
    ranges: [
      ['90', 8],
      ['80', 8],
      ['70', 8],
      ['3', 8],
      ['6', 8],
      ['45', 7],
    ],
  },
  {
    country: 'US',
    ranges: [
      ['212', 7],
      ['415', 7],
      ['646', 7],
      ['312', 7],
      ['206', 7],
      ['512', 7],
      ['617', 7],
      ['303', 7],
    ],
  },
  {
    country: 'GB',
    ranges: [
      ['74', 8],
      ['75', 8],
      ['77', 8],
      ['78', 8],
      ['79', 8],
      ['20', 8],
      ['161', 7],
    ],
  },
  {
    country: 'DE',
    ranges: [
      ['151', 8],
      ['160', 8],
      ['170', 8],
      ['176', 8],
      ['30', 8],
      ['89', 7],
    ],
  },
  {
    country: 'FR',
    ranges: [
      ['6', 8],
      ['7', 8],
      ['1', 8],
      ['4', 8],
    ],
  },
];

function phoneNumber(rng: Rng): Draft {
  const plan = rng.pick(PHONE_PLANS);
  for (let attempt = 0; attempt < 50; attempt++) {
    const [prefix, n] = rng.pick(plan.ranges);
    let rest = rng.chars(ALPHABET.digit, n);
    // US exchanges start with 2-9 and 555 is reserved for fiction.
    if (plan.country === 'US') rest = `${rng.int(2, 9)}${rest.slice(1)}`.replace(/^555/, '556');
    const p = parsePhoneNumberFromString(prefix + rest, plan.country);
    if (p === undefined || !p.isValid()) continue;
    switch (rng.int(0, 3)) {
      case 0:
        return { value: p.number };
      case 1:
        return { value: p.formatInternational() };
      case 2:
        return { value: p.formatNational() };
      default:
        return {
          value: plan.country === 'JP' ? p.formatNational().replace(/-/g, '') : p.formatNational(),
        };
    }
  }
  throw new Error(`no valid phone number for ${plan.country}`);
}

/** Email and phone kinds. */
export const contactKinds: readonly StructuredKind[] = [
  { kind: 'email', aliases: ['email_address'], make: email },
  { kind: 'phone_number', aliases: ['phone', 'phone_e164', 'telephone'], make: phoneNumber },
];
