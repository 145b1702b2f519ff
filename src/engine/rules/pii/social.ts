/**
 * A person's handle on a social network or messenger, named in free text: `twitter @taro_y84`,
 * `IG: @hanako.k`, `LINE: taro_y84`, `my line id is taro`. A handle names its owner as surely as an
 * e-mail address does (the field classifier already removes `twitter` and `instagram` fields).
 * The network's name must stand as a word and be followed by a handle that is marked as one: an
 * `@`, or a label (`id`, `handle`, `username`) before it, or a `:` before a handle that holds a
 * digit, `_` or `.` (`Twitter: connected` is a status, not a handle).
 */
import type { Candidate, Hit, Rule } from '../../types.js';
import { codeAt, isWordChar } from './shared.js';

const NETWORKS = (
  'twitter instagram insta ig line tiktok facebook fb linkedin discord telegram wechat kakao ' +
  'kakaotalk threads bluesky mastodon snapchat skype signal whatsapp'
).split(' ');

const LABEL = /^(?:id|handle|username|user name|account|name)\b(?:\s+is)?/i;
const HANDLE = /^@?[A-Za-z0-9](?:[A-Za-z0-9._-]{0,28}[A-Za-z0-9_])?/;

/**
 * The keywords: each name with the character that must follow it (a space, `:` or `=`), so the
 * names inside words (`config`, `online`, `deadline`) are not even hits.
 */
const KEYWORDS = NETWORKS.flatMap((n) => [`${n} `, `${n}:`, `${n}=`]);

function findHandle(text: string, hit: Hit): Candidate | undefined {
  if (isWordChar(codeAt(text, hit.start - 1))) return undefined;
  // Back to the space, `:` or `=` the keyword ends with.
  let i = hit.end - 1;
  const skip = () => {
    while (
      i < text.length &&
      i - hit.end < 24 &&
      (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 0x3000)
    )
      i++;
  };
  skip();
  const rest = text.slice(i, i + 40);
  const label = LABEL.exec(rest);
  let named = false;
  if (label !== null) {
    named = true;
    i += label[0].length;
    skip();
  }
  let marked = false;
  const c = codeAt(text, i);
  if (c === 58 || c === 0xff1a || c === 61) {
    marked = true;
    i++;
    skip();
  }
  const m = HANDLE.exec(text.slice(i, i + 32));
  if (m === null || isWordChar(codeAt(text, i + m[0].length))) return undefined;
  const handle = m[0];
  const at = handle.charCodeAt(0) === 64;
  if (!/[A-Za-z]/.test(handle)) return undefined;
  if (!(at || named || (marked && /[0-9_.]/.test(handle)))) return undefined;
  return { start: i, end: i + handle.length };
}

/** The rule. */
export const socialRules: readonly Rule[] = [
  {
    id: 'social_handle',
    category: 'user.contact.url',
    description: 'A handle on a social network named in text: twitter @taro_y84, LINE: taro_y84.',
    keywords: KEYWORDS,
    find: findHandle,
    confidence: 0.7,
    examples: {
      positive: [
        { text: 'follow me on twitter @taro_y84', match: '@taro_y84' },
        { text: 'IG: @hanako.k', match: '@hanako.k' },
        { text: 'LINE: taro_y84', match: 'taro_y84' },
        { text: 'my line id is taro', match: 'taro' },
        { text: 'Instagram handle: hanako.kuroda', match: 'hanako.kuroda' },
        { text: 'LINE ID：yuki2001', match: 'yuki2001' },
      ],
      negative: [
        'Twitter: connected',
        'Twitter login failed',
        'online chat',
        'deadline: 2026-12-01',
        'line 42: syntax error',
        'ig: no',
        'share on facebook',
        'big @deal',
        'signal: SIGTERM',
      ],
    },
  },
];
