/**
 * National identity numbers of other countries, each read in the form its holders write it and
 * checked by its own check digit or structure (`validators/national-ids.ts`):
 *
 * - Read alone, their shape and check being specific enough: Brazil CPF `123.456.789-09` (11 bare
 *   digits only after `CPF`), China resident id (18 characters, birth date and check character),
 *   Korea resident registration number `900101-1234568` (birth date and sex digit; the old check
 *   digit, or `주민` / `RRN` before it), Singapore NRIC / FIN `S1234567D`, UK National Insurance
 *   number `AB 12 34 56 C`, Italy codice fiscale `RSSMRA85T10A562S`, India PAN `ABCPE1234F`,
 *   Spain DNI / NIE `12345678Z`, France NIR `1 85 05 78 006 084 36` (15 bare digits only after
 *   its name).
 * - Only after their name within 24 characters, or in a field named for them, being bare digit
 *   groups that phone numbers, My Numbers, timestamps and order ids share: India Aadhaar, Canada
 *   SIN, UK NHS, Netherlands BSN, Poland PESEL.
 */
import { luhnValid } from '../../validators/luhn.js';
import {
  isValidAadhaar,
  isValidBsn,
  isValidChineseId,
  isValidCodiceFiscale,
  isValidCpf,
  isValidDniNie,
  isValidNhsNumber,
  isValidNinoPrefix,
  isValidNir,
  isValidNric,
  isValidPan,
  isValidPesel,
  koreanRrn,
} from '../../validators/national-ids.js';
import type { Candidate, Hit, Rule, ScanContext } from '../../types.js';
import { allSeps, codeAt, contextBefore, fieldIs, readGroups, standsAlone } from './shared.js';
import { isDigit, isUpper, isWordChar } from '../../text.js';

const CATEGORY = 'user.government_id.national_identification_number';
const WINDOW = 24;
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

function hasContext(text: string, start: number, ctx: ScanContext, words: RegExp, key: RegExp) {
  return fieldIs(ctx, CATEGORY, key) || contextBefore(text, start, WINDOW, words);
}

/**
 * The characters `[start, end)` when nothing is glued to either side (a letter, digit or `_`),
 * for the ids that hold letters around their digit run; otherwise undefined.
 */
function token(text: string, start: number, end: number): string | undefined {
  if (start < 0 || isWordChar(codeAt(text, start - 1)) || isWordChar(codeAt(text, end)))
    return undefined;
  return text.slice(start, end);
}

/** `123.456.789-09`, or 11 bare digits after `CPF`. */
function findCpf(text: string, hit: Hit, ctx: ScanContext): Candidate | undefined {
  const { start, end } = hit;
  if (!standsAlone(text, start, end)) return undefined;
  // Most 11-digit runs are ids and timestamps: without the dot of `123.` or the name, stop here.
  const dotted = codeAt(text, start + 3) === 46;
  if (!dotted && !hasContext(text, start, ctx, /\bcpf\b/i, /cpf/)) return undefined;
  const g = readGroups(text, start, end, 11);
  if (g === undefined || !isValidCpf(g.digits)) return undefined;
  if (dotted)
    return g.groups.join(',') === '3,3,3,2' && g.seps.join('') === '..-'
      ? { start, end, confidence: 0.9 }
      : undefined;
  return g.groups.length === 1 ? { start, end, confidence: 0.85 } : undefined;
}

/** 18 characters (17 digits and a digit or `X`), with nothing glued on either side. */
function findChineseId(text: string, hit: Hit): Candidate | undefined {
  const { start } = hit;
  let end = hit.end;
  if (end - start === 17) {
    const c = codeAt(text, end);
    if (c !== 88 && c !== 120) return undefined;
    end++;
  } else if (end - start !== 18) return undefined;
  const id = token(text, start, end);
  return id !== undefined && isValidChineseId(id.toUpperCase())
    ? { start, end, confidence: 0.85 }
    : undefined;
}

const KR_WORDS = /주민|\bRRN\b|resident registration/i;

/** `YYMMDD-NNNNNNN`. */
function findKoreanRrn(text: string, hit: Hit, ctx: ScanContext): Candidate | undefined {
  const { start, end } = hit;
  if (!standsAlone(text, start, end)) return undefined;
  // Most 13-digit runs are epoch milliseconds: without the dash or the name, stop here.
  const named = () => hasContext(text, start, ctx, KR_WORDS, /rrn|jumin/);
  if (codeAt(text, start + 6) !== 45 && !named()) return undefined;
  const g = readGroups(text, start, end, 13);
  if (g === undefined || g.digits.length !== 13) return undefined;
  const dashed = g.groups.join(',') === '6,7' && allSeps(g, '-');
  if (!dashed && g.groups.length !== 1) return undefined;
  const { valid, checked } = koreanRrn(g.digits);
  if (!valid) return undefined;
  const context = named();
  if (checked && (dashed || context)) return { start, end, confidence: context ? 0.9 : 0.85 };
  return context && dashed ? { start, end, confidence: 0.8 } : undefined;
}

/** `S1234567D`: the digit run with its prefix letter before and check letter after. */
function findNric(text: string, hit: Hit): Candidate | undefined {
  const start = hit.start - 1;
  const end = hit.end + 1;
  const id = hit.end - hit.start === 7 ? token(text, start, end) : undefined;
  return id !== undefined && isValidNric(id) ? { start, end, confidence: 0.85 } : undefined;
}

function nricAround(text: string, start: number): boolean {
  const c = codeAt(text, start - 1);
  return (c === 83 || c === 84 || c === 70 || c === 71) && !isWordChar(codeAt(text, start - 2));
}

const NINO_WORDS = /national insurance|\bNI(?:NO)?\b|\bNI (?:no|number)/i;

/** Where a NI number's two prefix letters start, before the digits at `start`, or -1. */
function ninoStart(text: string, start: number): number {
  const s = codeAt(text, start - 1) === 32 ? start - 3 : start - 2;
  return isUpper(codeAt(text, s)) &&
    isUpper(codeAt(text, s + 1)) &&
    !isWordChar(codeAt(text, s - 1))
    ? s
    : -1;
}

/** Where a NI number's suffix letter ends, after the digits ending at `end`, or -1. */
function ninoEnd(text: string, end: number): number {
  const e = codeAt(text, end) === 32 ? end + 1 : end;
  const c = codeAt(text, e);
  return c >= 65 && c <= 68 && !isWordChar(codeAt(text, e + 1)) ? e + 1 : -1;
}

/** `AB 12 34 56 C` / `AB123456C`: two prefix letters, six digits, a suffix letter A–D. */
function findNino(text: string, hit: Hit, ctx: ScanContext): Candidate | undefined {
  const s = ninoStart(text, hit.start);
  const e = ninoEnd(text, hit.end);
  if (s < 0 || e < 0) return undefined;
  const g = readGroups(text, hit.start, hit.end, 6);
  if (g === undefined || g.digits.length !== 6) return undefined;
  const spaced = g.groups.join(',') === '2,2,2' && allSeps(g, ' ');
  if (!spaced && g.groups.length !== 1) return undefined;
  if (isValidNinoPrefix(text.slice(s, s + 2))) return { start: s, end: e, confidence: 0.85 };
  // `QQ 12 34 56 C` is the form's own example prefix: reported only where a NI number is asked for.
  return hasContext(text, s, ctx, NINO_WORDS, /nino|ni_number|national_insurance/)
    ? { start: s, end: e, confidence: 0.75 }
    : undefined;
}

/** `RSSMRA85T10A562S`: the last digit run (3 digits) with 12 characters before it and 1 after. */
function findCodiceFiscale(text: string, hit: Hit): Candidate | undefined {
  const start = hit.start - 12;
  const end = hit.end + 1;
  const cf = hit.end - hit.start === 3 ? token(text, start, end) : undefined;
  return cf !== undefined && isValidCodiceFiscale(cf) ? { start, end, confidence: 0.9 } : undefined;
}

/** Scanner pre-filter: the month letter and day digits before the place code's digits. */
function codiceAround(text: string, start: number): boolean {
  return (
    isUpper(codeAt(text, start - 1)) &&
    isDigit(codeAt(text, start - 2)) &&
    isDigit(codeAt(text, start - 3)) &&
    isUpper(codeAt(text, start - 4))
  );
}

/** Scanner pre-filter: five capitals right before the digits, nothing glued before them. */
function panAround(text: string, start: number): boolean {
  for (let i = 1; i <= 5; i++) if (!isUpper(codeAt(text, start - i))) return false;
  return !isWordChar(codeAt(text, start - 6));
}

/** `ABCPE1234F`: five letters before the four digits, one after. */
function findPan(text: string, hit: Hit, ctx: ScanContext): Candidate | undefined {
  const start = hit.start - 5;
  const end = hit.end + 1;
  const pan = hit.end - hit.start === 4 ? token(text, start, end) : undefined;
  if (pan === undefined || !isValidPan(pan)) return undefined;
  const context = hasContext(text, start, ctx, /\bPAN\b|permanent account/i, /(?:^|_)pan(?:_|$)/);
  return { start, end, confidence: context ? 0.9 : 0.75 };
}

/** Digit groups after their name only (Aadhaar, SIN, NHS, BSN, PESEL): `shape` the grouped form. */
function afterName(
  words: RegExp,
  key: RegExp,
  digits: number,
  shape: string,
  valid: (d: string) => boolean,
) {
  return (text: string, hit: Hit, ctx: ScanContext): Candidate | undefined => {
    const { start, end } = hit;
    // The name first: most runs of these lengths are timestamps and ids, and it is the cheap test.
    if (!standsAlone(text, start, end) || !hasContext(text, start, ctx, words, key))
      return undefined;
    const g = readGroups(text, start, end, digits);
    if (g === undefined || g.digits.length !== digits || !valid(g.digits)) return undefined;
    const grouped = g.groups.join(',') === shape && (allSeps(g, ' ') || allSeps(g, '-'));
    if (!grouped && g.groups.length !== 1) return undefined;
    return { start, end, confidence: 0.9 };
  };
}

/** `12345678Z` (DNI) or `X1234567L` (NIE): the digit run with its letters. */
function findDniNie(text: string, hit: Hit, ctx: ScanContext): Candidate | undefined {
  const digits = hit.end - hit.start;
  const nie = digits === 7;
  const start = nie ? hit.start - 1 : hit.start;
  const end = hit.end + 1;
  const id = nie || digits === 8 ? token(text, start, end) : undefined;
  if (id === undefined || !isValidDniNie(id)) return undefined;
  const context = hasContext(
    text,
    start,
    ctx,
    /\b(?:DNI|NIE|NIF)\b/i,
    /(?:^|_)(?:dni|nie|nif)(?:_|$)/,
  );
  return { start, end, confidence: context ? 0.9 : nie ? 0.85 : 0.8 };
}

function dniAround(text: string, start: number, end: number): boolean {
  if (end - start === 8) return true;
  const c = codeAt(text, start - 1);
  return c >= 88 && c <= 90; // X Y Z
}

const NIR_WORDS = /s[ée]curit[ée] sociale|\bNIR\b|\bINSEE\b|n° ?de s[ée]cu|social security/i;

/** `1 85 05 78 006 084 36` alone; 15 bare digits after their name. */
function findNir(text: string, hit: Hit, ctx: ScanContext): Candidate | undefined {
  const { start, end } = hit;
  if (!standsAlone(text, start, end)) return undefined;
  const g = readGroups(text, start, end, 15);
  if (g === undefined || g.digits.length !== 15 || !isValidNir(g.digits)) return undefined;
  if (g.groups.join(',') === '1,2,2,2,3,3,2' && allSeps(g, ' '))
    return { start, end, confidence: 0.85 };
  return g.groups.length === 1 && hasContext(text, start, ctx, NIR_WORDS, /(?:^|_)nir(?:_|$)|insee/)
    ? { start, end, confidence: 0.9 }
    : undefined;
}

/** National identity numbers of other countries. */
export const nationalIdRules: readonly Rule[] = [
  {
    id: 'br_cpf',
    category: CATEGORY,
    description: 'Brazil CPF: 123.456.789-09 (two check digits); 11 bare digits after CPF.',
    digits: { min: 11, max: 11 },
    find: findCpf,
    confidence: 0.9,
    examples: {
      positive: [
        { text: 'CPF do titular: 529.982.247-25', match: '529.982.247-25' },
        { text: 'cliente 111.444.777-35 confirmou', match: '111.444.777-35' },
        { text: 'CPF 52998224725', match: '52998224725' },
      ],
      negative: ['529.982.247-26', '111.111.111-11', 'pedido 52998224725', '52.998.224-725'],
    },
  },
  {
    id: 'cn_resident_id',
    category: CATEGORY,
    description:
      'China resident identity card number: region, birth date YYYYMMDD, sequence, MOD 11-2 check (0–9 or X).',
    digits: { min: 17, max: 18 },
    find: findChineseId,
    confidence: 0.85,
    examples: {
      positive: [
        { text: '身份证号：11010519491231002X', match: '11010519491231002X' },
        { text: 'id 440305199003071236 verified', match: '440305199003071236' },
      ],
      negative: ['11010519491231002Y', '110105194913310021', 'snowflake 1790123456789012345'],
    },
  },
  {
    id: 'kr_rrn',
    category: CATEGORY,
    description:
      'Korea resident registration number YYMMDD-NNNNNNN: birth date, sex digit, the old check digit (or 주민 / RRN before it).',
    digits: { min: 13, max: 13 },
    find: findKoreanRrn,
    confidence: 0.85,
    examples: {
      positive: [
        { text: '주민등록번호: 900101-1234568', match: '900101-1234568' },
        { text: 'RRN 021015-4000003 on file', match: '021015-4000003' },
        { text: '주민번호 950315-2845917', match: '950315-2845917' },
        { text: 'member 950315-2845911 joined', match: '950315-2845911' },
      ],
      negative: ['900101-1234567', '901301-1234568', 'order 9001011234568'],
    },
  },
  {
    id: 'sg_nric',
    category: CATEGORY,
    description: 'Singapore NRIC / FIN: S, T, F or G, 7 digits, check letter.',
    digits: { min: 7, max: 7, next: UPPER, around: nricAround },
    find: findNric,
    confidence: 0.85,
    examples: {
      positive: [
        { text: 'NRIC S1234567D', match: 'S1234567D' },
        { text: 'FIN: F1234567N', match: 'F1234567N' },
      ],
      negative: ['S1234567A', 'XS1234567D', 'S1234567DX'],
    },
  },
  {
    id: 'uk_nino',
    category: CATEGORY,
    description:
      'UK National Insurance number: two prefix letters (issued ones only, unless asked for), six digits, A–D.',
    digits: {
      min: 6,
      max: 6,
      next: ' ABCD',
      around: (text, start, end) => ninoStart(text, start) >= 0 && ninoEnd(text, end) >= 0,
    },
    find: findNino,
    confidence: 0.85,
    examples: {
      positive: [
        { text: 'NI number AB 12 34 56 C', match: 'AB 12 34 56 C' },
        { text: 'payroll: JG103759A', match: 'JG103759A' },
        { text: 'National Insurance: QQ 12 34 56 C', match: 'QQ 12 34 56 C' },
      ],
      negative: ['QQ 12 34 56 C', 'GB123456A', 'AB123456E', 'XAB123456C', 'AB 1234 56 C'],
    },
  },
  {
    id: 'it_codice_fiscale',
    category: CATEGORY,
    description:
      'Italy codice fiscale: 6 letters, birth year, month letter, day, place code, check letter.',
    digits: { min: 3, max: 3, next: UPPER, around: codiceAround },
    find: findCodiceFiscale,
    confidence: 0.9,
    examples: {
      positive: [
        { text: 'codice fiscale RSSMRA85T10A562S', match: 'RSSMRA85T10A562S' },
        { text: 'CF: MRTMTT91D08F205J ok', match: 'MRTMTT91D08F205J' },
      ],
      negative: ['RSSMRA85T10A562T', 'RSSMRA85T99A562S', 'XRSSMRA85T10A562S'],
    },
  },
  {
    id: 'in_pan',
    category: CATEGORY,
    description:
      'India PAN: 5 letters (the 4th the holder type), 4 digits, a letter; 0.9 after PAN.',
    digits: { min: 4, max: 4, next: UPPER, around: panAround },
    find: findPan,
    confidence: 0.75,
    examples: {
      positive: [
        { text: 'PAN: ABCPE1234F', match: 'ABCPE1234F' },
        { text: 'kyc ok for BNZPM2501F', match: 'BNZPM2501F' },
      ],
      negative: ['ABCXE1234F', 'ABCPE12345F', 'XABCPE1234F'],
    },
  },
  {
    id: 'in_aadhaar',
    category: CATEGORY,
    description: 'India Aadhaar number (12 digits, Verhoeff check) after Aadhaar / UIDAI.',
    digits: { min: 12, max: 12 },
    find: afterName(/aadhaa?r|\bUIDAI\b|आधार/i, /aadhaa?r/, 12, '4,4,4', isValidAadhaar),
    confidence: 0.9,
    examples: {
      positive: [
        { text: 'Aadhaar: 2341 2341 2346', match: '2341 2341 2346' },
        { text: 'aadhar no 234123412346', match: '234123412346' },
      ],
      negative: ['2341 2341 2346', 'Aadhaar: 2341 2341 2345', 'Aadhaar: 1341 2341 2346'],
    },
  },
  {
    id: 'ca_sin',
    category: CATEGORY,
    description: 'Canada Social Insurance Number (9 digits, Luhn) after SIN / NAS.',
    digits: { min: 9, max: 9 },
    find: afterName(
      /\bSIN\b|social insurance|\bNAS\b|assurance sociale/i,
      /(?:^|_)sin(?:_|$)|social_insurance/,
      9,
      '3,3,3',
      luhnValid,
    ),
    confidence: 0.9,
    examples: {
      positive: [
        { text: 'SIN: 046 454 286', match: '046 454 286' },
        { text: 'social insurance number 046454286', match: '046454286' },
      ],
      negative: ['046 454 286', 'SIN: 046 454 287', 'single 046 454 286'],
    },
  },
  {
    id: 'es_dni',
    category: CATEGORY,
    description: 'Spain DNI (8 digits + letter) or NIE (X/Y/Z + 7 digits + letter), mod-23 letter.',
    digits: { min: 7, max: 8, next: UPPER, around: dniAround },
    find: findDniNie,
    confidence: 0.8,
    examples: {
      positive: [
        { text: 'DNI: 12345678Z', match: '12345678Z' },
        { text: 'titular 00000023T confirmado', match: '00000023T' },
        { text: 'NIE X1234567L', match: 'X1234567L' },
      ],
      negative: ['12345678A', 'X1234567A', 'A12345678Z', 'ref 12345678Z9'],
    },
  },
  {
    id: 'fr_nir',
    category: CATEGORY,
    description:
      'France social security number (NIR): 1 85 05 78 006 084 36 alone (key 97 − NIR mod 97); 15 bare digits after sécurité sociale / NIR.',
    digits: { min: 15, max: 15 },
    find: findNir,
    confidence: 0.85,
    examples: {
      positive: [
        { text: 'n° sécu 2 55 08 14 168 025 38', match: '2 55 08 14 168 025 38' },
        { text: 'numéro de sécurité sociale : 255081416802538', match: '255081416802538' },
      ],
      negative: ['2 55 08 14 168 025 39', '255081416802538', '9 55 08 14 168 025 38'],
    },
  },
  {
    id: 'nl_bsn',
    category: CATEGORY,
    description: 'Netherlands BSN (9 digits, 11-test) after BSN / burgerservicenummer.',
    digits: { min: 9, max: 9 },
    find: afterName(
      /\bBSN\b|burgerservicenummer/i,
      /(?:^|_)bsn(?:_|$)|burgerservicenummer/,
      9,
      '3,3,3',
      isValidBsn,
    ),
    confidence: 0.9,
    examples: {
      positive: [
        { text: 'BSN: 111222333', match: '111222333' },
        { text: 'burgerservicenummer 123456782', match: '123456782' },
      ],
      negative: ['111222333', 'BSN: 111222334'],
    },
  },
  {
    id: 'pl_pesel',
    category: CATEGORY,
    description: 'Poland PESEL (11 digits: birth date, check digit) after PESEL.',
    digits: { min: 11, max: 11 },
    find: afterName(/\bPESEL\b/i, /pesel/, 11, '11', isValidPesel),
    confidence: 0.9,
    examples: {
      positive: [
        { text: 'PESEL: 44051401359', match: '44051401359' },
        { text: 'nr PESEL 02070803628', match: '02070803628' },
      ],
      negative: ['44051401359', 'PESEL: 44051401358', 'PESEL: 44131401359'],
    },
  },
  {
    id: 'uk_nhs_number',
    category: CATEGORY,
    description: 'UK NHS number (10 digits, mod-11 check) after NHS.',
    digits: { min: 10, max: 10 },
    find: afterName(/\bNHS\b/i, /(?:^|_)nhs(?:_|$)/, 10, '3,3,4', isValidNhsNumber),
    confidence: 0.9,
    examples: {
      positive: [
        { text: 'NHS number: 943 476 5919', match: '943 476 5919' },
        { text: 'nhs no 9434765919', match: '9434765919' },
      ],
      negative: ['943 476 5919', 'NHS number: 943 476 5918'],
    },
  },
];
