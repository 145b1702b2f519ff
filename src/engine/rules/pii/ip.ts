/**
 * IP addresses. One rule, two triggers:
 *
 * - IPv4 from digit runs with 3+ dots (a scanner pre-filter): every dotted segment of exactly four strict octets (≤ 255, no leading
 *   zeros) that is not a version string — not preceded by `v`, not after a version word
 *   (version, ver, build, release, rev, バージョン) within 16 characters, not in a field whose
 *   name says version/ver/build/release, not part of a longer dotted number, not followed by
 *   `-beta`-style suffixes.
 * - IPv6 from the keyword `::` (compressed forms) and from the leftmost single `:` of a full
 *   form. The span is the maximal run of `[0-9A-Fa-f:.]` (at most 45 characters), validated with
 *   node:net `isIPv6`. Only the leftmost trigger of a span expands it, so each address is
 *   examined once. (Digit runs would trigger far more often than colons do.)
 *
 * Non-public addresses (RFC 1918, loopback, link-local, CGNAT, ULA, documentation ranges) are
 * reported as `ip_address_private` with confidence 0.5; public ones as `ip_address` (0.9).
 * Unspecified, multicast, reserved addresses and netmasks are not reported.
 */
import {
  classifyIPv4,
  classifyIPv6,
  isNetmask,
  isValidIPv6,
  parseIPv4,
  type IpClass,
} from '../../validators/ip.js';
import { isDigit } from '../../text.js';
import type { Candidate, Hit, Rule, ScanContext } from '../../types.js';
import { codeAt, contextBefore, isWordChar, standsAlone } from './shared.js';

const VERSION_WORDS = /version|\bver\b|build|release|\brev\b|バージョン/i;
const VERSION_KEY = /version|(?:^|_)ver(?:_|$)|build|release/;
const MAX_IPV6 = 45;

function candidate(start: number, end: number, cls: IpClass): Candidate | undefined {
  if (cls === 'reserved') return undefined;
  return cls === 'public'
    ? { start, end, kind: 'ip_address', confidence: 0.9 }
    : { start, end, kind: 'ip_address_private', confidence: 0.5 };
}

function isVersionContext(text: string, start: number, ctx: ScanContext): boolean {
  return (
    (ctx.key.length <= 64 && VERSION_KEY.test(ctx.key)) ||
    contextBefore(text, start, 16, VERSION_WORDS)
  );
}

/** One dotted segment `text[s, e)` of a digit run: report it when it is a strict IPv4 address. */
function ipv4Segment(text: string, s: number, e: number, ctx: ScanContext, out: Candidate[]): void {
  if (!standsAlone(text, s, e)) return;
  const octets = parseIPv4(text, s, e);
  if (octets === undefined || isNetmask(octets) || isVersionContext(text, s, ctx)) return;
  const c = candidate(s, e, classifyIPv4(octets));
  if (c) out.push(c);
}

/**
 * Split the digit run into dotted segments (digits joined by single dots) and check each one
 * with exactly four parts. Linear in the run's length.
 */
function ipv4InRun(text: string, hit: Hit, ctx: ScanContext, out: Candidate[]): void {
  let segStart = -1;
  let dots = 0;
  for (let i = hit.start; i <= hit.end; i++) {
    const c = i < hit.end ? text.charCodeAt(i) : 0;
    if (isDigit(c)) {
      if (segStart < 0) segStart = i;
      continue;
    }
    if (c === 46 && segStart >= 0 && isDigit(codeAt(text, i + 1))) {
      dots++;
      continue;
    }
    if (dots === 3 && segStart >= 0) ipv4Segment(text, segStart, i, ctx, out);
    segStart = -1;
    dots = 0;
  }
}

function isHex(c: number): boolean {
  return isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

function isV6Char(c: number): boolean {
  return isHex(c) || c === 58 || c === 46;
}

/** Validate an IPv6 span after trimming sentence dots and stray single colons at its ends. */
function ipv6Span(text: string, l: number, r: number): Candidate | undefined {
  while (r > l && text.charCodeAt(r - 1) === 46) r--;
  if (text.charCodeAt(l) === 58 && text.charCodeAt(l + 1) !== 58) l++;
  if (text.charCodeAt(r - 1) === 58 && text.charCodeAt(r - 2) !== 58) r--;
  if (isWordChar(codeAt(text, l - 1)) || isWordChar(codeAt(text, r))) return undefined;
  const s = text.slice(l, r);
  let hex = 0;
  for (let i = 0; i < s.length; i++) if (isHex(s.charCodeAt(i))) hex++;
  if ((hex < 4 && s !== '::1') || !isValidIPv6(s)) return undefined;
  // Eight 2-character groups: an EUI-64 / MAC address, not an IPv6 address.
  if (!s.includes('::') && /^(?:[0-9a-f]{2}:){7}[0-9a-f]{2}$/i.test(s)) return undefined;
  return candidate(l, r, classifyIPv6(s));
}

/** Colons in `text[l, r)`: an IPv6 address has 2 to 7 of them. */
function colons(text: string, l: number, r: number): number {
  let n = 0;
  for (let i = l; i < r; i++) if (text.charCodeAt(i) === 58) n++;
  return n;
}

/** IPv6 from a `::` hit. `:::` is never valid, and a second `::` left in the span is invalid too. */
function ipv6FromColons(text: string, hit: Hit): Candidate | undefined {
  const at = hit.start;
  if (codeAt(text, at - 1) === 58 || codeAt(text, at + 2) === 58) return undefined;
  let l = at;
  while (l > 0 && at - l < MAX_IPV6 && isV6Char(text.charCodeAt(l - 1))) l--;
  let r = at + 2;
  while (r < text.length && r - l <= MAX_IPV6 && isV6Char(text.charCodeAt(r))) r++;
  if (r - l > MAX_IPV6 || colons(text, l, r) > 7 || text.slice(l, at).includes('::'))
    return undefined;
  return ipv6Span(text, l, r);
}

/**
 * IPv6 in full form from a single `:` hit. Only the leftmost colon of an address expands it
 * (the group before it is 1–4 hex digits not preceded by another colon); spans with `::` are
 * left to the `::` trigger. URLs (`https:`), times (`10:30:00`) and `key: value` text are
 * rejected within a few reads.
 */
function ipv6FromColon(text: string, hit: Hit): Candidate | undefined {
  const at = hit.start;
  if (codeAt(text, at + 1) === 58 || codeAt(text, at - 1) === 58) return undefined;
  let l = at;
  while (l > 0 && at - l < 5 && isHex(text.charCodeAt(l - 1))) l--;
  if (l === at || at - l > 4 || codeAt(text, l - 1) === 58) return undefined;
  let r = at + 1;
  let n = 1;
  while (r < text.length && r - l <= MAX_IPV6 && isV6Char(text.charCodeAt(r))) {
    if (text.charCodeAt(r) === 58) {
      if (text.charCodeAt(r - 1) === 58) return undefined; // the `::` trigger's span
      n++;
    }
    r++;
  }
  // Without `::` a full address has 7 colons (6 before an embedded IPv4), plus at most one stray
  // colon at the end; times (`10:30:00`) and MAC addresses (5) fail here, before any string.
  if (n < 6 || n > 8 || r - l > MAX_IPV6) return undefined;
  return ipv6Span(text, l, r);
}

function findIp(text: string, hit: Hit, ctx: ScanContext): Candidate[] | Candidate | undefined {
  if (hit.keyword === '::') return ipv6FromColons(text, hit);
  if (hit.keyword === ':') return ipv6FromColon(text, hit);
  const out: Candidate[] = [];
  ipv4InRun(text, hit, ctx, out);
  return out.length === 0 ? undefined : out;
}

/** IP address rules. */
export const ipRules: readonly Rule[] = [
  {
    id: 'ip_address',
    category: 'user.device.ip_address',
    description: 'IPv4 / IPv6 address; non-public ranges are reported as ip_address_private.',
    keywords: ['::', ':'],
    digits: { min: 4, max: Number.MAX_SAFE_INTEGER, dots: 3 },
    find: findIp,
    kinds: ['ip_address_private'],
    confidence: 0.9,
    examples: {
      positive: [
        { text: 'client 203.0.114.7 connected', match: '203.0.114.7' },
        { text: '{"ip":"8.8.8.8"}', match: '8.8.8.8' },
        {
          text: 'X-Forwarded-For: 93.184.216.34, 10.0.0.12',
          match: '10.0.0.12',
          kind: 'ip_address_private',
        },
        { text: 'from 2001:4860:4860::8888 via', match: '2001:4860:4860::8888' },
        {
          text: 'addr=2a00:1450:4001:0811:0000:0000:0000:200e;',
          match: '2a00:1450:4001:0811:0000:0000:0000:200e',
        },
        {
          text: 'link fe80::1ff:fe23:4567:890a%eth0',
          match: 'fe80::1ff:fe23:4567:890a',
          kind: 'ip_address_private',
        },
        {
          text: 'IPアドレス：１９２．１６８．０．１０',
          match: '１９２．１６８．０．１０',
          kind: 'ip_address_private',
        },
        { text: 'loopback ::1 only', match: '::1', kind: 'ip_address_private' },
      ],
      negative: [
        { text: '1.2.3.4', key: 'app_version' },
        'v1.2.3.4',
        'version 10.2.3.4 released',
        '1.2.3.4.5',
        'std::vector<int> and Foo::Bar::Baz and a::b',
        '12:34:56 and 00:1A:2B:3C:4D:5E and 00:1a:2b:ff:fe:3c:4d:5e',
        '0.0.0.0 and 255.255.255.0 and 224.0.0.251 and 01.02.03.04',
        ':: and ::::::::',
        '550e8400-e29b-41d4-a716-446655440000',
        '1.2.3.4-beta',
        '2024-01-15T10:30:00.000Z',
      ],
    },
  },
];
