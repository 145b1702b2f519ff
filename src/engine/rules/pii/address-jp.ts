/**
 * Japanese postal addresses.
 *
 * - `jp_postal_code`: `〒123-4567`, `〒1234567`, `郵便番号：123-4567` (the dash may be `−`/`ー`).
 * - `jp_address`: prefecture + municipality (市/区/町/村/郡) + block number (丁目, 番地, 番, 号,
 *   or digits joined by dashes); or, without the prefecture, a city or ward (市/区) + town +
 *   a block number with a digit (`渋谷区神南1-2-3`). The automaton would need ~70 distinct kanji to hold the 47
 *   prefecture names, so the keywords are only their last characters 都 道 府 県; a hit looks back
 *   3–4 characters into a table of the 47 names. A prefecture alone (`東京都に住んでいます`) or with
 *   only a municipality (`大阪府大阪市`) is coarse location and is not reported.
 */
import { isDigit } from '../../text.js';
import type { Candidate, Hit, Rule } from '../../types.js';
import { codeAt, isDashLike, isLetter, isWordChar } from './shared.js';

/** The 47 prefectures (都道府県). */
export const PREFECTURES: ReadonlySet<string> = new Set(
  (
    '北海道 青森県 岩手県 宮城県 秋田県 山形県 福島県 茨城県 栃木県 群馬県 埼玉県 千葉県 東京都 神奈川県 ' +
    '新潟県 富山県 石川県 福井県 山梨県 長野県 岐阜県 静岡県 愛知県 三重県 滋賀県 京都府 大阪府 兵庫県 ' +
    '奈良県 和歌山県 鳥取県 島根県 岡山県 広島県 山口県 徳島県 香川県 愛媛県 高知県 福岡県 佐賀県 長崎県 ' +
    '熊本県 大分県 宮崎県 鹿児島県 沖縄県'
  ).split(' '),
);

/** Kanji, kana, 々 and ヶ: characters of place names. */
function isNameChar(c: number): boolean {
  return (
    (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3041 && c <= 0x30fa) || c === 0x3005 || c === 0x30f6
  );
}

/** `-` or a look-alike (`−`, `ー`, …) between digit groups. */
function isDash(c: number): boolean {
  return c === 45 || isDashLike(c);
}

/** Character codes of a small set of kanji, for allocation-free membership tests. */
function codes(chars: string): ReadonlySet<number> {
  return new Set(Array.from(chars, (ch) => ch.charCodeAt(0)));
}

const MUNICIPALITY_SUFFIX = codes('市区町村郡');
const BLOCK_MARKS = codes('丁目番地号');
/** 一 二 三 四 五 六 七 八 九 十 (a switch: this runs for every character of the block window). */
function isKanjiNumeral(c: number): boolean {
  switch (c) {
    case 0x4e00:
    case 0x4e8c:
    case 0x4e09:
    case 0x56db:
    case 0x4e94:
    case 0x516d:
    case 0x4e03:
    case 0x516b:
    case 0x4e5d:
    case 0x5341:
      return true;
    default:
      return false;
  }
}
const CHOME = '丁'.charCodeAt(0);
/** Characters between the municipality and the block number (town names: `丸の内`, `西区みなとみらい`). */
const BLOCK_WINDOW = 24;

/** A small-integer hash of the three characters ending before `end` (no string per lookup). */
function hash3(text: string, end: number): number {
  return (
    ((text.charCodeAt(end - 3) * 31 + text.charCodeAt(end - 2)) * 31 + text.charCodeAt(end - 1)) &
    0x3fffffff
  );
}

/** Prefecture names by `hash3` of their last three characters. */
const BY_HASH = new Map<number, string[]>();
for (const name of PREFECTURES) {
  const h = hash3(name, name.length);
  BY_HASH.set(h, [...(BY_HASH.get(h) ?? []), name]);
}

/** Start of the prefecture name ending at `text[p]`, or -1. */
function prefectureStart(text: string, p: number): number {
  if (p < 2) return -1;
  const names = BY_HASH.get(hash3(text, p + 1));
  if (names === undefined) return -1;
  for (const name of names) {
    const start = p + 1 - name.length;
    if (start >= 0 && text.startsWith(name, start)) return start;
  }
  return -1;
}

/** End of the municipality (市区町村, or 郡 + 町村) starting at `q`, or -1: name of 1–8 chars. */
function municipalityEnd(text: string, q: number): number {
  if (codeAt(text, q) === 32 || codeAt(text, q) === 0x3000) q++;
  for (let k = q + 1; k < text.length && k - q <= 8; k++) {
    const c = text.charCodeAt(k);
    if (!isNameChar(c)) return -1;
    if (MUNICIPALITY_SUFFIX.has(c)) return k + 1;
  }
  return -1;
}

/** Length of a block number at `i` (`1-9-1`, `3丁目2番1号`, `四丁目6-16`), 0 when there is none. */
function blockLength(text: string, i: number): number {
  let j = i;
  let marked = false;
  if (isKanjiNumeral(text.charCodeAt(i)) && text.startsWith('丁目', i + 1)) {
    j = i + 3;
    marked = true;
  }
  let end = j;
  for (; j < text.length && j - i < 24; j++) {
    const c = text.charCodeAt(j);
    if (isDigit(c)) end = j + 1;
    else if (BLOCK_MARKS.has(c)) {
      if (j > i && isDigit(text.charCodeAt(j - 1))) marked = true;
      if (c !== CHOME) end = j + 1;
    } else if (isDash(c) && j > i && isDigit(codeAt(text, j + 1))) marked = true;
    else break;
  }
  return marked ? end - i : 0;
}

function findAddress(text: string, hit: Hit): Candidate | undefined {
  const start = prefectureStart(text, hit.start);
  if (start < 0) return undefined;
  const m = municipalityEnd(text, hit.end);
  if (m < 0) return undefined;
  const block = blockAfter(text, m);
  return block === undefined ? undefined : { start, end: block[0] + block[1] };
}

/**
 * The first block number within BLOCK_WINDOW characters of `from`, past a town name (kanji, kana,
 * spaces): its start and length, or undefined. A character of `stop` ends the town name early.
 */
function blockAfter(
  text: string,
  from: number,
  stop?: ReadonlySet<number>,
): readonly [number, number] | undefined {
  for (let i = from; i < text.length && i - from < BLOCK_WINDOW; i++) {
    const c = text.charCodeAt(i);
    if (isDigit(c) || isKanjiNumeral(c)) {
      const len = blockLength(text, i);
      if (len > 0) return [i, len];
      continue;
    }
    if (stop?.has(c) || (!isNameChar(c) && c !== 32 && c !== 0x3000)) return undefined;
  }
  return undefined;
}

/** Katakana, kanji, 々 and ヶ: a city or ward name read back from its 市/区 (not hiragana). */
function isCityChar(c: number): boolean {
  return (
    (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x30a1 && c <= 0x30fa) || c === 0x3005 || c === 0x30f6
  );
}
/** Cities whose names are written in hiragana (`さいたま市`). */
const HIRAGANA_CITIES = [
  'さいたま',
  'つくばみらい',
  'つくば',
  'いわき',
  'ひたちなか',
  'かすみがうら',
  'みどり',
  'いなべ',
  'あわら',
  'かほく',
];
/**
 * Characters that make the word ending in 市/区 a common noun, not a place name: 都市, 地区,
 * 各区, 全市, 同市, 本市, 当市, 学区, 選挙区, 特区, 管区, 市区, 区市, 両市, 他市, 隣市 …
 */
const NOT_PLACE_BEFORE = codes('都地各全同本当学挙特管市区両他隣某該毎諸');
/** Particles that end a town name: the sentence has moved on (`都市部の人口は100-200万`). */
const SENTENCE_PARTICLES = codes('はをにでもへや、。');
/** Counters after a number: `3-4件`, `1-2位`, `100-200万` are counts and ranges, not blocks. */
const COUNTERS = codes('件人位万円個回年月日時分秒本枚台点歳名社店週割倍');

/**
 * An address without its prefecture, the way people write where they live when the city says
 * enough: `渋谷区神南1-2-3`, `横浜市西区みなとみらい2-3-1`, `大阪市北区梅田3丁目1番1号`. Triggered by
 * 市 or 区: a city or ward name of 1–6 kanji or katakana before it (or a hiragana city), not a
 * common noun (`都市`, `地区`, `選挙区`), then a town name with no sentence particle and a block
 * number that holds a digit within 24 characters. With the prefecture before it, the prefecture's
 * trigger reports the whole address and this one stays quiet.
 */
function findCityAddress(text: string, hit: Hit): Candidate | undefined {
  const p = hit.start;
  let s = p;
  while (s > 0 && p - s < 6 && isCityChar(text.charCodeAt(s - 1))) s--;
  if (s === p) {
    const city = HIRAGANA_CITIES.find((name) => text.startsWith(name, p - name.length));
    if (city === undefined) return undefined;
    s = p - city.length;
  } else if (NOT_PLACE_BEFORE.has(text.charCodeAt(p - 1))) return undefined;
  // `東京都渋谷区…`: the prefecture rule reports it, from the prefecture on.
  const before = codeAt(text, s - 1);
  if (before === 0x90fd || before === 0x9053 || before === 0x5e9c || before === 0x770c) {
    if (prefectureStart(text, s - 1) >= 0) return undefined;
  }
  const block = blockAfter(text, hit.end, SENTENCE_PARTICLES);
  if (block === undefined) return undefined;
  const [i, len] = block;
  let digit = false;
  for (let k = i; k < i + len && !digit; k++) digit = isDigit(text.charCodeAt(k));
  const next = codeAt(text, i + len);
  if (!digit || isDigit(next) || COUNTERS.has(next)) return undefined;
  return { start: s, end: i + len, confidence: 0.8 };
}

/** A ward, city, town or district suffix of a Japanese address in romaji (`Shibuya-ku`). */
const ROMAJI_SUFFIXES = ['-ku', '-shi', '-cho', '-machi', '-gun'];
/** A capitalised romaji word (`Jinnan`, `Minato`). */
const W = '[A-Z][a-z]{1,15}';
/** A block number: `1-2-3`, `2-11`. */
const BLOCK = '\\d{1,4}(?:-\\d{1,4}){1,2}';
/**
 * What comes before `-ku`/`-shi` in an address written in romaji: a block number and a town
 * (`Jinnan`, `Minato Mirai`) in either order, optionally a ward or city before this one
 * (`Yokohama-shi Nishi`), then the name the suffix belongs to. Anchored at the end of the slice.
 */
const ROMAJI_BEFORE = new RegExp(
  `(?:^|[^\\w-])(?:${BLOCK},? ${W}(?:[ -]${W}){0,2}|${W}(?:[ -]${W}){0,2} ${BLOCK}),? ` +
    `(?:${W}-(?:ku|shi|cho|gun),? )?${W}$`,
);
/** After the suffix: up to two more place names (`, Tokyo`, `, Yokohama-shi`) and a postal code. */
const ROMAJI_AFTER = new RegExp(
  `^(?:,? ${W}(?:-(?:shi|ku|ken|to|fu|gun))?){0,2}(?:,? (?:〒 ?)?\\d{3}-\\d{4}(?![\\d-]))?`,
);

/**
 * The same written in Japanese order (`Tokyo-to Minato-ku Roppongi 6-10-1`, `Shibuya-ku
 * Jingumae 1-2-3`): the name the suffix belongs to, with an optional prefecture before it.
 */
const ROMAJI_NAME_BEFORE = new RegExp(`(?:^|[^\\w-])(?:${W}(?:-(?:to|fu|ken|do))?,? )?${W}$`);
/** After the suffix in Japanese order: a town of 1–3 words, then the block number. */
const ROMAJI_TOWN_BLOCK = new RegExp(`^,? ${W}(?:[ -]${W}){0,2},? ${BLOCK}(?![\\d-])`);

/**
 * A Japanese address written in romaji, as English forms and shipping labels print it:
 * `1-2-3 Jinnan, Shibuya-ku, Tokyo 150-0041`, `Room 302, 2-11-3 Minato Mirai, Nishi-ku,
 * Yokohama`, `Jinnan 1-2-3, Shibuya-ku`. Triggered by `-ku`, `-shi`, `-cho`, `-machi`, `-gun`
 * right after a letter; the block number must be there, so `Shibuya-ku, Tokyo` alone (coarse
 * location) is not reported. Reads 80 characters back and 60 forward.
 */
function findRomajiAddress(text: string, hit: Hit): Candidate | undefined {
  if (isWordChar(codeAt(text, hit.end)) || !isLetter(codeAt(text, hit.start - 1))) return undefined;
  const from = Math.max(0, hit.start - 80);
  const before = ROMAJI_BEFORE.exec(text.slice(from, hit.start));
  if (before === null) return japaneseOrderRomaji(text, hit, from);
  const first = before[0].charCodeAt(0);
  const start = from + before.index + (isDigit(first) || (first >= 65 && first <= 90) ? 0 : 1);
  const after = ROMAJI_AFTER.exec(text.slice(hit.end, hit.end + 60));
  return { start, end: hit.end + (after === null ? 0 : after[0].length), confidence: 0.85 };
}

/** `Tokyo-to Minato-ku Roppongi 6-10-1`: the block number after the suffix and a town. */
function japaneseOrderRomaji(text: string, hit: Hit, from: number): Candidate | undefined {
  const town = ROMAJI_TOWN_BLOCK.exec(text.slice(hit.end, hit.end + 60));
  if (town === null) return undefined;
  const name = ROMAJI_NAME_BEFORE.exec(text.slice(from, hit.start));
  if (name === null) return undefined;
  const start = from + name.index + (/^[A-Z]/.test(name[0]) ? 0 : 1);
  return { start, end: hit.end + town[0].length, confidence: 0.85 };
}

function findJpAddress(text: string, hit: Hit): Candidate | undefined {
  if (hit.keyword.charCodeAt(0) === 45) return findRomajiAddress(text, hit);
  return hit.keyword === '市' || hit.keyword === '区'
    ? findCityAddress(text, hit)
    : findAddress(text, hit);
}

/** Space, ideographic space, `:` or `：`. */
function isPostalGap(c: number): boolean {
  return c === 32 || c === 0x3000 || c === 58 || c === 0xff1a;
}

/** The postal code after `〒` / `郵便番号`: 3 digits, optional dash, 4 digits, nothing glued after. */
function findPostal(text: string, hit: Hit): Candidate | undefined {
  if (hit.digits > 0) return postalBeforePrefecture(text, hit);
  let i = hit.end;
  // Up to three spaces or colons between the mark and the number: `〒 100-0005`, `郵便番号：…`.
  while (i - hit.end < 3 && isPostalGap(codeAt(text, i))) i++;
  const end = postalEnd(text, i);
  return end < 0 ? undefined : { start: i, end };
}

/** End of `NNN-NNNN` / `NNNNNNN` at `s` with nothing glued after, or -1. Reads ≤ 9 characters. */
function postalEnd(text: string, s: number): number {
  let i = s;
  for (let k = 0; k < 3; k++, i++) if (!isDigit(codeAt(text, i))) return -1;
  if (isDash(codeAt(text, i))) i++;
  for (let k = 0; k < 4; k++, i++) if (!isDigit(codeAt(text, i))) return -1;
  if (isDigit(codeAt(text, i)) || isDash(codeAt(text, i))) return -1;
  return i;
}

/** Characters that may follow a postal code written without `〒`: a space or a prefecture's first. */
const POSTAL_NEXT = ` \u3000${[...new Set([...PREFECTURES].map((p) => p[0]!))].join('')}`;

/**
 * A postal code written without `〒` right before a prefecture (`100-0001 東京都千代田区…`), as
 * address forms print it: triggered by 7-digit runs followed by a space or a prefecture's first
 * character (a scanner pre-filter), then one prefecture-table lookup.
 */
function postalBeforePrefecture(text: string, hit: Hit): Candidate | undefined {
  const { start, end } = hit;
  if (isWordChar(codeAt(text, start - 1)) || isDash(codeAt(text, start - 1))) return undefined;
  if (postalEnd(text, start) !== end) return undefined;
  let i = end;
  while (i - end < 2 && (codeAt(text, i) === 32 || codeAt(text, i) === 0x3000)) i++;
  const name3 = text.slice(i, i + 3);
  if (!PREFECTURES.has(name3) && !PREFECTURES.has(text.slice(i, i + 4))) return undefined;
  return { start, end, confidence: 0.85 };
}

/** Japanese address rules. */
export const addressJpRules: readonly Rule[] = [
  {
    id: 'jp_postal_code',
    category: 'user.contact.address.postal_code',
    description:
      'Japanese postal code (123-4567) after 〒 or 郵便番号, or right before a prefecture.',
    keywords: ['〒', '郵便番号'],
    digits: { min: 7, max: 7, next: POSTAL_NEXT },
    find: findPostal,
    confidence: 0.9,
    examples: {
      positive: [
        { text: '〒100-0005 東京都千代田区丸の内1-9-1', match: '100-0005' },
        { text: '{"addr":"〒1000005"}', match: '1000005' },
        { text: '郵便番号：530-0001', match: '530-0001' },
        { text: '〒５３０−０００１ 大阪市北区', match: '５３０−０００１' },
        { text: 'Ship to 〒 060-0806 Sapporo', match: '060-0806' },
        { text: '100-0001 東京都千代田区千代田1-1', match: '100-0001' },
        { text: '住所: 530-0001大阪府大阪市北区梅田3丁目1番1号', match: '530-0001' },
      ],
      negative: [
        '〒〒〒',
        '〒12-34567',
        '〒123-45678',
        '郵便番号を入力してください',
        '〒123-4567-8',
        '100-0001 東京',
        'ORD-100-0001 東京都',
        '12-3456789 東京都',
      ],
    },
  },
  {
    id: 'jp_address',
    category: 'user.contact.address.street',
    description:
      'Japanese street address: prefecture + municipality + block number, or a city or ward + town + block number.',
    keywords: ['都', '道', '府', '県', '市', '区', ...ROMAJI_SUFFIXES],
    find: findJpAddress,
    confidence: 0.9,
    examples: {
      positive: [
        {
          text: '住所：東京都千代田区丸の内1-9-1 グラントウキョウ',
          match: '東京都千代田区丸の内1-9-1',
        },
        { text: '大阪府大阪市北区梅田3丁目1番1号です', match: '大阪府大阪市北区梅田3丁目1番1号' },
        { text: '北海道札幌市中央区北1条西2丁目', match: '北海道札幌市中央区北1条西2丁目' },
        {
          text: '{"address":"神奈川県横浜市西区みなとみらい２－３－１"}',
          match: '神奈川県横浜市西区みなとみらい２－３－１',
        },
        { text: '東京都中央区銀座四丁目6-16', match: '東京都中央区銀座四丁目6-16' },
        { text: '集合場所は東京都中央区銀座四丁目の交差点', match: '東京都中央区銀座四丁目' },
        { text: '鹿児島県 鹿児島市山下町11番1号', match: '鹿児島県 鹿児島市山下町11番1号' },
        { text: '住所は渋谷区神南1-2-3です', match: '渋谷区神南1-2-3' },
        { text: '横浜市西区みなとみらい2-3-1 ABCビル', match: '横浜市西区みなとみらい2-3-1' },
        { text: '配送先：大阪市北区梅田3丁目1番1号', match: '大阪市北区梅田3丁目1番1号' },
        { text: 'さいたま市浦和区高砂3-15-1', match: 'さいたま市浦和区高砂3-15-1' },
        {
          text: 'Ship to: 1-2-3 Jinnan, Shibuya-ku, Tokyo 150-0041, Japan',
          match: '1-2-3 Jinnan, Shibuya-ku, Tokyo 150-0041',
        },
        {
          text: 'Room 302, 2-11-3 Minato Mirai, Nishi-ku, Yokohama',
          match: '2-11-3 Minato Mirai, Nishi-ku, Yokohama',
        },
        { text: 'Jinnan 1-2-3, Shibuya-ku', match: 'Jinnan 1-2-3, Shibuya-ku' },
        {
          text: 'addr: Tokyo-to Minato-ku Roppongi 6-10-1',
          match: 'Tokyo-to Minato-ku Roppongi 6-10-1',
        },
        { text: 'Shibuya-ku Jingumae 1-2-3', match: 'Shibuya-ku Jingumae 1-2-3' },
      ],
      negative: [
        '東京都に住んでいます',
        '大阪府の天気は晴れ',
        '京都府京都市に行きました',
        '東京都市大学 2024年度',
        '東京都東京都東京都',
        '道の駅 123-4567',
        '都市部の人口は100-200万',
        '市場シェア1-2位',
        '選挙区1-2',
        '地区大会 2-1で勝利',
        '渋谷区の店舗 3-4件',
        '港区六本木六丁目',
        'Shibuya-ku, Tokyo',
        'offices in Shibuya-ku and Minato-ku',
        'Shibuya-ku Office v1-2-3',
        'Minato-ku Roppongi',
        'v1-2-3 Jinnan, Shibuya-ku',
      ],
    },
  },
];
