/**
 * IP address generalizer: drop, truncate to a network prefix, replace with a country code, or
 * keep. Country lookups read a MaxMind DB (GeoLite2-Country / GeoIP2-Country shape).
 */
import { isIP } from 'node:net';
import * as maxmind from 'maxmind';
import type { CountryResponse } from 'maxmind';
import { VeilError } from '../../errors.js';

/** What to do with an IP address: the policy's `ip` option. */
export type IpMode = 'drop' | 'prefix' | 'country' | 'keep';

/** Resolves an IP address to its country. */
export interface CountryLookup {
  /**
   * The ISO 3166-1 alpha-2 code (upper case, `JP`) of `ip`'s country, or `undefined` when the
   * address is invalid or not in the database. Never throws.
   */
  country(ip: string): string | undefined;
}

/** An address after validation: IPv4 as 4 octets, IPv6 as 8 hextets. */
type Parsed =
  { readonly v: 4; readonly octets: number[] } | { readonly v: 6; readonly hextets: number[] };

// Longest textual IPv6 address with an embedded IPv4 is 45 characters; zone ids are short.
const MAX_IP_LENGTH = 100;
const COUNTRY_CODE = /^[A-Z]{2}$/;

/**
 * Parse an IPv4 or IPv6 address (surrounding whitespace and an IPv6 zone id `%eth0` ignored).
 * IPv4-mapped IPv6 (`::ffff:1.2.3.4`) comes back as IPv4.
 */
function parseIp(input: string): Parsed | undefined {
  if (input.length > MAX_IP_LENGTH) return undefined;
  const s = input.trim();
  const version = isIP(s);
  if (version === 4) return { v: 4, octets: s.split('.').map(Number) };
  if (version !== 6) return undefined;
  const zone = s.indexOf('%');
  const hextets = expandIpv6(zone === -1 ? s : s.slice(0, zone));
  if (hextets === undefined) return undefined;
  const mapped = hextets.slice(0, 5).every((h) => h === 0) && hextets[5] === 0xffff;
  if (mapped) {
    const hi = hextets[6] ?? 0;
    const lo = hextets[7] ?? 0;
    return { v: 4, octets: [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff] };
  }
  return { v: 6, hextets };
}

/** Expand a syntactically valid IPv6 address (no zone) into its 8 hextets. */
function expandIpv6(s: string): number[] | undefined {
  const toGroups = (part: string): number[] => {
    if (part === '') return [];
    const out: number[] = [];
    for (const g of part.split(':')) {
      if (g.includes('.')) {
        const [a = 0, b = 0, c = 0, d = 0] = g.split('.').map(Number);
        out.push((a << 8) | b, (c << 8) | d);
      } else out.push(parseInt(g, 16));
    }
    return out;
  };
  const gap = s.indexOf('::');
  const head = toGroups(gap === -1 ? s : s.slice(0, gap));
  const tail = gap === -1 ? [] : toGroups(s.slice(gap + 2));
  const zeros = 8 - head.length - tail.length;
  if (zeros < 0 || (gap === -1 && zeros !== 0)) return undefined;
  return [...head, ...new Array<number>(zeros).fill(0), ...tail];
}

/** Format 8 hextets the RFC 5952 way: lower case, longest zero run (≥ 2) as `::`. */
function formatIpv6(h: readonly number[]): string {
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8;) {
    let j = i;
    while (j < 8 && h[j] === 0) j++;
    if (j - i > bestLen) [bestStart, bestLen] = [i, j - i];
    i = j === i ? i + 1 : j;
  }
  const hex = (a: readonly number[]): string => a.map((x) => x.toString(16)).join(':');
  if (bestStart === -1) return hex(h);
  return `${hex(h.slice(0, bestStart))}::${hex(h.slice(bestStart + bestLen))}`;
}

/** The address in the form a MaxMind reader resolves (mapped IPv6 → dotted IPv4, no zone). */
function lookupForm(p: Parsed): string {
  return p.v === 4 ? p.octets.join('.') : formatIpv6(p.hextets);
}

/**
 * Generalize one IP address for a destination.
 *
 * - `drop` → `undefined`; `keep` → `ip` unchanged (even when it is not an address).
 * - `prefix` → the network: IPv4 /24 (`203.0.113.0`), IPv6 /48 (`2001:db8:85a3::`, RFC 5952
 *   text). IPv4-mapped IPv6 (`::ffff:1.2.3.4`) is treated as IPv4 (`1.2.3.0`); a zone id is
 *   removed.
 * - `country` → the ISO 3166-1 alpha-2 code from `lookup`; `undefined` when there is no lookup
 *   or the address is not found. It never falls back to the address (fail closed).
 *
 * Anything that is not a valid IPv4/IPv6 address gives `undefined` in every mode except `keep`.
 */
export function generalizeIp(ip: string, mode: IpMode, lookup?: CountryLookup): string | undefined {
  if (mode === 'keep') return ip;
  if (mode === 'drop') return undefined;
  const p = parseIp(ip);
  if (p === undefined) return undefined;
  if (mode === 'prefix') {
    if (p.v === 4) return `${p.octets.slice(0, 3).join('.')}.0`;
    return formatIpv6([...p.hextets.slice(0, 3), 0, 0, 0, 0, 0]);
  }
  if (mode !== 'country' || lookup === undefined) return undefined;
  let code: string | undefined;
  try {
    code = lookup.country(lookupForm(p));
  } catch {
    return undefined;
  }
  return code !== undefined && COUNTRY_CODE.test(code) ? code : undefined;
}

/**
 * Open a MaxMind DB of countries (GeoLite2-Country, GeoIP2-Country, or City editions, which
 * hold the same fields) for `country` mode. A lookup reads `country.iso_code`, falling back to
 * `registered_country.iso_code` (anonymous proxies, satellite providers).
 *
 * Rejects with a `VeilError` (`VEIL_E_INPUT_READ`) naming `file` when the file is missing,
 * unreadable, gzipped or not a valid MaxMind DB; once open, lookups never throw.
 */
export async function openCountryDatabase(file: string): Promise<CountryLookup> {
  let reader: maxmind.Reader<CountryResponse>;
  try {
    reader = await maxmind.open<CountryResponse>(file);
    const { ipVersion, nodeCount, recordSize } = reader.metadata;
    if ((ipVersion !== 4 && ipVersion !== 6) || !(nodeCount > 0) || !recordSize) {
      throw new Error('metadata has no valid ip_version/node_count/record_size');
    }
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new VeilError(
      'VEIL_E_INPUT_READ',
      `cannot open country database ${JSON.stringify(file)} (expected a MaxMind DB such as GeoLite2-Country.mmdb): ${reason}`,
    );
  }
  const ipv4Only = reader.metadata.ipVersion === 4;
  return {
    country(ip: string): string | undefined {
      const p = parseIp(ip);
      if (p === undefined || (ipv4Only && p.v === 6)) return undefined;
      try {
        const r = reader.get(lookupForm(p));
        const code = r?.country?.iso_code ?? r?.registered_country?.iso_code;
        return typeof code === 'string' && COUNTRY_CODE.test(code) ? code : undefined;
      } catch {
        return undefined; // a damaged tree can point outside the file
      }
    },
  };
}
