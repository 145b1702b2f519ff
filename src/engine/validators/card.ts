/**
 * Payment card issuer table: which prefixes (IIN ranges) and lengths each network issues,
 * simplified to what separates card numbers from other long numbers.
 *
 * | network    | prefixes                                  | lengths |
 * |------------|-------------------------------------------|---------|
 * | Visa       | 4                                         | 13, 16, 19 |
 * | Mastercard | 51–55, 2221–2720                          | 16      |
 * | Amex       | 34, 37                                    | 15      |
 * | Discover   | 6011, 644–649, 65, 622126–622925          | 16–19   |
 * | JCB        | 3528–3589                                 | 16–19   |
 * | Diners     | 300–305, 36, 38, 39                       | 14–19   |
 * | UnionPay   | 62, 81                                    | 16–19   |
 * | Maestro    | 50, 56–69                                 | 12–19   |
 *
 * Maestro's ranges overlap the others; it is checked last, so a number is reported under the
 * more specific network when one fits.
 */

/** Card networks the table knows. */
export type CardNetwork =
  'visa' | 'mastercard' | 'amex' | 'discover' | 'jcb' | 'diners' | 'unionpay' | 'maestro';

interface Range {
  readonly network: CardNetwork;
  /** Number of leading digits compared. */
  readonly width: number;
  readonly from: number;
  readonly to: number;
  readonly minLen: number;
  readonly maxLen: number;
  /** Allowed lengths when not every length in minLen..maxLen is. */
  readonly lengths?: readonly number[];
}

const r = (
  network: CardNetwork,
  width: number,
  from: number,
  to: number,
  minLen: number,
  maxLen: number,
  lengths?: number[],
): Range =>
  lengths
    ? { network, width, from, to, minLen, maxLen, lengths }
    : { network, width, from, to, minLen, maxLen };

/** The issuer table, most specific first. */
const RANGES: readonly Range[] = [
  r('visa', 1, 4, 4, 13, 19, [13, 16, 19]),
  r('mastercard', 2, 51, 55, 16, 16),
  r('mastercard', 4, 2221, 2720, 16, 16),
  r('amex', 2, 34, 34, 15, 15),
  r('amex', 2, 37, 37, 15, 15),
  r('discover', 4, 6011, 6011, 16, 19),
  r('discover', 3, 644, 649, 16, 19),
  r('discover', 2, 65, 65, 16, 19),
  r('discover', 6, 622126, 622925, 16, 19),
  r('jcb', 4, 3528, 3589, 16, 19),
  r('diners', 3, 300, 305, 14, 19),
  r('diners', 2, 36, 36, 14, 19),
  r('diners', 2, 38, 39, 14, 19),
  r('unionpay', 2, 62, 62, 16, 19),
  r('unionpay', 2, 81, 81, 16, 19),
  r('maestro', 2, 50, 50, 12, 19),
  r('maestro', 2, 56, 69, 12, 19),
];

/**
 * The network whose prefix and length table fits `digits` (ASCII digits), or undefined.
 * Does not check Luhn; see luhn.ts.
 */
export function cardNetwork(digits: string): CardNetwork | undefined {
  const len = digits.length;
  for (const range of RANGES) {
    if (len < range.minLen || len > range.maxLen) continue;
    if (range.lengths && !range.lengths.includes(len)) continue;
    const prefix = Number(digits.slice(0, range.width));
    if (prefix >= range.from && prefix <= range.to) return range.network;
  }
  return undefined;
}
