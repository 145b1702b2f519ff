/**
 * Hard negatives: values that look like personal data or secrets to a careless detector (UUIDs,
 * hashes, epoch milliseconds, version quads, prices, …) and must not be reported.
 */
import { luhnCheckDigit } from './checksums.js';
import { markedNumber, marked, type Composed } from './compose.js';
import { ALPHABET, type Rng } from './prng.js';
import type { NegativeKind } from './types.js';

/** Every negative kind, in a stable order. */
export const NEGATIVE_KINDS: readonly NegativeKind[] = [
  'uuid',
  'git_sha',
  'epoch_ms',
  'version',
  'order_id',
  'non_luhn_16',
  'price',
  'sku',
  'duration',
  'iso_timestamp',
  'hex_color',
  'base64_image',
  'hash',
  'random_id',
];

/** Negative kinds that read naturally inside a sentence. */
export const TEXT_NEGATIVE_KINDS: readonly NegativeKind[] = [
  'uuid',
  'git_sha',
  'epoch_ms',
  'version',
  'order_id',
  'non_luhn_16',
  'price',
  'sku',
  'duration',
  'iso_timestamp',
  'hex_color',
  'hash',
];

/** A random version-4 UUID. */
export function uuid(rng: Rng): string {
  const h = (n: number): string => rng.chars(ALPHABET.hex, n);
  return `${h(8)}-${h(4)}-4${h(3)}-${rng.pick(['8', '9', 'a', 'b'])}${h(3)}-${h(12)}`;
}

/** Epoch milliseconds between 2023 and 2027. */
export function epochMs(rng: Rng): number {
  return 1_672_531_200_000 + Math.floor(rng.next() * 126_230_400_000);
}

/** An ISO-8601 timestamp near `ms`, UTC or +09:00. */
export function isoTimestamp(rng: Rng, ms = epochMs(rng)): string {
  const iso = new Date(ms).toISOString();
  return rng.chance(0.7) ? iso : iso.replace(/\.\d{3}Z$/, '+09:00');
}

/** A version quad whose parts all fit in an octet (`2.14.3.118`): looks like an IPv4 address. */
function versionQuad(rng: Rng): string {
  return `${rng.int(1, 12)}.${rng.int(0, 40)}.${rng.int(0, 20)}.${rng.int(0, 255)}`;
}

/** 16 digits with a wrong Luhn digit, card-like prefix. */
function nonLuhn16(rng: Rng): string {
  const body = rng.pick(['4', '5', '35', '6011']);
  const full = body + rng.chars(ALPHABET.digit, 15 - body.length);
  const wrong = (luhnCheckDigit(full) + rng.int(1, 9)) % 10;
  const d = full + String(wrong);
  return rng.chance(0.5) ? d : d.replace(/(\d{4})(?=\d)/g, '$1 ');
}

function price(rng: Rng): string {
  const n = rng.int(1, 2999);
  switch (rng.int(0, 5)) {
    case 0:
      return `$${n.toLocaleString('en-US')}.${rng.pick(['00', '99', '49'])}`;
    case 1:
      return `¥${(n * 100).toLocaleString('en-US')}`;
    case 2:
      return `€${n}.${rng.pick(['00', '90', '99'])}`;
    case 3:
      return `£${n}.50`;
    case 4:
      return `${(n * 10).toLocaleString('en-US')}円`;
    default:
      return `${n.toLocaleString('en-US')}.00 USD`;
  }
}

function sku(rng: Rng): string {
  const d = (n: number): string => rng.chars(ALPHABET.digit, n);
  switch (rng.int(0, 2)) {
    case 0:
      return `SKU-${d(4)}-${rng.pick(['BLK', 'WHT', 'RED', 'NVY'])}-${rng.pick(['S', 'M', 'L', 'XL'])}`;
    case 1:
      return `B0${rng.chars(ALPHABET.digit + ALPHABET.upper, 8)}`;
    default:
      return `${rng.pick(['TS', 'HD', 'MK'])}${d(2)}-${d(3)}`;
  }
}

function duration(rng: Rng): string {
  switch (rng.int(0, 4)) {
    case 0:
      return `PT${rng.int(1, 9)}H${rng.int(1, 59)}M`;
    case 1:
      return `${rng.int(10, 99999)}ms`;
    case 2:
      return `${String(rng.int(0, 23)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}`;
    case 3:
      return `${rng.int(1, 9)}h ${rng.int(1, 59)}m`;
    default:
      return `${rng.int(1, 99)}.${rng.int(0, 9)}s`;
  }
}

function orderId(rng: Rng): string {
  const d = (n: number): string => rng.chars(ALPHABET.digit, n);
  switch (rng.int(0, 3)) {
    case 0:
      return `ORD-${rng.int(2023, 2027)}-${d(6)}`;
    case 1:
      return `#${rng.int(1, 9)}${d(rng.int(8, 11))}`;
    case 2:
      return `PO${d(10)}`;
    default:
      return `${d(3)}-${d(7)}-${d(7)}`;
  }
}

function base64Image(rng: Rng): string {
  return `data:image/${rng.pick(['png;base64,iVBORw0KGgoAAAANSUhEUgAA', 'jpeg;base64,/9j/4AAQSkZJRgABAQ', 'gif;base64,R0lGODlhAQABAIAA'])}${rng.chars(ALPHABET.base64, rng.int(40, 160))}`;
}

function hash(rng: Rng): string {
  switch (rng.int(0, 2)) {
    case 0:
      return rng.chars(ALPHABET.hex, 32);
    case 1:
      return `sha256:${rng.chars(ALPHABET.hex, 64)}`;
    default:
      return rng.chars(ALPHABET.hex, 64);
  }
}

function randomId(rng: Rng): string {
  switch (rng.int(0, 3)) {
    case 0:
      return rng.chars(`${ALPHABET.alnum}_-`, 21);
    case 1:
      return `${rng.pick(['usr', 'org', 'ws', 'req', 'evt'])}_${rng.chars(ALPHABET.alnum, rng.int(12, 24))}`;
    case 2:
      return rng.chars(ALPHABET.hex, 16);
    default:
      return `${rng.chars(ALPHABET.alnum, 10)}-${rng.chars(ALPHABET.digit, 6)}`;
  }
}

/** A fresh value of `kind` (no label). `version` in text is written `v1.2.3.4`. */
export function negativeValue(rng: Rng, kind: NegativeKind, inText = false): string {
  switch (kind) {
    case 'uuid':
      return rng.chance(0.1) ? uuid(rng).toUpperCase() : uuid(rng);
    case 'git_sha':
      return rng.chars(ALPHABET.hex, rng.chance(0.8) ? 40 : 12);
    case 'epoch_ms':
      return String(epochMs(rng));
    case 'version':
      return (inText ? 'v' : '') + versionQuad(rng);
    case 'order_id':
      return orderId(rng);
    case 'non_luhn_16':
      return nonLuhn16(rng);
    case 'price':
      return price(rng);
    case 'sku':
      return sku(rng);
    case 'duration':
      return duration(rng);
    case 'iso_timestamp':
      return isoTimestamp(rng);
    case 'hex_color':
      return `#${rng.chars(rng.chance(0.5) ? ALPHABET.hex : '0123456789ABCDEF', 6)}`;
    case 'base64_image':
      return base64Image(rng);
    case 'hash':
      return hash(rng);
    case 'random_id':
      return randomId(rng);
  }
}

/** A labelled negative string of `kind`. */
export function neg(rng: Rng, kind: NegativeKind, inText = false): Composed {
  const value = negativeValue(rng, kind, inText);
  return marked(value, { role: 'negative', kind, value });
}

/** A labelled negative number: epoch milliseconds. */
export function negEpoch(rng: Rng): Composed {
  const n = epochMs(rng);
  return markedNumber(n, { role: 'negative', kind: 'epoch_ms', value: String(n) });
}
