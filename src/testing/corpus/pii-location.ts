/** Public IPv4/IPv6 addresses, latitude/longitude pairs, Japanese and US postal addresses. */
import { ALPHABET, type Rng } from './prng.js';
import type { Draft, StructuredKind } from './item.js';

/** True for IPv4 addresses outside private, loopback, link-local, CGNAT, documentation and multicast ranges. */
export function isPublicIpv4(o: readonly number[]): boolean {
  const [a = 0, b = 0, c = 0] = o;
  if (a === 0 || a === 10 || a === 127 || a >= 224) return false;
  if (a === 100 && b >= 64 && b <= 127) return false;
  if (a === 169 && b === 254) return false;
  if (a === 172 && b >= 16 && b <= 31) return false;
  if (a === 192 && (b === 168 || (b === 0 && (c === 0 || c === 2)))) return false;
  if (a === 198 && (b === 18 || b === 19 || (b === 51 && c === 100))) return false;
  if (a === 203 && b === 0 && c === 113) return false;
  return true;
}

function ipv4(rng: Rng): Draft {
  for (;;) {
    const o = [rng.int(1, 223), rng.int(0, 255), rng.int(0, 255), rng.int(1, 254)];
    if (isPublicIpv4(o)) return { value: o.join('.') };
  }
}

const V6_PREFIXES = [
  '2001:4860',
  '2404:6800',
  '2a00:1450',
  '2600:1f18',
  '2406:da14',
  '2a03:2880',
  '2400:cb00',
  '2001:0250',
];

function ipv6(rng: Rng): Draft {
  const head = rng.pick(V6_PREFIXES).split(':');
  const groups = [...head];
  while (groups.length < 8) groups.push(rng.chance(0.25) ? '0' : rng.int(1, 0xffff).toString(16));
  const style = rng.int(0, 2);
  if (style === 0) return { value: groups.map((g) => g.padStart(4, '0')).join(':') };
  if (style === 1) return { value: groups.join(':') };
  // Compress a run of zero groups in the middle with `::`.
  const from = rng.int(2, 4);
  const to = rng.int(from + 1, 6);
  for (let i = from; i <= to; i++) groups[i] = '0';
  return { value: `${groups.slice(0, from).join(':')}::${groups.slice(to + 1).join(':')}` };
}

const PLACES: readonly (readonly [number, number])[] = [
  [35.6812, 139.7671],
  [34.7025, 135.4959],
  [43.0687, 141.3508],
  [40.7128, -74.006],
  [37.7749, -122.4194],
  [51.5074, -0.1278],
  [48.8566, 2.3522],
  [52.52, 13.405],
  [-33.8688, 151.2093],
  [-23.5505, -46.6333],
];

function coordinate(rng: Rng, center: number): string {
  const decimals = rng.int(4, 6);
  return (center + (rng.next() - 0.5) / 10).toFixed(decimals);
}

function geo(rng: Rng): Draft {
  const [lat, lng] = rng.pick(PLACES);
  return { value: `${coordinate(rng, lat)}${rng.pick([', ', ',', ' '])}${coordinate(rng, lng)}` };
}

function jpPostal(rng: Rng): Draft {
  return {
    value: `${rng.chars(ALPHABET.digit, 3)}-${rng.chars(ALPHABET.digit, 4)}`,
    before: rng.pick(['〒', '〒 ']),
  };
}

const JP_AREAS: readonly (readonly [string, readonly string[], readonly string[]])[] = [
  [
    '東京都',
    ['千代田区', '渋谷区', '新宿区', '港区', '世田谷区'],
    ['丸の内', '神宮前', '西新宿', '六本木', '三軒茶屋'],
  ],
  ['大阪府', ['大阪市北区', '大阪市中央区'], ['梅田', '難波', '本町']],
  ['神奈川県', ['横浜市西区', '川崎市中原区'], ['みなとみらい', '小杉町']],
  ['愛知県', ['名古屋市中村区'], ['名駅', '椿町']],
  ['福岡県', ['福岡市博多区'], ['博多駅前', '祇園町']],
  ['北海道', ['札幌市中央区'], ['大通西', '北一条西']],
];
const KANJI_DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const BUILDINGS = [
  '',
  '',
  ' サンシャインビル5F',
  ' グランドメゾン302号室',
  ' 第2MTビル 8階',
  ' パークハイツ101',
];

function jpAddress(rng: Rng): Draft {
  const [pref, cities, towns] = rng.pick(JP_AREAS);
  const [c, b, g] = [rng.int(1, 9), rng.int(1, 30), rng.int(1, 20)];
  const style = rng.int(0, 2);
  const num =
    style === 0
      ? `${c}-${b}-${g}`
      : style === 1
        ? `${KANJI_DIGITS[c]}丁目${b}番${g}号`
        : `${c}－${b}－${g}`.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
  return { value: `${pref}${rng.pick(cities)}${rng.pick(towns)}${num}${rng.pick(BUILDINGS)}` };
}

const STREETS = [
  'Maple',
  'Oak',
  'Pine',
  'Cedar',
  'Elm',
  'Washington',
  'Lake',
  'Hill',
  'Sunset',
  'Madison',
  'Market',
  'Highland',
];
const SUFFIXES = ['St', 'Ave', 'Blvd', 'Rd', 'Dr', 'Ln', 'Ct', 'Way', 'Street', 'Avenue'];
const CITIES = [
  'Springfield, IL 627',
  'Austin, TX 787',
  'Seattle, WA 981',
  'Brooklyn, NY 112',
  'Denver, CO 802',
  'San Jose, CA 951',
  'Portland, OR 972',
];

function usAddress(rng: Rng): Draft {
  const dir = rng.chance(0.3) ? `${rng.pick(['N', 'S', 'E', 'W'])} ` : '';
  const unit = rng.chance(0.3)
    ? ` ${rng.pick(['Apt', 'Suite', 'Unit', '#'])} ${rng.int(1, 40)}${rng.pick(['', 'B', 'C'])}`
    : '';
  const street = `${rng.int(1, 9899)} ${dir}${rng.pick(STREETS)} ${rng.pick(SUFFIXES)}${unit}`;
  return {
    value: rng.chance(0.8)
      ? `${street}, ${rng.pick(CITIES)}${rng.chars(ALPHABET.digit, 2)}`
      : street,
  };
}

/** IP, coordinate and address kinds. */
export const locationKinds: readonly StructuredKind[] = [
  { kind: 'ipv4', aliases: ['ip_address', 'ipv4_address', 'ipv4_public'], make: ipv4 },
  { kind: 'ipv6', aliases: ['ipv6_address', 'ipv6_public', 'ip_address'], make: ipv6 },
  {
    kind: 'geo_coordinates',
    aliases: ['lat_long', 'latlong', 'lat_lng', 'coordinates', 'geo_point'],
    make: geo,
  },
  { kind: 'jp_postal_code', aliases: ['postal_code_jp', 'jp_zip'], make: jpPostal },
  { kind: 'jp_address', aliases: ['address_jp', 'jp_street_address'], make: jpAddress },
  {
    kind: 'us_street_address',
    aliases: ['street_address', 'us_address', 'address_us'],
    make: usAddress,
  },
];
