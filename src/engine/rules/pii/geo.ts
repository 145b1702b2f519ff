/**
 * Precise coordinates. Triggered by digit runs holding a decimal: a latitude followed (after a
 * short connector: `, ` `;` a space, or `&lng=`-style words) by a longitude, both in range with
 * at least 4 decimals (≈ 11 m). A single such decimal counts only in a precise-location field
 * (`lat`, `lng`, `latitude`, …). Every step reads a bounded number of characters after the run.
 */
import { isPreciseLatLng, readDecimal, type Decimal } from '../../validators/geo.js';
import { isDigit } from '../../text.js';
import type { Candidate, Hit, Rule, ScanContext } from '../../types.js';
import { codeAt, fieldIs, isWordChar } from './shared.js';

const GEO_KEY =
  /latitude|longitude|(?:^|_)(?:lat|lng|lon|long|geo|gps|coords?|coordinates|location)(?:_|$)/;
const LNG_WORDS = ['longitude', 'long', 'lng', 'lon'];

/** ` `, `,`, `;`, `/`, `&`, quotes: what joins a latitude to its longitude (`35.1,139.2`, `"lng":`). */
function isConnector(c: number): boolean {
  return c === 32 || c === 44 || c === 59 || c === 47 || c === 38 || c === 34 || c === 39;
}

/**
 * Offset of the longitude after a latitude ending at `i`, or -1: `, `, ` `, `&lng=`, `, lng: `,
 * `,"lng":`. Reads at most 20 characters.
 */
function longitudeStart(text: string, i: number): number {
  const from = i;
  while (i < text.length && i - from < 3 && isConnector(text.charCodeAt(i))) i++;
  const lower = text.slice(i, i + 9).toLowerCase();
  const word = LNG_WORDS.find((w) => lower.startsWith(w));
  if (word !== undefined) {
    i += word.length;
    if (codeAt(text, i) === 34 || codeAt(text, i) === 39) i++;
    const c = codeAt(text, i);
    if (c === 61 || c === 58) i++;
    while (codeAt(text, i) === 32 && i - from < 20) i++;
  }
  return i > from ? i : -1;
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

function findGeo(text: string, hit: Hit, ctx: ScanContext): Candidate | undefined {
  if (!looksDecimal(text, hit.start)) return undefined;
  const start = codeAt(text, hit.start - 1) === 45 ? hit.start - 1 : hit.start;
  const lat = readDecimal(text, start);
  // Both forms need 4+ decimals: reject `537.36` and `5.2` before reading any further.
  if (lat === undefined || lat.decimals < 4 || !standsAloneDecimal(text, start, lat))
    return undefined;
  const lngAt = longitudeStart(text, lat.end);
  const lng = lngAt < 0 ? undefined : readDecimal(text, lngAt);
  if (lng !== undefined && standsAloneDecimal(text, lngAt, lng) && isPreciseLatLng(lat, lng)) {
    return { start, end: lng.end, confidence: 0.9 };
  }
  if (
    Math.abs(lat.value) <= 180 &&
    lat.value !== 0 &&
    fieldIs(ctx, 'user.location.precise', GEO_KEY)
  ) {
    return { start, end: lat.end, confidence: 0.85 };
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
      ],
    },
  },
];
