/**
 * Precise coordinates. Triggered by digit runs holding a decimal: a latitude followed (after a
 * short connector: `, ` `;` a space, or `&lng=`-style words) by a longitude, both in range with
 * at least 4 decimals (≈ 11 m). A single such decimal counts only in a precise-location field
 * (`lat`, `lng`, `latitude`, …). Every step reads a bounded number of characters after the run.
 */
import { isPreciseLatLng, readDecimal, type Decimal } from '../../validators/geo.js';
import { isDigit } from '../../text.js';
import type { Candidate, Hit, Rule, ScanContext } from '../../types.js';
import { codeAt, fieldIs, isWordChar, keyBefore } from './shared.js';

const GEO_KEY =
  /latitude|longitude|(?:^|_)(?:lat|lng|lon|long|geo|gps|coords?|coordinates|location)(?:_|$)/;
const LNG_WORDS = ['longitude', 'long', 'lng', 'lon'];
const LAT_WORDS = ['latitude', 'lat'];
/** A longitude key just before the first number: `"lng":139.7`, `lon=139.7`, `lng: 139.7`. */
const LNG_BEFORE = /(?:lng|lon|long|longitude)["']?\s?[:=]\s?["']?$/i;

/** ` `, `,`, `;`, `/`, `&`, quotes: what joins a latitude to its longitude (`35.1,139.2`, `"lng":`). */
function isConnector(c: number): boolean {
  return c === 32 || c === 44 || c === 59 || c === 47 || c === 38 || c === 34 || c === 39;
}

/** Where the second number of a pair starts, and whether a latitude word named it. */
interface Second {
  readonly at: number;
  readonly latWord: boolean;
}

/**
 * Offset of the second number after a first one ending at `i`, or undefined: `, `, ` `, `&lng=`,
 * `, lng: `, `,"lng":` (or a latitude word when the longitude came first: `,"lat":`). Reads at
 * most 20 characters.
 */
function secondStart(text: string, i: number): Second | undefined {
  const from = i;
  while (i < text.length && i - from < 3 && isConnector(text.charCodeAt(i))) i++;
  const lower = text.slice(i, i + 9).toLowerCase();
  const lng = LNG_WORDS.find((w) => lower.startsWith(w));
  const lat = lng === undefined ? LAT_WORDS.find((w) => lower.startsWith(w)) : undefined;
  const word = lng ?? lat;
  if (word !== undefined) {
    if (i === from) return undefined;
    i += word.length;
    if (codeAt(text, i) === 34 || codeAt(text, i) === 39) i++;
    const c = codeAt(text, i);
    if (c === 61 || c === 58) i++;
    while (codeAt(text, i) === 32 && i - from < 20) i++;
  }
  return i > from ? { at: i, latWord: lat !== undefined } : undefined;
}

/** Rejections from the characters around a decimal: glued to a word, a price, a unit. */
function standsAloneDecimal(text: string, start: number, d: Decimal): boolean {
  const before = codeAt(text, start - 1);
  if (isWordChar(before) || before === 46 || before === 36 || before === 0xa5 || before === 0x20ac)
    return false;
  return !isWordChar(codeAt(text, d.end)) && codeAt(text, d.end) !== 37;
}

/** True when the run starts like `D.DDDD`, `DD.DDDD` or `DDD.DDDD` (8 reads at most). */
function looksDecimal(text: string, s: number): boolean {
  let dot = s + 1;
  while (dot < s + 4 && isDigit(codeAt(text, dot))) dot++;
  if (codeAt(text, dot) !== 46) return false;
  for (let i = dot + 1; i <= dot + 4; i++) if (!isDigit(codeAt(text, i))) return false;
  return true;
}

/** A decimal with its optional degree sign and hemisphere letter (`40.7128° N`, `139.7671°E`). */
interface Coordinate {
  readonly value: number;
  readonly decimals: number;
  readonly end: number;
  /** `N`, `S`, `E`, `W` (upper case), or '' when none is written. */
  readonly hemisphere: string;
}

/** `°` (or the look-alike `º`) then an optional space and `N S E W`, not glued to a word. */
function withHemisphere(text: string, d: Decimal): Coordinate | undefined {
  let i = d.end;
  const deg = codeAt(text, i) === 0xb0 || codeAt(text, i) === 0xba;
  if (deg) i++;
  const j = codeAt(text, i) === 32 && deg ? i + 1 : i;
  const c = codeAt(text, j) & ~32;
  if ((c === 78 || c === 83 || c === 69 || c === 87) && !isWordChar(codeAt(text, j + 1))) {
    // A hemisphere letter makes the sign: `33.8688° S` is -33.8688; a written `-` is then wrong.
    if (d.value < 0) return undefined;
    const sign = c === 83 || c === 87 ? -1 : 1;
    return {
      value: sign * d.value,
      decimals: d.decimals,
      end: j + 1,
      hemisphere: String.fromCharCode(c),
    };
  }
  if (isWordChar(codeAt(text, i))) return undefined;
  return { value: d.value, decimals: d.decimals, end: deg ? i : d.end, hemisphere: '' };
}

function readCoordinate(text: string, start: number): Coordinate | undefined {
  const d = readDecimal(text, start);
  if (d === undefined || !standsAloneDecimal(text, start, d)) return undefined;
  return withHemisphere(text, d);
}

const isNS = (h: string): boolean => h === 'N' || h === 'S';
const isEW = (h: string): boolean => h === 'E' || h === 'W';

/**
 * True when the first number of a pair may be the longitude: GeoJSON `[139.7671, 35.6812]`, WKT
 * `POINT(139.7671 35.6812)`, `{"lng":139.7671,"lat":35.6812}`, `139.7671°E 35.6812°N`. Without
 * such a sign, a longitude-first pair is not reported.
 */
function longitudeFirst(
  text: string,
  start: number,
  a: Coordinate,
  b: Coordinate,
  latWord: boolean,
): boolean {
  if (a.hemisphere !== '' || b.hemisphere !== '') return isEW(a.hemisphere) && isNS(b.hemisphere);
  const before = codeAt(text, start - 1);
  return (
    latWord ||
    before === 91 ||
    before === 40 ||
    (before === 32 && (codeAt(text, start - 2) === 91 || codeAt(text, start - 2) === 40)) ||
    LNG_BEFORE.test(text.slice(Math.max(0, start - 12), start))
  );
}

/** True for a precise (lat, lng) pair whose hemisphere letters, if any, fit their places. */
function latLngPair(lat: Coordinate, lng: Coordinate): boolean {
  if (lat.hemisphere !== '' && !isNS(lat.hemisphere)) return false;
  if (lng.hemisphere !== '' && !isEW(lng.hemisphere)) return false;
  return isPreciseLatLng(lat, lng);
}

function findGeo(text: string, hit: Hit, ctx: ScanContext): Candidate | undefined {
  if (!looksDecimal(text, hit.start)) return undefined;
  const start = codeAt(text, hit.start - 1) === 45 ? hit.start - 1 : hit.start;
  const first = readCoordinate(text, start);
  // Both forms need 4+ decimals: reject `537.36` and `5.2` before reading any further.
  if (first === undefined || first.decimals < 4) return undefined;
  const next = secondStart(text, first.end);
  const second = next === undefined ? undefined : readCoordinate(text, next.at);
  if (next !== undefined && second !== undefined) {
    const lngFirst = longitudeFirst(text, start, first, second, next.latWord);
    if (lngFirst ? latLngPair(second, first) : latLngPair(first, second))
      return { start, end: second.end, confidence: 0.9 };
  }
  if (
    Math.abs(first.value) <= 180 &&
    first.value !== 0 &&
    (fieldIs(ctx, 'user.location.precise', GEO_KEY) || GEO_KEY.test(keyBefore(text, start)))
  ) {
    return { start, end: first.end, confidence: 0.85 };
  }
  return undefined;
}

/** Precise location rules. */
export const geoRules: readonly Rule[] = [
  {
    id: 'geo_coordinates',
    category: 'user.location.precise',
    description:
      'Latitude/longitude pair with ≥ 4 decimals, or one such decimal in a lat/lng field.',
    digits: { min: 5, max: 40, dots: 1 },
    find: findGeo,
    confidence: 0.9,
    examples: {
      positive: [
        { text: 'Tokyo Station 35.6812, 139.7671 meet here', match: '35.6812, 139.7671' },
        { text: 'pos=-33.8688,151.2093', match: '-33.8688,151.2093' },
        {
          text: 'https://maps.example.com/?lat=35.68123&lng=139.76712',
          match: '35.68123&lng=139.76712',
        },
        { text: 'https://www.google.com/maps/@35.6812,139.7671,15z', match: '35.6812,139.7671' },
        { text: '35.681236', key: 'latitude', match: '35.681236' },
        {
          text: '位置：３５．６８１２，１３９．７６７１',
          match: '３５．６８１２，１３９．７６７１',
        },
        { text: '{"lat":35.68123,"lng":139.76712}', match: '35.68123,"lng":139.76712' },
        { text: '{"lng":139.76712,"lat":35.68123}', match: '139.76712,"lat":35.68123' },
        { text: 'at 40.7128° N, 74.0060° W today', match: '40.7128° N, 74.0060° W' },
        { text: '33.8688°S 151.2093°E', match: '33.8688°S 151.2093°E' },
        { text: '"coordinates":[139.7671,35.6812]', match: '139.7671,35.6812' },
        { text: 'POINT(139.7671 35.6812)', match: '139.7671 35.6812' },
        { text: '?latitude=35.681236&zoom=15', match: '35.681236' },
      ],
      negative: [
        'price $1299.0000 and 12.34567s elapsed',
        'v1.2345.6789 and 1.2345.6789',
        { text: '1.2.3.4', key: 'app_version' },
        '35.68, 139.76',
        '0.0000, 0.0000',
        '95.12345, 10.12345',
        'ratio 0.123456',
        '2024-01-15T10:30:00.000Z',
        'took 1234.5678 ms',
        '139.7671, 35.6812 and 123.4567 45.6789',
        '95.1234° N, 10.1234° E',
        '-33.8688° S, 151.2093° E',
        '?zoom=35.681236',
      ],
    },
  },
];
