/**
 * Japanese full names written in katakana, the way forms ask for a name's reading (フリガナ) and
 * the way names reach free text from them: `ヤマダ タロウ`, `サトウ・ハナコ`, `スズキイチロウ`,
 * given name first too (`タロウ ヤマダ`). Katakana is mostly loanwords (`ログイン ボタン`,
 * `カート`), so both parts must be on the lists below: the readings of the common surnames of
 * the kanji rule (`SURNAMES` in name.ts) and of common given names. Long vowels are read either
 * way (`サトウ` / `サトー`, `タロウ` / `タロー`, `オオタ` / `オータ`).
 *
 * Hiragana is left out: `さとう` is sugar, and hiragana words are everyday prose.
 */
import type { Candidate } from '../../types.js';

const SURNAME_READINGS =
  'サトウ スズキ タカハシ タナカ イトウ ワタナベ ヤマモト ナカムラ コバヤシ カトウ ヨシダ ヤマダ ' +
  'ササキ ヤマグチ イノウエ キムラ サイトウ シミズ ヤマザキ イケダ ハシモト アベ イシカワ ヤマシタ ' +
  'ナカジマ イシイ オガワ マエダ オカダ ハセガワ フジタ ゴトウ コンドウ ムラカミ エンドウ アオキ ' +
  'サカモト フクダ オオタ ニシムラ フジイ カネコ オカモト フジワラ ミウラ ハラダ ナカガワ マツダ ' +
  'タケウチ オノ タムラ ナカヤマ ワダ イシダ モリタ ウエダ ウチダ シバタ サカイ ヨコヤマ タカギ ' +
  'アンドウ ミヤモト オオノ コジマ タニグチ イマイ クドウ タカダ マスダ マルヤマ スギヤマ ムラタ ' +
  'オオツカ アライ コヤマ ヒラノ フジモト コウノ カワノ ノグチ タケダ マツイ イワサキ スガワラ ' +
  'キノシタ クボ サノ ノムラ マツオ イチカワ キクチ スギモト フルカワ オオニシ シマダ ミズノ ' +
  'サクライ タカノ ワタベ ヨシカワ ヤマウチ ニシダ イイダ ニシカワ コマツ キタムラ ヤスダ イガラシ ' +
  'カワグチ ヒラタ ナカタ クボタ ハットリ イワタ ツチヤ ホンダ ヒグチ アキヤマ タグチ ナガイ ' +
  'ヤマナカ ナカニシ ヨシムラ カワカミ イシハラ オオハシ マツオカ ババ ハマダ モリモト ホシノ ヤノ ' +
  'アサノ オオクボ マツシタ ヨシオカ コイケ アラキ オオタニ ナイトウ マツウラ クマガイ クロダ ' +
  'オザキ ナガタ カワムラ モチヅキ タナベ マツムラ オオシマ ヒライ ハヤカワ カンノ スガノ クリハラ ' +
  'ニシヤマ ヒロセ ヨコタ イシバシ ハギワラ イワモト カタヤマ セキグチ ミヤタ オオイシ ホンマ ' +
  'スドウ オカザキ オダ カマタ ウエハラ シノハラ コニシ マツバラ ナリタ キタガワ ホソカワ ハヤシ ' +
  'マツモト チバ ミヤザキ フクシマ カワサキ ナカノ ウエノ';

const GIVEN_READINGS =
  // Men's names
  'タロウ ジロウ イチロウ サブロウ ケンタ ショウタ ソウタ ユウト ハルト ユウキ ダイキ ダイスケ ' +
  'ケンジ ヒロシ タカシ マコト ツヨシ ヒデキ ナオキ カズヤ タクヤ テツヤ シンジ コウジ ユウジ ' +
  'リョウ リョウタ ショウ ショウヘイ コウヘイ シュンスケ ケイスケ ユウスケ ダイチ リク ハルキ ' +
  'ソウマ ユウマ カイト ハヤト レン ミナト アオト ユウタ ケンイチ ケイタ マサト マサキ マサシ ' +
  'ヒロキ ヒロト トモヤ タケシ サトシ アキラ オサム ススム イサム ミノル ノボル シゲル ヒトシ ' +
  'マモル ヨシオ カズオ アツシ コウタ ジュン ケン ヤスシ タツヤ ナオト リュウセイ ユウセイ ' +
  'コウキ ダイゴ ヨシキ カズキ ヒデアキ マサヒロ タカヒロ ノブユキ トシユキ ヒロユキ ' +
  // Women's names
  'ハナコ ユイ アオイ サクラ ヒナ ユナ メイ ミユ ユウカ ミサキ アヤカ ナナミ マイ ユミ ユミコ ' +
  'ケイコ ヨウコ ヒロコ マユミ アケミ エミ エミコ ミホ サオリ ナオミ トモミ ヨシコ カズコ サチコ ' +
  'ノリコ マリコ アキコ ナツキ ミズキ ハルカ アスカ リナ リコ モモカ ホノカ アカリ ヒナタ ユズキ ' +
  'ツムギ リン カエデ ミオ ヒマリ ミク マナ マナミ チヒロ アヤ アヤノ ナツミ ユキ ユキコ ミドリ ' +
  'シオリ カオリ カオル ユカ ユカリ マキ マミ マサコ トモコ ジュンコ キョウコ エリ エリカ ' +
  'ミキ ミナ ミナミ サヤカ アユミ ナオコ ヒトミ メグミ レイコ リエ';

/** Katakana with the vowel o or u, after which `ウ` may be written `ー` (`サトウ` → `サトー`). */
const LONG_BEFORE = new Set(
  Array.from('オコソトノホモヨロゴゾドボポョウクスツヌフムユルグズヅブプュ', (ch) =>
    ch.charCodeAt(0),
  ),
);
const U = 'ウ'.charCodeAt(0);

/** A reading with its long vowels written as `ー` (`サトウ` → `サトー`, `オオタ` → `オータ`). */
function withBars(reading: string): string {
  let out = '';
  for (let i = 0; i < reading.length; i++) {
    const c = reading.charCodeAt(i);
    const prev = out.charCodeAt(out.length - 1);
    const long = (c === U && LONG_BEFORE.has(prev)) || (reading.startsWith('オオ', i - 1) && i > 0);
    out += long ? 'ー' : reading[i];
  }
  return out;
}

function readings(list: string): Set<string> {
  const out = new Set<string>();
  for (const r of list.split(' ')) {
    out.add(r);
    out.add(withBars(r));
  }
  return out;
}

const SURNAMES = readings(SURNAME_READINGS);
const GIVEN = readings(GIVEN_READINGS);
/** Longest reading on either list, in characters. */
const MAX_PART = Math.max(...[...SURNAMES, ...GIVEN].map((r) => r.length));
const NAKAGURO = '・';

/**
 * `s` with combining sound marks joined to their kana (`タ` + U+3099 → `ダ`): the NFKC view of
 * half-width katakana (`ﾀﾞ`) is made a unit at a time, so its voiced kana come apart.
 */
function composed(s: string): string {
  return s.includes('\u3099') || s.includes('\u309a') ? s.normalize('NFC') : s;
}

/** Katakana, or a combining sound mark after one (see `composed`). */
export function isKanaUnit(c: number): boolean {
  return (c >= 0x30a1 && c <= 0x30ff) || c === 0x3099 || c === 0x309a;
}

/** True when `a` and `b` are a surname and a given name, in either order. */
function pair(a: string, b: string): boolean {
  return (SURNAMES.has(a) && GIVEN.has(b)) || (GIVEN.has(a) && SURNAMES.has(b));
}

/**
 * The katakana full name in the katakana run `[a, b)` of `text` (`ヤマダタロウ`, `ヤマダ・タロウ`),
 * or with the run after one space (`ヤマダ タロウ`: `next` is that run's end, -1 when none). A
 * run that is one list entry joined to another without a separator is read surname first only.
 */
export function kanaFullName(
  text: string,
  a: number,
  b: number,
  next: number,
): Candidate | undefined {
  const run = composed(text.slice(a, b));
  if (next > b + 1) {
    if (run.length <= MAX_PART && pair(run, composed(text.slice(b + 1, next))))
      return { start: a, end: next, confidence: 0.6 };
    return undefined;
  }
  const dot = run.indexOf(NAKAGURO);
  if (dot > 0) {
    if (run.indexOf(NAKAGURO, dot + 1) < 0 && pair(run.slice(0, dot), run.slice(dot + 1)))
      return { start: a, end: b, confidence: 0.6 };
    return undefined;
  }
  if (run.length > 2 * MAX_PART) return undefined;
  for (let k = 2; k <= run.length - 2 && k <= MAX_PART; k++)
    if (SURNAMES.has(run.slice(0, k)) && GIVEN.has(run.slice(k)))
      return { start: a, end: b, confidence: 0.55 };
  return undefined;
}

/** Hiragana (ぁ–ゖ): shifted by 0x60 it is the katakana of the same sound. */
export function isHiragana(c: number): boolean {
  return c >= 0x3041 && c <= 0x3096;
}

/** Hiragana words before an honorific that are no name although a reading is (`皆さん`). */
const NOT_KANA_NAMES = new Set(['ミナ']);

/** Longest kana name read before an honorific. */
const MAX_KANA_NAME = 8;

/**
 * One listed reading, in katakana or hiragana, right before an honorific ending at `end`:
 * `サトウさん`, `ゆきちゃん`, `たろうくん`. Kana alone before an honorific is mostly a role or a
 * relative (`ユーザー様`, `おばあちゃん`, `あかちゃん`), so only a surname or given name on the
 * lists is one, and not `みなさん` (everyone).
 */
export function kanaNameBefore(text: string, end: number): Candidate | undefined {
  const hira = isHiragana(text.charCodeAt(end - 1));
  let s = end;
  while (s > 0 && end - s < MAX_KANA_NAME) {
    const c = text.charCodeAt(s - 1);
    if (hira ? isHiragana(c) || c === 0x30fc : isKanaUnit(c) && c !== 0x30fb) s--;
    else break;
  }
  const before = s > 0 ? text.charCodeAt(s - 1) : -1;
  // Part of a longer word: the same script, kanji or a letter right before (a particle before a
  // katakana name is not: `担当のサトウさん`).
  const glued =
    (hira && isHiragana(before)) ||
    isKanaUnit(before) ||
    (before >= 0x4e00 && before <= 0x9fff) ||
    (before >= 65 && before <= 90) ||
    (before >= 97 && before <= 122);
  if (!glued && isListedKana(text.slice(s, end), hira)) return { start: s, end, confidence: 0.6 };
  // A hiragana name after a particle written with it (`返信はたろうくん`, `担当のさとうさん`): the
  // run without one or two leading particles.
  if (!hira) return undefined;
  for (let k = 1; k <= 2 && s + k < end - 1; k++) {
    if (!PARTICLES.has(text.charCodeAt(s + k - 1))) break;
    if (isListedKana(text.slice(s + k, end), true)) return { start: s + k, end, confidence: 0.55 };
  }
  return undefined;
}

/** Particles that precede a name in a sentence: は が の を に と も へ で や. */
const PARTICLES = new Set(Array.from('はがのをにともへでや', (ch) => ch.charCodeAt(0)));

/** True when `kana` (katakana, or hiragana when `hira`) is one listed reading, not `みな`. */
function isListedKana(kana: string, hira: boolean): boolean {
  let run = composed(kana);
  if (hira)
    run = Array.from(run, (ch) => {
      const c = ch.charCodeAt(0);
      return isHiragana(c) ? String.fromCharCode(c + 0x60) : ch;
    }).join('');
  return !NOT_KANA_NAMES.has(run) && (SURNAMES.has(run) || GIVEN.has(run));
}
