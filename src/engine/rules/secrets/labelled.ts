/**
 * A secret given after a credential word that names no provider the rules know: `the linear
 * token: 46d4…`, `ZENDESK_KEY=bq2d…`, `twitch access key: …`, `plaid credentials: …`,
 * `トークン：…`, `APIキー：…`. The generic assignment rules need the exact key (`api_key=`, `secret:`,
 * `access_token=`); people and config files write the service's name in front of a bare `token`
 * or `key`, and a sentence puts words between the label and its value.
 *
 * The finder reads outwards from the credential word, in bounded steps:
 * 1. The word ends its name (`token_count`, `keyboard`, `key_id` are other things) and starts it
 *    or follows a separator, a case change or a credential prefix (`apikey`, `authToken`; not
 *    `monkey`, `turkey`). Something qualifies it: a name in front (`ZENDESK_KEY`, `sentryToken`)
 *    or a word that is not an article or a preposition (`the linear token`; not `the token`,
 *    `"token":`, which in analytics is mostly Mixpanel's public project token).
 * 2. The one or two words before it are not a kind of key that is not a secret (`primary key`,
 *    `cache key`, `idempotency key`, `next page token`, `public key`, `design token`).
 * 3. At most 24 characters of words or spaces (`token for prod`), then an assignment: `:`,
 *    `=`, `:=`, `=>`, `->`, ` is `, ` was `, ` are `, `は`.
 * 4. A value of 12–200 token characters that looks machine-made: letters and digits, entropy ≥
 *    3.3 bits per character, no two words joined by `_` `-` `.` unless a random tail follows
 *    them (`scp-live-osulx48…`), or 20+ letters mixing cases at random; not a URL, host or file name,
 *    timestamp, version, code reference or public key; not a token a provider rule reports;
 *    a bare UUID only after a word that makes it a credential (`api key`, `token`, `secret`).
 */
import {
  isCodeReference,
  isPublicKey,
  isUuid,
  lettersAndDigits,
  looksRandom,
  mixedCaseAlnum,
  randomHex,
} from './helpers.js';
import { isProviderToken } from './providers.js';
import { isAlnum, isLetter, isUpper, shannonEntropy } from '../../text.js';
import type { Candidate, Hit } from '../../types.js';

/** Trigger words (ASCII is folded by the automaton; `トーク` starts トークン; `キー` is key). */
export const LABEL_KEYWORDS = ['token', 'key', 'secret', 'credential', 'トーク', 'キー'] as const;

/** Japanese words before キー / トークン that make it something else than a secret. */
const NOT_SECRET_JA = [
  '主',
  '外部',
  '公開',
  '検索',
  'キャッシュ',
  'ソート',
  '並び替え',
  'ショートカット',
  'ホット',
  '翻訳',
  '一意',
  '複合',
  '冪等',
  'パーティション',
  'マップ',
  '辞書',
  'プライマリ',
  'パブリック',
  'イベント',
  'プロパティ',
  'デザイン',
  'ページ',
  '入力',
  '出力',
  '最大',
  'プッシュ',
  'デバイス',
];

/** Japanese credential words before キー that make even a UUID a secret (`APIキー`, `秘密キー`). */
const STRONG_JA = /(?:api|アクセス|シークレット|秘密|認証|暗号化|ライセンス|サービス|管理)$/i;

/** Characters of a Japanese name before キー / トークン: ASCII letters and digits, kana, kanji. */
function isJaNameChar(c: number): boolean {
  return (
    isLetter(c) ||
    (c >= 48 && c <= 57) ||
    (c >= 0x3041 && c <= 0x30ff) ||
    (c >= 0x4e00 && c <= 0x9fff) ||
    c === 0x30fc
  );
}

/**
 * Credential prefixes: glued to the word with no separator they still make a credential name
 * (`apikey`, `authtoken`), and before a bare `key` they make even a UUID a secret (`api key`).
 */
const CREDENTIAL_PREFIXES = [
  'api',
  'access',
  'auth',
  'secret',
  'client',
  'app',
  'bot',
  'bearer',
  'refresh',
  'session',
  'service',
  'master',
  'signing',
  'account',
  'admin',
  'deploy',
  'webhook',
  'oauth',
  'personal',
  'sdk',
  'server',
  'write',
  'ingest',
  'license',
  'encryption',
] as const;

/** Words before the credential word that make it something else than a secret. */
const NOT_SECRET = new Set([
  // keys of data, not of access
  'primary',
  'foreign',
  'sort',
  'partition',
  'cache',
  'idempotency',
  'dedupe',
  'dedup',
  'deduplication',
  'unique',
  'composite',
  'lookup',
  'hash',
  'map',
  'object',
  'storage',
  'row',
  'search',
  'index',
  'i18n',
  'translation',
  'message',
  'locale',
  'event',
  'property',
  'group',
  'experiment',
  'flag',
  'feature',
  'variant',
  'config',
  'setting',
  'query',
  'route',
  'react',
  'list',
  'item',
  'component',
  'element',
  'field',
  'column',
  'table',
  'json',
  'dict',
  'hot',
  'shortcut',
  'keyboard',
  'music',
  'piano',
  'request',
  'trace',
  'correlation',
  'transaction',
  'order',
  'product',
  'sku',
  'record',
  'entity',
  'tracking',
  'analytics',
  'dimension',
  'metric',
  'attribute',
  'file',
  'bucket',
  'upload',
  'asset',
  // keys that are public by design
  'public',
  'publishable',
  'pub',
  'site',
  'verification',
  'host',
  'ssh',
  'gpg',
  'pgp',
  // tokens that are positions, styles or counts
  'page',
  'pagination',
  'continuation',
  'cursor',
  'sync',
  'next',
  'design',
  'color',
  'theme',
  'style',
  'input',
  'output',
  'prompt',
  'completion',
  'max',
  'total',
  'count',
  'lexer',
  'parser',
  'syntax',
  'invite',
  'invitation',
  'referral',
  'coupon',
  'promo',
  'gift',
  'csrf',
  'xsrf',
  'device',
  'push',
  'registration',
  'fcm',
  'apns',
]);

/** Words before a bare `key` that make even a UUID a secret (`api key`, `private key`). */
const STRONG: ReadonlySet<string> = new Set([...CREDENTIAL_PREFIXES, 'private', 'integration']);

/** Words that qualify nothing (`the token`, `my key`). */
const FILLER_WORDS = new Set([
  'the',
  'a',
  'an',
  'my',
  'our',
  'your',
  'their',
  'his',
  'her',
  'its',
  'this',
  'that',
  'these',
  'those',
  'new',
  'old',
  'same',
  'is',
  'was',
  'and',
  'or',
  'of',
  'for',
  'to',
  'with',
  'in',
  'on',
  'at',
  'by',
  'as',
  'here',
  'what',
  'which',
  'no',
  'any',
  'one',
]);

/** Names the generic assignment rules already read when the operator follows at once. */
const GENERIC_NAMES =
  /(?:api[_-]?key|secret(?:[_-]?key)?|(?:access|auth|refresh)[_-]?token|private[_-]?key)$/i;

const MAX_NAME_BACK = 40;
const MAX_FILLER = 24;
const MAX_VALUE = 200;
const MIN_VALUE = 12;

/** Letters, digits, `_ - .`: the characters of a name (`ZENDESK_KEY`, `sentry.token`). */
function isNameChar(c: number): boolean {
  return isAlnum(c) || c === 95 || c === 45 || c === 46;
}

/** A name character, or `= + / ~` (base64 and URL-safe token alphabets). */
function isValueChar(c: number): boolean {
  return isNameChar(c) || c === 61 || c === 43 || c === 47 || c === 126;
}

/** Lower-case words of a name, split at `_ - .` and spaces and at lower→upper case changes. */
function words(name: string): string[] {
  const out: string[] = [];
  let w = 0;
  for (let i = 0; i <= name.length; i++) {
    const c = i < name.length ? name.charCodeAt(i) : 32;
    const sep = c === 95 || c === 45 || c === 46 || c === 32 || c === 9;
    const camel = !sep && isUpper(c) && i > w && !isUpper(name.charCodeAt(i - 1));
    if (sep || camel) {
      if (i > w) out.push(name.slice(w, i).toLowerCase());
      w = sep ? i + 1 : i;
    }
  }
  return out;
}

/** The value after `i` (quotes and spaces skipped), or undefined. */
function valueAt(text: string, i: number): [number, number] | undefined {
  const n = text.length;
  let j = i;
  while (j < n && j - i < 5 && /[\s'"`=「『“]/.test(text[j]!)) j++;
  const start = j;
  while (j < n && j - start <= MAX_VALUE && isValueChar(text.charCodeAt(j))) j++;
  let end = j;
  if (end - start > MAX_VALUE) return undefined;
  // A sentence's full stop or a list's comma is not part of the value.
  while (end > start && (text[end - 1] === '.' || text[end - 1] === '-')) end--;
  // `key: user@host`, `token: a:b`, `key: getKey(…)`: the run is part of something larger.
  const next = text[j];
  if (
    next === '@' ||
    next === '(' ||
    next === '[' ||
    (next === ':' && /\S/.test(text[j + 1] ?? ' '))
  )
    return undefined;
  return [start, end];
}

/**
 * Letters only, and random: 20 or more, entropy ≥ 3.8, upper and lower case mixed the way random
 * text mixes them (a quarter to three quarters upper case), not the way words are capitalized
 * (`ConfiguredTheStagingToken`, `PRODUCTION`). A random base62 key has no digit about once in 50.
 */
function randomLetters(v: string): boolean {
  if (v.length < 20) return false;
  let upper = 0;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (!isLetter(c)) return false;
    if (isUpper(c)) upper++;
  }
  return upper * 4 >= v.length && upper * 4 <= v.length * 3 && shannonEntropy(v) >= 3.8;
}

/**
 * A random tail after words joined by `_ - .`: the words are the key's own prefix
 * (`scp-live-osulx48svcb0…`, `secret_abkpkgoOP7z9…`), not a name made of words.
 */
function randomTail(v: string): boolean {
  const i = Math.max(v.lastIndexOf('_'), v.lastIndexOf('-'), v.lastIndexOf('.'));
  if (i < 0) return false;
  const tail = v.slice(i + 1);
  return tail.length >= 16 && looksRandom(tail) && (tail.length >= 24 || mixedCaseAlnum(tail));
}

/**
 * 20 or more hex digits with letters, digits and at least 8 distinct digits: a hex key, whose
 * 16-symbol alphabet often stays under the entropy bar that base62 keys pass.
 */
function hexKey(v: string): boolean {
  // randomHex also asks for a letter and a digit.
  return v.length >= 20 && /^[a-f0-9]+$/i.test(v) && randomHex(v);
}

/** A value that is a credential's shape, not a word, id of data, host, file, time or version. */
function secretShaped(value: string, strong: boolean): boolean {
  if (value.length < MIN_VALUE) return false;
  if (randomLetters(value)) return !isProviderToken(value);
  if (value.length < 16 && !mixedCaseAlnum(value)) return false;
  if (!looksRandom(value) && !randomTail(value) && !hexKey(value)) return false;
  if (value.includes('://') || isCodeReference(value) || isPublicKey(value)) return false;
  if (/^\d{4}-\d{2}-\d{2}/.test(value) || /^v?\d{1,4}(?:\.\d{1,6}){2,}/.test(value)) return false;
  // Host and file names: a dot, then a short all-letter ending.
  if (/\.[a-z]{2,6}$/.test(value) && /^[a-z0-9.-]+$/i.test(value)) return false;
  if (isUuid(value) && !strong) return false;
  return !isProviderToken(value);
}

/** The operator after a credential word at `i` (filler allowed), as the index after it. */
function operatorAfter(text: string, i: number): number | undefined {
  const n = text.length;
  const limit = Math.min(n, i + MAX_FILLER + 3);
  let j = i;
  // A closing quote or bracket of a key (`"zendesk_key": …`, `['twitch key'] = …`).
  while (j < n && j - i < 2 && (text[j] === '"' || text[j] === "'" || text[j] === ']')) j++;
  for (; j < limit; j++) {
    const c = text[j]!;
    if (c === ':' || c === '：') return text[j + 1] === '=' || text[j + 1] === ':' ? j + 2 : j + 1;
    if (c === '=' || c === '＝') return text[j + 1] === '>' ? j + 2 : j + 1;
    if (c === '-' && text[j + 1] === '>') return j + 2;
    if (c === 'は') return j + 1;
    if (c === ' ') {
      const verb = /^(?:is|was|are) /i.exec(text.slice(j + 1, j + 5));
      if (verb !== null) return j + 1 + verb[0].length;
    }
    if (!(c === ' ' || c === '\t' || c === '(' || c === ')' || isNameChar(text.charCodeAt(j))))
      return undefined;
  }
  return undefined;
}

/**
 * キー / トークン: the name before it (up to 12 characters of letters, kana and kanji; キー needs
 * one) must not make it a key of data or a public key (`主キー`, `公開キー`, `検索キー`), and the
 * word must end there (`キーボード`, `キーワード`, `トークナイザー` are other things).
 */
function findJapanese(text: string, hit: Hit): Candidate | undefined {
  let end = hit.end;
  if (hit.keyword === 'トーク') {
    if (text[end] !== 'ン') return undefined;
    end++;
  }
  const after = text.charCodeAt(end);
  if (after >= 0x30a1 && after <= 0x30ff) return undefined;
  let from = hit.start;
  while (from > 0 && hit.start - from < 12 && isJaNameChar(text.charCodeAt(from - 1))) from--;
  const name = text.slice(from, hit.start);
  if (hit.keyword === 'キー' && name === '') return undefined;
  for (const w of NOT_SECRET_JA) if (name.endsWith(w)) return undefined;
  const op = operatorAfter(text, end);
  if (op === undefined) return undefined;
  const span = valueAt(text, op);
  if (span === undefined) return undefined;
  const strong = hit.keyword === 'トーク' || STRONG_JA.test(name);
  return secretShaped(text.slice(span[0], span[1]), strong)
    ? { start: span[0], end: span[1] }
    : undefined;
}

/** Finds a secret after a credential word (see the module comment). */
export function findLabelledSecret(text: string, hit: Hit): Candidate | undefined {
  const n = text.length;
  let start = hit.start;
  let end = hit.end;
  if (hit.keyword === 'トーク' || hit.keyword === 'キー') return findJapanese(text, hit);
  // Plural `credentials` / `keys` / `tokens`, then the name must end here.
  if ((text[end] === 's' || text[end] === 'S') && !isNameChar(text.charCodeAt(end + 1))) end++;
  const next = text.charCodeAt(end);
  if (end < n && (isNameChar(next) || next === 36)) {
    // `key_id`, `token_count`, `keyboard`, `token.length`; but a sentence's full stop is fine.
    if (!(next === 46 && !isNameChar(text.charCodeAt(end + 1)))) return undefined;
  }
  // The name the word ends: letters glued in front must be a credential prefix (`apikey`).
  let from = start;
  while (from > 0 && start - from < MAX_NAME_BACK && isNameChar(text.charCodeAt(from - 1))) from--;
  if (from > 0 && (text[from - 1] === '?' || text[from - 1] === '&' || text[from - 1] === '$'))
    return undefined; // a URL parameter (the query rules read those) or a `$variable`
  if (start > from && isLetter(text.charCodeAt(start - 1))) {
    const camel = isUpper(text.charCodeAt(start)) && !isUpper(text.charCodeAt(start - 1));
    if (!camel) {
      let g = start;
      while (g > from && isLetter(text.charCodeAt(g - 1))) g--;
      const glued = text.slice(g, start).toLowerCase();
      let ok = false;
      for (const p of CREDENTIAL_PREFIXES) if (glued.endsWith(p)) ok = true;
      if (!ok) return undefined;
      start = g;
    }
  }
  // Cheap exits first: most hits have no assignment after them, or no value worth a look.
  const op = operatorAfter(text, end);
  if (op === undefined) return undefined;
  const span = valueAt(text, op);
  if (span === undefined) return undefined;
  const [vs, ve] = span;
  const value = text.slice(vs, ve);
  if (value.length < MIN_VALUE || !(lettersAndDigits(value) || randomLetters(value)))
    return undefined;
  const name = text.slice(from, end);
  // `api_key=…`, `secret: …`, `access_token=…` right at the operator: the generic rules report it.
  if (/^["'\]]{0,2}\s{0,3}(?:=>|:=|=|:)/.test(text.slice(end, op)) && GENERIC_NAMES.test(name))
    return undefined;
  let before = words(text.slice(from, start));
  if (before.length === 0) {
    // The name is the word alone: read up to two words before it in the sentence.
    const lead = text.slice(Math.max(0, from - 30), from);
    // Words of two letters or more, not the letter of an escape (`oauth:\\n    key: …`).
    const m =
      /(?<![\\A-Za-z0-9])([A-Za-z][A-Za-z0-9]+)[ \t]+(?:([A-Za-z][A-Za-z0-9]+)[ \t]+)?$/.exec(lead);
    if (m)
      before = [m[1]!, m[2]]
        .filter((w): w is string => w !== undefined)
        .map((w) => w.toLowerCase());
  }
  for (const w of before.slice(-2)) if (NOT_SECRET.has(w)) return undefined;
  // A bare `token` or `key` (`"token": …`, `the key: …`) names nothing: Mixpanel's project token,
  // a push token, a dictionary's key. A name or a word of its own must qualify it.
  if (start === from && !before.some((w) => !FILLER_WORDS.has(w))) return undefined;
  const strong =
    hit.keyword !== 'key' || before.some((w) => STRONG.has(w)) || /[a-z]key$/i.test(name);
  return secretShaped(value, strong) ? { start: vs, end: ve } : undefined;
}
