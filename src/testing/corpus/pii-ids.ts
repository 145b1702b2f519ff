/** National identifiers: US Social Security numbers and Japanese My Numbers (個人番号). */
import { myNumberCheckDigit } from './checksums.js';
import { ALPHABET, type Rng } from './prng.js';
import type { Draft, StructuredKind } from './item.js';

/** An SSN in an issuable range: area 001–899 except 666, group 01–99, serial 0001–9999. */
function ssn(rng: Rng): Draft {
  let area = rng.int(1, 898);
  if (area === 666) area = 667;
  const a = String(area).padStart(3, '0');
  const g = String(rng.int(1, 99)).padStart(2, '0');
  const s = String(rng.int(1, 9999)).padStart(4, '0');
  return { value: rng.chance(0.85) ? `${a}-${g}-${s}` : `${a} ${g} ${s}` };
}

/** A 12-digit My Number with a correct check digit. */
export function myNumber(rng: Rng): string {
  const base = rng.chars(ALPHABET.digit, 11);
  return base + String(myNumberCheckDigit(base));
}

function myNumberDraft(rng: Rng): Draft {
  const d = myNumber(rng);
  const style = rng.int(0, 2);
  const sep = style === 0 ? '' : style === 1 ? ' ' : '-';
  return { value: `${d.slice(0, 4)}${sep}${d.slice(4, 8)}${sep}${d.slice(8)}` };
}

/** SSN and My Number kinds. */
export const idKinds: readonly StructuredKind[] = [
  { kind: 'us_ssn', aliases: ['ssn', 'us_social_security_number'], make: ssn },
  {
    kind: 'jp_my_number',
    aliases: ['my_number', 'jp_individual_number', 'mynumber'],
    make: myNumberDraft,
  },
];
