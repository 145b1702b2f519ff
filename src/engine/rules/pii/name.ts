/**
 * People's names in free text, where an honorific or a word that introduces a person marks them:
 * `山田太郎様`, `佐藤さん`, `田中 花子 様`, `Mr. Smith`, `Dr. Jane Doe`, `Dear Taro,`, `my wife
 * Hanako`, `a customer named John Smith`, and Japanese full names that start with a common
 * surname (`佐藤花子`, see `findFullNames`). Any other name with nothing around it (`Hanako`,
 * `Maria Garcia`) needs a named-entity model, which Veil does not have; a name in a field named
 * for it (`full_name`, `name=`) is found by the field classifier instead.
 *
 * Japanese: the honorific (様 さま さん 殿 氏 くん 君 ちゃん) after 2–6 kanji (and `々`), or two
 * such runs one space apart (8 at most in all), with no kanji, katakana or ASCII letter right
 * before the name: a longer run is a compound noun (`営業部長様`). One kanji is not enough
 * (`林さん` is a name, but `仕様`, `皆様`, `赤ちゃん`, `お客様` are not). Kanji words that take an
 * honorific without being names (ご苦労様, 担当者様, 会員様, 本屋さん, 取引先様 …) are listed or
 * recognised by their last kanji (者 員 師 屋 先 …). A one-kanji honorific followed by a kanji
 * starts a word instead (`氏名`, `様式`). Names in kana alone (`さくらさん`, `ジョンさん`) are not
 * read: kana before an honorific is mostly not a name (`お疲れ様`, `ユーザー様`), except a
 * katakana full name whose parts `・` joins (`ジョン・スミス様`).
 *
 * English: `Mr` `Mrs` `Ms` `Mx` `Dr` `Prof` (with or without `.`), then one space and one to
 * three capitalised words; `Dear` then one or two capitalised words that are not a role
 * (`Dear Customer`, `Dear Sir`). The honorific must start a word and be written so (`MS Teams`
 * is not one); `Dr` after a house number and a street name is `Drive`. `Miss` is left out: in
 * title-case labels it is a verb (`Don't Miss Out`).
 *
 * The finding is the name only, not the honorific.
 */
import type { Candidate, Hit, Rule } from '../../types.js';
import { isHiragana, isKanaUnit, kanaFullName, kanaNameBefore } from './name-kana.js';
import { codeAt, isLetter, isWordChar } from './shared.js';

const NAME = 'user.name';
/** Longest name read before a Japanese honorific, in characters. */
const MAX_JP = 8;
/** Longest run of kanji in one part of a Japanese name. */
const MAX_JP_PART = 6;

function isKanji(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || c === 0x3005; // 々
}
function isKatakana(c: number): boolean {
  return c >= 0x30a1 && c <= 0x30ff;
}

/** Kanji words that take an honorific but are not names (whole name, either part). */
const NOT_NAMES = new Set(
  (
    '息子 旦那 主人 本人 家族 両親 親御 奥方 貴方 貴殿 各位 先生 先輩 後輩 学生 院生 生徒 子供 ' +
    '苦労 世話 馳走 愁傷 御苦労 王子 王女 姫君 殿下 陛下 閣下 神主 坊主 和尚 大工 得意 ' +
    '知事 大臣 総理 首相 教授 博士 監督 親方 大家 近所 管理人 運転手 選手 相手 歌手 助手 ' +
    '新人 大人 老人 病人 外人 恋人 友人 知人 他人 個人 法人 職人 芸人 住人 美人 ' +
    '弁護士 税理士 会計士 行政書士 司法書士 消防士 運転士 保育士 介護士 栄養士 建築士 整備士 ' +
    '担当 窓口 事務局 御中 各自 方々 殿方 仲間 友達 彼女 企業 施設 団体 皆々'
  ).split(' '),
);
/**
 * Last kanji of role and organisation nouns: 利用者, 会員, 看護師, 本屋, 警察官, 営業部長, 農家,
 * 取引先, 加盟店, 御社, 自治体, 学校, 病院, 事務所, 彼氏, 新仕様 (仕様 is "specification").
 */
const ROLE_ENDINGS = new Set(
  Array.from('者員師屋官様氏長家先店社体校院局所仕模', (ch) => ch.charCodeAt(0)),
);

/** Japanese honorifics, as the rule's keywords. */
const JP_HONORIFICS = ['様', 'さま', 'さん', '殿', '氏', 'くん', '君', 'ちゃん'];

/** Start of the kanji run ending at `end` (exclusive), at most `max` long; `end` when none. */
function kanjiRunStart(text: string, end: number, max: number): number {
  let s = end;
  while (s > 0 && end - s < max && isKanji(text.charCodeAt(s - 1))) s--;
  return s;
}

function isRolePart(part: string): boolean {
  return NOT_NAMES.has(part) || ROLE_ENDINGS.has(part.charCodeAt(part.length - 1));
}

/**
 * Honorifics written as one kanji: they also start words (`氏名`, `様式`, `殿堂`, `君主`), and
 * may close a full name's kanji run (`鈴木一郎氏`).
 */
const KANJI_HONORIFICS = new Set(Array.from('様殿氏君', (ch) => ch.charCodeAt(0)));

/** Longest katakana name read before an honorific (`ジョン・スミス`). */
const MAX_KATAKANA_NAME = 20;
const NAKAGURO = 0x30fb; // ・

/**
 * A foreign full name in katakana ending at `end`: given and family names joined by `・`
 * (`ジョン・スミス様`, `マリア・ガルシアさん`), each part at least two characters. Katakana alone
 * before an honorific is mostly a role (`ユーザー様`, `ドライバーさん`); the `・` between two
 * parts is what a transliterated full name has.
 */
function katakanaName(text: string, end: number): Candidate | undefined {
  let s = end;
  while (s > 0 && end - s < MAX_KATAKANA_NAME && isKatakana(text.charCodeAt(s - 1))) s--;
  const before = codeAt(text, s - 1);
  if (isKatakana(before) || isKanji(before) || isLetter(before)) return undefined;
  const parts = text.slice(s, end).split('・');
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => p.length < 2)) return undefined;
  return { start: s, end };
}

function findJapanese(text: string, hit: Hit): Candidate | undefined {
  if (KANJI_HONORIFICS.has(text.charCodeAt(hit.start)) && isKanji(codeAt(text, hit.end)))
    return undefined;
  // `田中 様`: one space between the name and the honorific.
  let end = hit.start;
  const gap = codeAt(text, end - 1);
  if (
    (gap === 32 || gap === 0x3000) &&
    (isKanji(codeAt(text, end - 2)) || isKatakana(codeAt(text, end - 2)))
  )
    end--;
  const last = codeAt(text, end - 1);
  if (isKatakana(last) && last !== NAKAGURO)
    return katakanaName(text, end) ?? kanaNameBefore(text, end);
  // A listed reading in hiragana: `ゆきちゃん`, `さとうさん` (not `みなさん`, `おばあちゃん`).
  if (isHiragana(last)) return kanaNameBefore(text, end);
  let start = kanjiRunStart(text, end, MAX_JP_PART);
  // One kanji (`林さん`, but also `仕様`, `赤ちゃん`, `皆様`) is too often not a name.
  if (end - start < 2 || isKanji(codeAt(text, start - 1))) return undefined;
  if (isRolePart(text.slice(start, end))) return undefined;
  // `山田 太郎様`: a second run before, one space apart.
  const sep = codeAt(text, start - 1);
  if ((sep === 32 || sep === 0x3000) && isKanji(codeAt(text, start - 2))) {
    const s2 = kanjiRunStart(text, start - 1, MAX_JP - (end - start));
    if (!isKanji(codeAt(text, s2 - 1)) && !isRolePart(text.slice(s2, start - 1))) start = s2;
  }
  const before = codeAt(text, start - 1);
  if (isKatakana(before) || isLetter(before)) return undefined;
  return { start, end };
}

/**
 * Capitalised words that follow an honorific without being a name: roles after `Dear`
 * (`Dear Customer`, `Dear Sir`), and the words of title-case labels and event names after `Dr`
 * or `Mr` (`Dr. Appointment Booked`, `Dr Profile Viewed`), which the policy scans too.
 */
const NOT_AFTER = new Set(
  (
    'Customer Customers Sir Sirs Madam Madame All Team User Users Member Members Friend Friends ' +
    'Valued Colleague Colleagues Partner Partners Subscriber Subscribers Reader Readers Client ' +
    'Clients Guest Guests Applicant Applicants Candidate Candidates Parent Parents Student ' +
    'Students Hiring Support Diary Santa God Mr Mrs Ms Mx Miss Dr Prof Shareholders Shopper ' +
    'Shoppers Patient Patients Employee Employees Owner Owners Admin Administrator Seller Sellers ' +
    'Buyer Buyers Developer Developers Everyone Future Me Old New My Our Your ' +
    'Visit Visits Appointment Appointments Profile Profiles Office Note Notes Search Review ' +
    'Reviews Booking Bookings Booked Page List Details Dashboard Portal App Account Settings Home ' +
    'Menu Chat Call Message Messages Schedule Scheduled Availability Finder Directory Name Names ' +
    'Title Login Signup Sign Clicked Viewed Opened Selected Added Removed Created Updated Deleted ' +
    'Started Completed Cancelled Canceled Sent Received Submitted Button Link Tab Modal Card ' +
    'Today Tomorrow Yesterday Tonight Now Here There Please Thanks Thank This That These Those ' +
    'The An And Or But If Then When Where What Who Why How Yes No Ok Hello Hi Hey Welcome ' +
    'Monday Tuesday Wednesday Thursday Friday Saturday Sunday'
  ).split(' '),
);
/** As written: capitalised (`MS Teams`, `DR` and `mr` are not honorifics). */
const EN_HONORIFICS = new Set(['Mr', 'Mrs', 'Ms', 'Mx', 'Dr', 'Prof', 'Dear']);
/** The honorifics with the `.` or space after them, as keywords (`Dear` takes no `.`). */
const EN_KEYWORDS = [...EN_HONORIFICS].flatMap((h) =>
  h === 'Dear' ? ['dear '] : [`${h.toLowerCase()}.`, `${h.toLowerCase()} `],
);
/** Brands named `Dr. …`: product names in shop events, not people (`Dr. Martens 1460 Boots`). */
const DR_BRANDS = new Set([
  'Martens',
  'Pepper',
  'Oetker',
  'Scholl',
  "Scholl's",
  'Bronner',
  "Bronner's",
  'Jart',
  'Brandt',
  'Dre',
  'Who',
]);
/** `12 Main Dr. Springfield`: `Dr` as a street's `Drive`, after a house number and its name. */
const STREET_BEFORE = /\d[A-Za-z]? (?:[A-Z][a-z]*\.? ){1,3}$/;

/**
 * End of the capitalised word at `i` (`O'Brien`, `Smith-Jones`, `McDonald`), or `i` when none
 * starts there.
 */
export function wordEnd(text: string, i: number): number {
  const c = codeAt(text, i);
  if (c < 65 || c > 90) return i;
  let e = i + 1;
  let lower = false;
  while (e - i < 30) {
    const d = codeAt(text, e);
    if (d >= 97 && d <= 122) lower = true;
    if (isLetter(d) || ((d === 39 || d === 45) && isLetter(codeAt(text, e + 1)))) e++;
    else break;
  }
  // One capital alone is an initial (`Jane Q. Public`) only when a dot follows.
  if (e === i + 1) return codeAt(text, e) === 46 ? e + 1 : i;
  // All capitals (`README`, `SMS`) is an acronym, not a name as prose writes one.
  return lower ? e : i;
}

/**
 * End of up to `max` capitalised words from `start`, one space apart, that are not role, label or
 * function words (`NOT_AFTER`); `start` when none, or when a word character follows the last.
 */
function capitalisedWords(text: string, start: number, max: number): number {
  let end = start;
  for (let w = 0; w < max; w++) {
    const from = w === 0 ? start : end + 1;
    if (w > 0 && codeAt(text, end) !== 32) break;
    const e = wordEnd(text, from);
    if (e === from || NOT_AFTER.has(text.slice(from, e))) break;
    end = e;
  }
  return isWordChar(codeAt(text, end)) ? start : end;
}

function findEnglish(text: string, hit: Hit): Candidate | undefined {
  if (isWordChar(codeAt(text, hit.start - 1))) return undefined;
  // The keyword ends with its `.` or space.
  let i = hit.end - 1;
  const word = text.slice(hit.start, i);
  if (!EN_HONORIFICS.has(word)) return undefined;
  const dear = word === 'Dear';
  if (word === 'Dr' && STREET_BEFORE.test(text.slice(Math.max(0, hit.start - 48), hit.start)))
    return undefined;
  if (!dear && codeAt(text, i) === 46) i++;
  if (codeAt(text, i) !== 32) return undefined;
  const start = i + 1;
  const end = capitalisedWords(text, start, dear ? 2 : 3);
  if (end === start) return undefined;
  if (word === 'Dr' && DR_BRANDS.has(text.slice(start, wordEnd(text, start)))) return undefined;
  return { start, end, confidence: dear ? 0.6 : 0.7 };
}

/**
 * Words that introduce a person by name in prose, as keywords with their space: `my wife Hanako`,
 * `a customer named John Smith`, `her name is Taro`.
 */
const INTRODUCERS = (
  'wife husband son daughter mother father mom mum dad brother sister friend colleague coworker ' +
  'boss partner boyfriend girlfriend fiance fiancee uncle aunt cousin grandma grandpa grandmother ' +
  'grandfather nephew niece neighbor neighbour roommate named'
)
  .split(' ')
  .map((w) => `${w} `)
  .concat(['name is ']);
const INTRODUCER_SET = new Set(INTRODUCERS);

/**
 * A name after a word that introduces one (`wife Hanako`, `named John Smith`): only in prose,
 * where that word is written in lower case (`Friend Request Sent`, a title-case label, is not),
 * then one or two capitalised words that are not role or label words.
 */
function findIntroduced(text: string, hit: Hit): Candidate | undefined {
  if (isWordChar(codeAt(text, hit.start - 1))) return undefined;
  if (!INTRODUCER_SET.has(text.slice(hit.start, hit.end))) return undefined;
  const start = hit.end;
  const end = capitalisedWords(text, start, 2);
  if (end === start) return undefined;
  return { start, end, confidence: 0.6 };
}

/**
 * Common Japanese surnames (about the 330 most frequent of two or three kanji, spelling variants included). One-kanji
 * surnames (林, 森, 原) are left out: as words they mean forest, wood, field. So are surnames that
 * are mostly places (千葉, 宮崎, 福島, 川崎, 中野, 上野, 松本, 福井, 野田) and those that are
 * everyday words (根本 as in 根本的, 川原 riverbed, 大木 big tree).
 */
const SURNAMES = new Set(
  (
    '佐藤 鈴木 高橋 田中 伊藤 渡辺 渡邉 渡邊 山本 中村 小林 加藤 吉田 山田 佐々木 山口 井上 木村 ' +
    '斎藤 斉藤 齋藤 清水 山崎 池田 橋本 阿部 石川 山下 中島 石井 小川 前田 岡田 長谷川 藤田 後藤 ' +
    '近藤 村上 遠藤 青木 坂本 福田 太田 西村 藤井 金子 岡本 藤原 三浦 原田 中川 松田 竹内 小野 ' +
    '田村 中山 和田 石田 森田 上田 内田 柴田 酒井 横山 高木 安藤 宮本 大野 小島 谷口 今井 工藤 ' +
    '高田 増田 丸山 杉山 村田 大塚 新井 小山 平野 藤本 河野 野口 武田 松井 岩崎 菅原 木下 久保 ' +
    '佐野 野村 松尾 市川 菊地 菊池 杉本 古川 大西 島田 水野 桜井 高野 渡部 吉川 山内 西田 飯田 ' +
    '西川 小松 北村 安田 五十嵐 川口 平田 中田 久保田 服部 岩田 土屋 本田 樋口 秋山 田口 永井 ' +
    '山中 中西 吉村 川上 石原 大橋 松岡 馬場 浜田 森本 星野 矢野 浅野 大久保 松下 吉岡 小池 ' +
    '荒木 大谷 内藤 松浦 熊谷 黒田 尾崎 永田 川村 望月 田辺 松村 荒井 大島 平井 早川 菅野 栗原 ' +
    '西山 広瀬 横田 石橋 萩原 岩本 片山 関口 宮田 大石 本間 須藤 岡崎 小田 伊東 鎌田 上原 篠原 ' +
    '小西 松原 成田 北川 細川 ' +
    '大川 松島 桑原 宮下 内山 奥村 堀内 今村 中尾 河合 小沢 小澤 矢島 中谷 平山 川島 飯島 松永 ' +
    '竹田 大竹 杉浦 堀江 金井 坂口 西尾 野崎 宮川 川田 堀田 西岡 八木 奥田 中本 江口 福本 藤川 ' +
    '笠原 水谷 榎本 小泉 秋元 田島 稲葉 片岡 米田 北野 岸本 宮内 岩井 三宅 西本 土井 川端 村井 ' +
    '堀口 若林 中澤 中沢 浅井 吉原 小谷 古田 木内 小森 今野 井口 児玉 黒川 長田 浅田 小原 関根 ' +
    '岩瀬 中井 藤野 高井 石黒 徳永 柳田 田代 前川 宇野 西野 大村 竹中 植田 三上 溝口 上村 原口 ' +
    '玉木 末永 福永 森下 村山 林田 川野 吉永 市村 宮原 安達 小坂 山根 佐伯 角田 木原 藤岡 富田 ' +
    '森山 杉田 宮脇 小杉 堀井 川合 岡村 広田 坂井 長尾 石塚 中嶋 奥野 野中 坂田 山岸 森川 北島 ' +
    '辻本 野上 小笠原 相馬 吉沢 吉澤 柳沢 柳澤 宮沢 宮澤 滝沢 滝澤 長島 長嶋 松崎 岩下 三輪 浅見 ' +
    '久米 今西 下村 寺田'
  ).split(' '),
);
/**
 * What follows a surname in a kanji run without being a given name, besides the role nouns of
 * the honorific rule (`isRolePart`; a title at the end of the run is read first, `TITLES`):
 * organisations and schools (小林製薬,
 * 鈴木自動車, 高橋大学) and family words (山田夫妻).
 */
const ORG_WORDS = new Set(
  (
    '製薬 電機 電気 工業 商事 銀行 証券 建設 産業 物産 興業 商店 書店 病院 医院 歯科 薬局 不動産 ' +
    '運輸 倉庫 食品 工務店 酒造 製作所 研究所 事務所 会計 法律 特許 大学 高校 中学 小学 学園 学院 ' +
    '記念 記念館 公園 神社 会館 商会 総業 自動車 鉄道 交通 観光 旅館 旅行 印刷 出版 新聞 放送 ' +
    '夫妻 夫人 兄弟 姉妹 親子 温泉'
  ).split(' '),
);
/** Last kanji of buildings and grounds after a surname (上田城, 山田記念館; 屋 and 店 are role endings). */
const BUILDING_ENDINGS = new Set(Array.from('園寺城館堂署庁場殿君', (ch) => ch.charCodeAt(0)));
/** Kanji that make what follows a surname a place wherever they stand in it (`山田町役場`, `三宅島`, `松島湾`). */
const PLACE_KANJI = new Set(
  Array.from('町村市区郡県都府駅線橋通島湾湖港岬峠', (ch) => ch.charCodeAt(0)),
);

/**
 * Titles written after a name (`田中先生`, `佐藤部長`, `山田花子教授`): a person is meant, like with
 * an honorific. Longest first, so `准教授` is not read as `教授`.
 */
const TITLES = (
  '理事長 副社長 支店長 准教授 弁護士 税理士 看護師 先生 部長 課長 係長 社長 会長 専務 常務 店長 ' +
  '教授 医師 先輩 選手 監督 院長 校長 議員 主任 室長 所長'
).split(' ');

/** Length of the title that ends the kanji run `[a, b)` and leaves at least two kanji, or 0. */
function titleLength(text: string, a: number, b: number): number {
  for (const t of TITLES)
    if (b - a >= t.length + 2 && text.startsWith(t, b - t.length)) return t.length;
  return 0;
}

/**
 * How a surname alone introduces its bearer (`田中と申します`, `担当の鈴木です`, `名前は佐藤`): the
 * words right after it, or right before it.
 */
const SELF_INTRODUCTIONS = ['と申し', 'と言います', 'といいます', 'と名乗'];
const NAMED_BEFORE = ['名前は', '名前：', '名前:', '私は', 'わたしは', '僕は', '担当の', '担当は'];

/** A surname alone in the kanji run `[a, b)` that the words around it introduce, or undefined. */
function introducedSurname(text: string, a: number, b: number): Candidate | undefined {
  if (!SURNAMES.has(text.slice(a, b))) return undefined;
  const introduced =
    SELF_INTRODUCTIONS.some((w) => text.startsWith(w, b)) ||
    NAMED_BEFORE.some((w) => text.startsWith(w, a - w.length));
  return introduced ? { start: a, end: b, confidence: 0.6 } : undefined;
}

/** The candidate full name in the kanji run `[a, b)`, or undefined. */
function fullName(text: string, a: number, b: number): Candidate | undefined {
  if (b - a >= 2 && KANJI_HONORIFICS.has(text.charCodeAt(b - 1))) b--;
  const before = codeAt(text, a - 1);
  if (isKatakana(before) || isLetter(before)) return undefined;
  const len =
    b - a >= 3 && SURNAMES.has(text.slice(a, a + 3))
      ? 3
      : b - a >= 2 && SURNAMES.has(text.slice(a, a + 2))
        ? 2
        : 0;
  if (len === 0) return undefined;
  // `田中先生`, `山田花子教授`: the name before the title.
  const title = titleLength(text, a, b);
  if (title > 0) {
    b -= title;
    if (b === a + len) return { start: a, end: b, confidence: 0.6 };
  }
  let g = a + len;
  let end = b;
  if (g === b) {
    // `山田 太郎`: the given name after one space; `田中と申します`: the surname alone.
    const sep = codeAt(text, b);
    if (sep !== 32 && sep !== 0x3000) return introducedSurname(text, a, b);
    g = b + 1;
    end = g;
    while (end < text.length && end - g < 4 && isKanji(text.charCodeAt(end))) end++;
    if (isKanji(codeAt(text, end))) return undefined;
    if (end - g >= 2 && KANJI_HONORIFICS.has(text.charCodeAt(end - 1))) end--;
  }
  // A given name is one to three kanji.
  if (end - g < 1 || end - g > 3) return undefined;
  const given = text.slice(g, end);
  if (
    isRolePart(given) ||
    ORG_WORDS.has(given) ||
    BUILDING_ENDINGS.has(given.charCodeAt(given.length - 1))
  )
    return undefined;
  for (let k = g; k < end; k++) if (PLACE_KANJI.has(text.charCodeAt(k))) return undefined;
  return { start: a, end, confidence: 0.6 };
}

/**
 * Japanese full names without an honorific (`担当の佐藤花子です`, `山田 太郎`): a run of kanji
 * that starts with a common surname and goes on with a one- to three-kanji given name, or the
 * same in katakana from lists of readings (`ヤマダ タロウ`, see name-kana.ts), in one pass over
 * the text. Reads each character at most twice, and stops one name past `paid`, the
 * number of matches the work budget pays for (the scanner cuts the text there).
 */
function findFullNames(text: string, paid: number): Candidate[] | undefined {
  let out: Candidate[] | undefined;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const ch = text.charCodeAt(i);
    if (isKatakana(ch)) {
      const a = i;
      while (i < n && isKanaUnit(text.charCodeAt(i))) i++;
      if (isLetter(codeAt(text, a - 1))) continue;
      // `ヤマダ タロウ`: a second run one space after.
      let next = -1;
      const sep = codeAt(text, i);
      if ((sep === 32 || sep === 0x3000) && isKatakana(codeAt(text, i + 1))) {
        next = i + 1;
        while (next < n && isKanaUnit(text.charCodeAt(next))) next++;
      }
      const c = (next > 0 && kanaFullName(text, a, i, next)) || kanaFullName(text, a, i, -1);
      if (c === undefined) continue;
      i = Math.max(i, c.end);
      (out ??= []).push(c);
      if (out.length > paid) break;
      continue;
    }
    if (!isKanji(ch)) {
      i++;
      continue;
    }
    const a = i;
    while (i < n && isKanji(text.charCodeAt(i))) i++;
    // Runs longer than a surname, a given name and an honorific are compounds.
    if (i - a > 7 || isKanji(codeAt(text, a - 1))) continue;
    const c = fullName(text, a, i);
    if (c === undefined) continue;
    (out ??= []).push(c);
    // One past what the budget pays for: the scanner cuts the text there (fail closed).
    if (out.length > paid) break;
  }
  return out;
}

function findName(text: string, hit: Hit): Candidate[] | Candidate | undefined {
  if (hit.keyword === '#text') return findFullNames(text, hit.digits);
  if (hit.keyword.charCodeAt(0) >= 0x80) return findJapanese(text, hit);
  return INTRODUCER_SET.has(hit.keyword) ? findIntroduced(text, hit) : findEnglish(text, hit);
}

/** Name rules. */
export const nameRules: readonly Rule[] = [
  {
    id: 'person_name',
    category: NAME,
    description:
      'A person’s name marked in free text: 山田太郎様, 佐藤さん, Mr. Smith, Dear Taro, my wife Hanako.',
    // With the `.` or space that must follow: `dr` alone hits `address`, `android`, `drop`.
    keywords: [...JP_HONORIFICS, ...EN_KEYWORDS, ...INTRODUCERS],
    nonAscii: true,
    find: findName,
    confidence: 0.7,
    examples: {
      positive: [
        { text: '山田太郎様、ご注文ありがとうございます', match: '山田太郎' },
        { text: '担当: 佐藤さんに確認済み', match: '佐藤' },
        { text: 'お問い合わせ 田中 花子 様', match: '田中 花子' },
        { text: '鈴木一郎氏が登壇', match: '鈴木一郎' },
        { text: 'ジョン・スミス様からのお問い合わせ', match: 'ジョン・スミス' },
        { text: '担当：マリア・ガルシア さん', match: 'マリア・ガルシア' },
        { text: 'お誕生日おめでとう、ゆきちゃん！', match: 'ゆき' },
        { text: 'さとうさんから電話', match: 'さとう' },
        { text: '担当のサトウさん', match: 'サトウ' },
        { text: 'たろうくん、おはよう', match: 'たろう' },
        { text: '返信はたろうくん、おはようまで', match: 'たろう' },
        { text: '担当のさとうさんに連絡', match: 'さとう' },
        { text: '佐藤部長に確認', match: '佐藤' },
        { text: '山田花子先生の授業', match: '山田花子' },
        { text: '田中と申します', match: '田中' },
        { text: '担当の鈴木です', match: '鈴木' },
        { text: 'Thanks, Mr. Smith!', match: 'Smith' },
        { text: 'call Dr. Jane Doe today', match: 'Jane Doe' },
        { text: "Ms O'Brien-Smith replied", match: "O'Brien-Smith" },
        { text: 'Dear Taro, your order shipped', match: 'Taro' },
        { text: 'note: Mrs. Jane Q. Public called', match: 'Jane Q. Public' },
        { text: 'VIP, prefers calls after 6pm, wife Hanako', match: 'Hanako' },
        { text: 'a customer named John Smith called', match: 'John Smith' },
        { text: 'hi, my name is Taro.', match: 'Taro' },
        { text: 'referred by her colleague Maria Garcia', match: 'Maria Garcia' },
        { text: '担当の佐藤花子です', match: '佐藤花子' },
        { text: '紹介者: 山田 太郎（営業）', match: '山田 太郎' },
        { text: '問い合わせ元: 下村 理恵', match: '下村 理恵' },
        { text: '担当の小泉純一です', match: '小泉純一' },
        { text: 'my colleague 長谷川翔太 recommended', match: '長谷川翔太' },
        { text: 'フリガナ: ヤマダ タロウ', match: 'ヤマダ タロウ' },
        { text: '担当 サトウ・ハナコ', match: 'サトウ・ハナコ' },
        { text: 'ｶﾅ スズキイチロウ 様', match: 'スズキイチロウ' },
        { text: 'Signed up as タロウ ヤマダ', match: 'タロウ ヤマダ' },
        { text: '申込者 サトー　ケンタ', match: 'サトー　ケンタ' },
        { text: '振込名義 ﾔﾏﾀﾞ ﾀﾛｳ', match: 'ﾔﾏﾀﾞ ﾀﾛｳ' },
      ],
      negative: [
        'お客様各位',
        'いつもご利用の皆様へ',
        'お疲れ様です',
        'ご苦労様でした',
        '担当者様へのご連絡',
        '営業部長様',
        '根本的な問題を解決',
        '三宅島へ旅行',
        '黒川温泉に行った',
        '松島湾の景色',
        '川原でバーベキュー',
        '会員様限定セール',
        'ユーザー様のデータ',
        '本屋さんで購入',
        'ドライバーさん',
        'ワイヤレス・イヤホンのユーザー様',
        'ア・イさん',
        'お母さんへのプレゼント',
        'みなさん、こんにちは',
        'おばあちゃんの家',
        'あかちゃん用品',
        'おにいちゃん',
        'ユーザーさん',
        'ひらがなさん',
        'Dear Customer, thank you',
        'Dear valued customer',
        'load took 120 ms Total',
        'items Mr',
        'address: 12 Main Dr. Springfield',
        'mr. smith lowercase',
        'AdminMr. Smith',
        'Dr.Smith',
        'Dr. Appointment Booked',
        'Dr. Martens 1460 Boots',
        'Dr Pepper Zero 500ml',
        "Dr. Bronner's Soap",
        'Mr Profile Viewed',
        'Friend Request Sent',
        'invite a friend Today',
        'person Name',
        'reason Code',
        'the file named README.md',
        'season Pass',
        '小林製薬の新商品',
        '山田町役場',
        '営業部長に確認',
        '佐藤です',
        '上田城を見学',
        '高橋大学の入試',
        '鈴木自動車工業株式会社',
        '追加藤田の件',
        '東京都渋谷区',
        'join the MS Teams call',
        "Don't Miss Out",
        '新仕様のご案内',
        'この仕様で問題ありません',
        '顧客氏名を入力',
        '赤ちゃん用品',
        '取引先様各位',
        '林さん',
        'サトウキビ畑',
        'ヤマダ電機で購入',
        'ログイン ボタン',
        'ハヤシライス',
        'マツダ ロードスター',
        'イマイチな結果',
        'アライグマ',
        'ﾛｸﾞｲﾝ ﾎﾞﾀﾝ',
        'スズキ',
        'ケン',
        'オノマトペ',
        'カートに追加 ユウキ',
      ],
    },
  },
];
