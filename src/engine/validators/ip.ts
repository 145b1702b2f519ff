/**
 * IP address parsing and classification. IPv4 is parsed by hand (strict dotted quad); IPv6 is
 * checked with node:net's `isIPv6`, then classified by its leading bits.
 */
import { isIPv6 } from 'node:net';

/** How an address is reported: a routable public address, a non-public one, or not at all. */
export type IpClass = 'public' | 'private' | 'reserved';

/**
 * The four octets of a strict dotted quad in `text[start, end)`: exactly four decimal parts of
 * 1–3 digits, each ≤ 255, no leading zeros (`010` is octal to some parsers, so not an address).
 * Returns undefined otherwise.
 */
export function parseIPv4(text: string, start = 0, end = text.length): number[] | undefined {
  const octets: number[] = [];
  let value = 0;
  let len = 0;
  let lead = 0;
  for (let i = start; i <= end; i++) {
    const c = i < end ? text.charCodeAt(i) : 46;
    if (c >= 48 && c <= 57) {
      if (len === 0) lead = c;
      else if (lead === 48) return undefined;
      value = value * 10 + (c - 48);
      if (++len > 3 || value > 255) return undefined;
    } else if (c === 46 && len > 0 && octets.length < 4) {
      octets.push(value);
      value = 0;
      len = 0;
    } else return undefined;
  }
  return octets.length === 4 ? octets : undefined;
}

/**
 * Class of an IPv4 address. `private`: RFC 1918, loopback 127/8, link-local 169.254/16,
 * CGNAT 100.64/10, the documentation nets 192.0.2/24, 198.51.100/24, 203.0.113/24 and the
 * benchmark net 198.18/15. `reserved` (never a device's address, not reported): 0/8, multicast
 * 224/4, 240/4 and broadcast.
 */
export function classifyIPv4(o: readonly number[]): IpClass {
  const [a = 0, b = 0, c = 0] = o;
  if (a === 0 || a >= 224) return 'reserved';
  if (a === 10 || a === 127) return 'private';
  if (a === 172 && b >= 16 && b <= 31) return 'private';
  if (a === 192 && b === 168) return 'private';
  if (a === 169 && b === 254) return 'private';
  if (a === 100 && b >= 64 && b <= 127) return 'private';
  if (a === 198 && (b === 18 || b === 19)) return 'private';
  if (
    (a === 192 && b === 0 && c === 2) ||
    (a === 198 && b === 51 && c === 100) ||
    (a === 203 && b === 0 && c === 113)
  )
    return 'private';
  return 'public';
}

/** True for a netmask (`255.255.255.0`): contiguous one bits from the top, first octet 255. */
export function isNetmask(o: readonly number[]): boolean {
  if (o[0] !== 255) return false;
  let seenZero = false;
  for (const x of o) {
    for (let bit = 7; bit >= 0; bit--) {
      const one = ((x >> bit) & 1) === 1;
      if (one && seenZero) return false;
      if (!one) seenZero = true;
    }
  }
  return true;
}

/** True when `s` is a syntactically valid IPv6 address (node:net). */
export function isValidIPv6(s: string): boolean {
  return isIPv6(s);
}

/**
 * The eight 16-bit groups of a valid IPv6 address (`isValidIPv6` must hold), with `::` expanded
 * and an embedded dotted quad turned into its two groups.
 */
export function expandIPv6(s: string): number[] {
  const toGroups = (part: string): number[] => {
    if (part === '') return [];
    const out: number[] = [];
    for (const g of part.split(':')) {
      const v4 = g.includes('.') ? parseIPv4(g) : undefined;
      if (v4) out.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
      else out.push(parseInt(g, 16));
    }
    return out;
  };
  const gap = s.indexOf('::');
  if (gap < 0) return toGroups(s);
  const head = toGroups(s.slice(0, gap));
  const tail = toGroups(s.slice(gap + 2));
  return [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
}

/**
 * Class of a valid IPv6 address. `private`: loopback ::1, link-local fe80::/10, unique local
 * fc00::/7, documentation 2001:db8::/32, and IPv4-mapped addresses (::ffff:a.b.c.d) of private
 * IPv4 ones. `reserved`: the unspecified address :: and multicast ff00::/8.
 */
export function classifyIPv6(s: string): IpClass {
  const g = expandIPv6(s);
  const [g0 = 0, g1 = 0, , , , g5 = 0, g6 = 0, g7 = 0] = g;
  const zeroHead = g.slice(0, 5).every((x) => x === 0);
  if (zeroHead && g5 === 0 && g6 === 0)
    return g7 === 0 ? 'reserved' : g7 === 1 ? 'private' : 'public';
  if (zeroHead && g5 === 0xffff) return classifyIPv4([g6 >> 8, g6 & 255, g7 >> 8, g7 & 255]);
  if (g0 >= 0xff00) return 'reserved';
  if ((g0 & 0xffc0) === 0xfe80 || (g0 & 0xfe00) === 0xfc00) return 'private';
  if (g0 === 0x2001 && g1 === 0x0db8) return 'private';
  return 'public';
}
