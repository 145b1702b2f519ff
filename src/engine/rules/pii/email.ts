/**
 * Email addresses. Anchored on `@` (the NFKC view turns `＠` and `﹫` into `@`), expanded
 * outwards with bounded loops: at most 65 characters left and 254 right of each `@`, and both
 * walks stop at the next `@` (it is not a local or domain character). So the work per `@` is
 * O(64 + 253) whatever surrounds it, and adversarial text like `a@a.a@a.a…` stays linear.
 */
import {
  isApostropheIn,
  isIdnChar,
  isLabelChar,
  isLocalChar,
  isQuotedChar,
  isValidLocalPart,
  isValidMailDomain,
  MAX_DOMAIN,
  MAX_LOCAL,
} from '../../validators/email.js';
import { isAlnum } from '../../text.js';
import { isIdnTld, isKnownTld } from '../../validators/tlds.js';
import type { Candidate, Hit, Rule } from '../../types.js';
import { codeAt, isLetter, isWordChar } from './shared.js';

/** Characters of URL userinfo (`user:pass`), for telling `//user:pass@host` from an email. */
function isUserinfoChar(c: number): boolean {
  return (
    isLocalChar(c) ||
    c === 37 ||
    c === 33 ||
    c === 36 ||
    c === 38 ||
    c === 39 ||
    c === 42 ||
    c === 59 ||
    c === 61 ||
    c === 126
  );
}

/** True when `text[colon]` is the `:` of URL userinfo: `scheme://user:` precedes the local part. */
function isUrlPassword(text: string, colon: number): boolean {
  let i = colon;
  const min = Math.max(0, colon - MAX_LOCAL);
  while (i > min && isUserinfoChar(text.charCodeAt(i - 1))) i--;
  return i >= 2 && text.charCodeAt(i - 1) === 47 && text.charCodeAt(i - 2) === 47;
}

/** Start of a quoted local part (`"john doe"@`) ending before `at`, or -1. */
function quotedStart(text: string, at: number): number {
  const min = Math.max(0, at - MAX_LOCAL);
  for (let i = at - 2; i >= min; i--) {
    const c = text.charCodeAt(i);
    if (c === 34) return i < at - 2 && !isLocalChar(codeAt(text, i - 1)) ? i : -1;
    if (!isQuotedChar(c)) return -1;
  }
  return -1;
}

/** Start of the local part ending before `at`, or -1 when there is none or it is too long. */
function localStart(text: string, at: number): number {
  if (codeAt(text, at - 1) === 34) return quotedStart(text, at);
  let s = at;
  while (s > 0 && at - s <= MAX_LOCAL) {
    const c = text.charCodeAt(s - 1);
    if (!isLocalChar(c) && !isApostropheIn(text, s - 1)) break;
    s--;
  }
  if (at - s > MAX_LOCAL) return -1;
  // `see..bob@x` or `...bob@x`: the address starts after the last dot run.
  for (let i = at - 1; i > s; i--) {
    if (text.charCodeAt(i) === 46 && text.charCodeAt(i - 1) === 46) {
      s = i + 1;
      break;
    }
  }
  while (s < at && text.charCodeAt(s) === 46) s++;
  return s < at ? s : -1;
}

/** Trailing dots of the domain `text(at, e)` excluded. */
function trimDots(text: string, at: number, e: number): number {
  while (e > at + 1 && text.charCodeAt(e - 1) === 46) e--;
  return e;
}

/**
 * End of the domain starting after `at` (trailing dots excluded), or -1. ASCII domains end at the
 * first character that is not a label character or a dot. A domain with Unicode letters (an IDN
 * written as such, `bücher.de`, or Japanese text glued after the address, `bob@example.comです`)
 * ends at the rightmost point where an ASCII TLD stops: the end of the run, or an ASCII letter
 * followed by a non-ASCII character. Reads at most 254 characters.
 */
function domainEnd(text: string, at: number): number {
  const limit = Math.min(text.length, at + 2 + MAX_DOMAIN);
  let e = at + 1;
  let idn = false;
  for (; e < limit; e++) {
    const c = text.charCodeAt(e);
    if (isLabelChar(c) || c === 46) continue;
    if (!isIdnChar(c)) break;
    idn = true;
  }
  const whole = e < limit || e === text.length;
  if (!idn) return whole ? trimDots(text, at, e) : -1;
  for (let k = e; k > at + 2; k--) {
    const atEnd = k === e && whole;
    if (!atEnd && !(isLetter(text.charCodeAt(k - 1)) && text.charCodeAt(k) >= 0x80)) continue;
    const end = atEnd ? trimDots(text, at, k) : k;
    if (hasAlphaTld(text, at, end) || (atEnd && hasIdnTld(text, at, end))) return end;
  }
  return -1;
}

/** `2x`, `3x`: the density suffix of image file names (`icon@2x.png`). */
const IMAGE_DENSITY = /^[0-9]{1,2}x[.]/i;

/**
 * True when the domain `text(at, e)` ends in a dot and a known TLD of 2–24 ASCII letters (the
 * letters are checked in place, the TLD set only then).
 */
function hasAlphaTld(text: string, at: number, e: number): boolean {
  let i = e;
  while (i > at + 1 && e - i <= 24 && isLetter(text.charCodeAt(i - 1))) i--;
  if (e - i < 2 || e - i > 24 || text.charCodeAt(i - 1) !== 46 || i - 1 <= at + 1) return false;
  return isKnownTld(text.slice(i, e));
}

/**
 * True when the domain `text(at, e)` ends in a dot and a known internationalized TLD (`.рф`,
 * `.xn--p1ai`, `.中国`), read back at most 25 characters.
 */
function hasIdnTld(text: string, at: number, e: number): boolean {
  let i = e;
  while (i > at + 1 && e - i <= 24 && text.charCodeAt(i - 1) !== 46) i--;
  return text.charCodeAt(i - 1) === 46 && i - 1 > at + 1 && isIdnTld(text.slice(i, e));
}

function findEmail(text: string, hit: Hit): Candidate | undefined {
  const at = hit.start;
  const s = localStart(text, at);
  if (s < 0) return undefined;
  const e = domainEnd(text, at);
  if (e < 0 || !(hasAlphaTld(text, at, e) || hasIdnTld(text, at, e)) || isWordChar(codeAt(text, e)))
    return undefined;
  if (codeAt(text, s - 1) === 58 && isUrlPassword(text, s - 1)) return undefined;
  const local = text.slice(s, at);
  const domain = text.slice(at + 1, e);
  if (IMAGE_DENSITY.test(domain)) return undefined;
  // `git@github.com:org/repo.git` is an SSH remote, not a mailbox.
  if (local === 'git' && codeAt(text, e) === 58) return undefined;
  if (!isValidLocalPart(local) || !isValidMailDomain(domain)) return undefined;
  return { start: s, end: e };
}

/** `[at]`, `(at)`, `{at}`, `<at>`: how people hide the `@` of an address from harvesters. */
const AT_WORDS = ['[at]', '(at)', '{at}', '<at>'];
/** The same for the dots of the domain: `[dot]`, `(dot)`, `{dot}`, `<dot>`, or a real `.`. */
const DOT = /^\s*(?:\[dot\]|\(dot\)|\{dot\}|<dot>|\.)\s*/i;
const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?/;
const LOCAL_TAIL = /[A-Za-z0-9._%+-]{1,64}$/;

/**
 * An address written with `[at]` for the `@` (`taro [at] example [dot] com`,
 * `taro(at)example.co.jp`): a local part right before (spaces allowed), then domain labels
 * joined by `.` or `[dot]`, the last a known TLD. Bounded: 64 characters back, at most 8 labels.
 */
function findObfuscatedEmail(text: string, hit: Hit): Candidate | undefined {
  let l = hit.start;
  while (l > 0 && hit.start - l < 2 && text.charCodeAt(l - 1) === 32) l--;
  const local = LOCAL_TAIL.exec(text.slice(Math.max(0, l - 64), l));
  if (local === null || !/[A-Za-z0-9]/.test(local[0])) return undefined;
  const start = l - local[0].length;
  if (isWordChar(codeAt(text, start - 1))) return undefined;
  let at = hit.end;
  while (at < text.length && at - hit.end < 2 && text.charCodeAt(at) === 32) at++;
  const rest = text.slice(at, at + 300);
  let i = 0;
  let labels = 0;
  let last = '';
  let end = -1;
  for (; labels < 8; labels++) {
    const m = LABEL.exec(rest.slice(i));
    if (m === null) break;
    i += m[0].length;
    last = m[0];
    if (labels > 0 && isKnownTld(last.toLowerCase())) end = i;
    const d = DOT.exec(rest.slice(i));
    if (d === null) break;
    i += d[0].length;
  }
  if (end < 0 || isWordChar(codeAt(rest, end))) return undefined;
  return { start, end: at + end };
}

/** ` at `, `アットマーク`, `★`, `☆`: the `@` of an address spelled out or swapped for a mark. */
const SPELLED_AT = [' at ', 'アットマーク', '★', '☆'];
/** Characters of one atom of a spelled local part (`john` in `john dot smith at …`). */
function isAtomChar(c: number): boolean {
  return isWordChar(c) || c === 37 || c === 43 || c === 45;
}
function isSpace(c: number): boolean {
  return c === 32 || c === 0x3000;
}
/** True when `text[i..i+3]` is `dot` in any ASCII case. */
function isDotWord(text: string, i: number): boolean {
  return (
    (text.charCodeAt(i) | 32) === 100 &&
    (text.charCodeAt(i + 1) | 32) === 111 &&
    (text.charCodeAt(i + 2) | 32) === 116
  );
}
/**
 * Length of a domain separator at `i` (`.`, ` dot `, ` [dot] `, `ドット`), 0 when there is none;
 * `spelled` is set when it was written out.
 */
const BRACKETED_DOT = /^[ \u3000]{0,2}(?:\[dot\]|\(dot\)|\{dot\}|<dot>|ドット)[ \u3000]{0,2}/i;
function separatorAt(text: string, i: number, out: { spelled: boolean }): number {
  const c = codeAt(text, i);
  if (c === 46) return 1;
  let s = i;
  while (s < text.length && s - i < 2 && isSpace(text.charCodeAt(s))) s++;
  if (s > i && isDotWord(text, s) && isSpace(codeAt(text, s + 3))) {
    let e = s + 4;
    while (e < text.length && e - s < 5 && isSpace(text.charCodeAt(e))) e++;
    out.spelled = true;
    return e - i;
  }
  // `[dot]`, `(dot)`, `{dot}`, `<dot>`, `ドット`: one of five characters after the spaces (read
  // before any slice: most words after ` at ` are followed by a plain space and a word).
  const b = codeAt(text, s);
  if (b !== 91 && b !== 40 && b !== 123 && b !== 60 && b !== 0x30c9) return 0;
  const m = BRACKETED_DOT.exec(text.slice(i, i + 12));
  if (m === null) return 0;
  out.spelled = true;
  return m[0].length;
}
/** Top-level domains accepted after a spelled ` dot `: not words of an English sentence. */
const SPELLED_TLDS = new Set(
  (
    'com net org edu gov mil info biz io ai dev app jp uk de fr ca au nz cn kr tw hk sg ru br es ' +
    'nl se ch pl cz dk fi ie pt za mx ar cl vn th ph my id tr ua co'
  ).split(' '),
);
/** Mailbox providers: `john at gmail.com` is an address even without a spelled dot. */
const MAIL_PROVIDERS = new Set(
  (
    'gmail.com googlemail.com yahoo.com yahoo.co.jp ymail.com outlook.com outlook.jp ' +
    'hotmail.com hotmail.co.jp live.com live.jp msn.com icloud.com me.com mac.com aol.com ' +
    'proton.me protonmail.com pm.me gmx.de gmx.net gmx.com web.de mail.ru yandex.ru qq.com ' +
    '163.com naver.com docomo.ne.jp ezweb.ne.jp au.com softbank.ne.jp i.softbank.jp ' +
    'nifty.com ybb.ne.jp ocn.ne.jp'
  ).split(' '),
);
/** Words that come before ` at ` in sentences about places and sites, not in addresses. */
const NOT_MAILBOXES = new Set(
  (
    'a an the i we you he she they it us me up in on out now here there home work look looked ' +
    'see seen find found visit visiting available apply buy shop order download read more ' +
    'info details live log login sign signup signin register online site web page app store ' +
    'arrive arrived arriving meet meeting stay stayed staying based located hosted open ' +
    'opened starting start ends end off is was are be been go went get got'
  ).split(' '),
);

/**
 * An address with its `@` spelled ` at ` or swapped for `アットマーク`, `★` or `☆`, the way people
 * hide it from harvesters in messages and support forms: `john dot smith at gmail dot com`,
 * `taro★example.co.jp`, `hanako アットマーク example ドット jp`. The local part may be spelled
 * too (`john dot smith`). Bounded: five local atoms of 64 characters back, eight domain labels
 * forward. With a plain ` at `, an English sentence must not pass for an address (`sign up at
 * app dot example dot com`, `available at example.com`): the word before ` at ` is not one of
 * a sentence's (`up`, `available`, `here` …), the last label after a spelled dot is a real TLD
 * that is not an English word, and a domain written with real dots only counts when it is a
 * mailbox provider or the local part looks like one (`john.smith`, `taro_99`).
 */
function findSpelledEmail(text: string, hit: Hit): Candidate | undefined {
  const word = hit.keyword === ' at ';
  // The domain: labels joined by separators, the last a known TLD.
  let i = hit.end;
  while (!word && i < text.length && i - hit.end < 2 && isSpace(text.charCodeAt(i))) i++;
  const domainStart = i;
  let end = -1;
  let endSpelled = false;
  let prevSpelled = false;
  let anySpelled = false;
  const sep = { spelled: false };
  for (let labels = 0; labels < 8; labels++) {
    const from = i;
    if (!isAlnum(codeAt(text, i))) break;
    while (i < text.length && i - from < 63 && isLabelChar(text.charCodeAt(i))) i++;
    if (text.charCodeAt(i - 1) === 45) break;
    if (labels > 0) {
      const tld = text.slice(from, i).toLowerCase();
      if (isKnownTld(tld) && (!prevSpelled || SPELLED_TLDS.has(tld))) {
        end = i;
        endSpelled = anySpelled;
      }
    }
    sep.spelled = false;
    const n = separatorAt(text, i, sep);
    if (n === 0) break;
    prevSpelled = sep.spelled;
    anySpelled ||= sep.spelled;
    i += n;
  }
  if (end < 0 || isWordChar(codeAt(text, end))) return undefined;
  // The local part: atoms joined by `.` or ` dot `, ending right before the mark.
  let localEnd = hit.start;
  while (
    !word &&
    localEnd > 0 &&
    hit.start - localEnd < 2 &&
    isSpace(text.charCodeAt(localEnd - 1))
  )
    localEnd--;
  let start = localEnd;
  let j = localEnd;
  let atoms = 0;
  let spelledLocal = false;
  for (; atoms < 5; atoms++) {
    let k = j;
    while (k > 0 && j - k < 64 && isAtomChar(text.charCodeAt(k - 1))) k--;
    if (k === j) break;
    start = k;
    if (codeAt(text, k - 1) === 46 && isAtomChar(codeAt(text, k - 2))) {
      j = k - 1;
      continue;
    }
    if (
      k >= 6 &&
      isSpace(text.charCodeAt(k - 1)) &&
      isDotWord(text, k - 4) &&
      isSpace(text.charCodeAt(k - 5)) &&
      isAtomChar(text.charCodeAt(k - 6))
    ) {
      spelledLocal = true;
      j = k - 5;
      continue;
    }
    break;
  }
  if (start === localEnd || isWordChar(codeAt(text, start - 1)) || codeAt(text, start - 1) === 64)
    return undefined;
  if (word) {
    const local = text.slice(start, localEnd);
    const domain = text.slice(domainStart, end);
    if (NOT_MAILBOXES.has(local.toLowerCase())) return undefined;
    if (/^www[.\s]/i.test(domain)) return undefined;
    if (
      !endSpelled &&
      !spelledLocal &&
      !MAIL_PROVIDERS.has(domain.toLowerCase()) &&
      !/[._+0-9]/.test(local)
    )
      return undefined;
  }
  return { start, end };
}

/** Email address rules. */
export const emailRules: readonly Rule[] = [
  {
    id: 'email',
    category: 'user.contact.email',
    description:
      'Email address: local part ≤ 64 chars, domain ≤ 253 chars with a real TLD (ASCII or internationalized: .рф, .中国).',
    keywords: ['@'],
    find: findEmail,
    confidence: 0.95,
    examples: {
      positive: [
        {
          text: 'Contact bob.smith+news@example.co.jp for details',
          match: 'bob.smith+news@example.co.jp',
        },
        {
          text: '連絡先：ｂｏｂ＠ｅｘａｍｐｌｅ．ｃｏｍ まで',
          match: 'ｂｏｂ＠ｅｘａｍｐｌｅ．ｃｏｍ',
        },
        { text: '{"note":"mail me at alice_w@startup.io."}', match: 'alice_w@startup.io' },
        {
          text: 'https://app.example.com/invite?email=jane.doe@mail.example.org&ref=1',
          match: 'jane.doe@mail.example.org',
        },
        { text: 'お問い合わせはtaro.yamada@example.jpまで', match: 'taro.yamada@example.jp' },
        { text: 'mailto:dev-team@company.dev', match: 'dev-team@company.dev' },
        { text: 'пишите на иван.петров@пример.рф сегодня', match: 'иван.петров@пример.рф' },
        { text: 'ivan@xn--e1afmkfd.xn--p1ai', match: 'ivan@xn--e1afmkfd.xn--p1ai' },
        { text: 'sales: info@例え.中国', match: 'info@例え.中国' },
      ],
      negative: [
        'icon@2x.png',
        'ssh user@localhost',
        'npm i @types/node lodash@4.17.21 @scope/pkg@1.2.3',
        '@media (max-width: 600px) { .a { color: red } }',
        '@Component({ selector: "app-root" })',
        'git clone git@github.com:veil/veil.git',
        'postgres://admin:s3cret@db.internal.example.com/app',
        'see...@example.com and name@example.unknowntld',
        'name@пример.неттакого and name@example.xn--zzzz',
      ],
    },
  },
  {
    id: 'email_obfuscated',
    category: 'user.contact.email',
    description: 'Email address written with [at] and [dot]: taro [at] example [dot] com.',
    keywords: AT_WORDS,
    find: findObfuscatedEmail,
    confidence: 0.85,
    examples: {
      positive: [
        { text: 'contact taro [at] example [dot] com', match: 'taro [at] example [dot] com' },
        { text: 'mail: taro.y(at)example.co.jp please', match: 'taro.y(at)example.co.jp' },
        { text: 'HANAKO{at}MAIL{dot}EXAMPLE{dot}JP', match: 'HANAKO{at}MAIL{dot}EXAMPLE{dot}JP' },
      ],
      negative: ['meet (at) noon', 'x [at] y', 'price [at] cost [dot] unknowntld', 'arr[at] index'],
    },
  },
  {
    id: 'email_spelled',
    category: 'user.contact.email',
    description:
      'Email address with its @ spelled out or swapped for a mark: john dot smith at gmail dot com, taro★example.co.jp.',
    keywords: SPELLED_AT,
    find: findSpelledEmail,
    confidence: 0.75,
    examples: {
      positive: [
        {
          text: 'reach me: john dot smith at gmail dot com',
          match: 'john dot smith at gmail dot com',
        },
        { text: 'mail taro_99 at example.co.jp thanks', match: 'taro_99 at example.co.jp' },
        { text: 'Contact: Hanako AT Outlook DOT jp.', match: 'Hanako AT Outlook DOT jp' },
        { text: 'kerry at yahoo.co.jp', match: 'kerry at yahoo.co.jp' },
        { text: '連絡先 info★example.co.jp（★を@に）', match: 'info★example.co.jp' },
        {
          text: 'hanako アットマーク example ドット jp まで',
          match: 'hanako アットマーク example ドット jp',
        },
      ],
      negative: [
        'sign up at app dot example dot com',
        'available at example.com today',
        'meet at noon. see you at 5 dot com',
        'look at the polka dot is fun',
        'we met at acme.com headquarters',
        'visit us at www dot example dot com',
        '★★★☆☆ 4.0 rating',
        'rated at example dot company',
      ],
    },
  },
];
