/**
 * `name=value` pairs in text: URL query strings and fragments (`?email=…&plan=…`, `#uid=…`),
 * form bodies (`first_name=Taro&last_name=Yamada`) and `key=value` labels in log lines and prose
 * (`user first_name=Taro`). The detector classifies each name as it does a JSON key, so a value
 * no rule recognises by its content (a name, a city, a user id) is still found by its name.
 */
import { grown } from '../text.js';

/** Longest parameter name read (longer ones are not names a classifier knows). */
export const MAX_PARAM_NAME = 64;
/**
 * Pairs read per text at most: the rules still scan the rest, but its names are not read, so the
 * caller reports the rest unscanned (fail closed, as the rules' work budget does).
 */
export const MAX_PARAMS = 1024;
/**
 * Longest quoted value read (`name="Taro Yamada"`, logfmt and HTML attributes); a quote that
 * does not close within it, or only on a later line, leaves the pair unread as before.
 */
export const MAX_QUOTED_VALUE = 512;

/** A lookup table over ASCII: 1 for each character of `chars`. */
function asciiSet(chars: string): Uint8Array {
  const t = new Uint8Array(128);
  for (const ch of chars) t[ch.charCodeAt(0)] = 1;
  return t;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** Characters of a parameter name: letters, digits, `_ - . [ ] $ %` (`user%5Bemail%5D`). */
const NAME = asciiSet(ALNUM + '_-.[]$%');
/**
 * Characters a name may follow: the start of a query (`?`), a fragment (`#`), a pair before
 * (`&`, `;`), white space, a quote, a comma or an opening bracket in prose and log lines.
 */
const BEFORE_NAME = asciiSet('?#&; \t\r\n"\',({[|');
/** Characters that end a value: the next pair, a fragment, white space, a quote, markup. */
const END_VALUE = asciiSet('&# \t\r\n"\'<>');
/** In percent-decoded text a space was `+` or `%20` inside a value: only `&` and `#` end one. */
const END_DECODED_VALUE = asciiSet('&#');

let pairs: Int32Array<ArrayBuffer> = new Int32Array(64);

/**
 * The pairs of `text`, as flat (name start, name end, value start, value end) in a shared buffer
 * valid until the next call, and their count times four; `cut` is where a pair past
 * `MAX_PARAMS` starts (-1 when there is none). A name is 1–`MAX_PARAM_NAME` name
 * characters right after the start of the text or a `BEFORE_NAME` character; its value runs to
 * the next `END_VALUE` character (it may hold `=`: `sig=abc==`); in `decoded` (percent-decoded)
 * text, to the next `&` or `#`. Empty values and values starting with `=` are skipped. A value
 * that starts with a quote (`name="Taro Yamada"`, `user='a b'`) is what lies between it and the
 * next same quote on the same line, at most `MAX_QUOTED_VALUE` characters (not in `decoded`
 * text, where quotes are part of the value).
 * A pair may sit inside another's value (a query string in a `return=` parameter); it ends
 * where that value ends. Linear: each character is read at most three times: once finding where a
 * value ends, and looking back from an `=` for a name (which stops at the `=` before) and at
 * the character before it.
 */
export function paramPairs(
  text: string,
  decoded = false,
): { readonly pairs: Int32Array; readonly count: number; readonly cut: number } {
  const ends = decoded ? END_DECODED_VALUE : END_VALUE;
  let count = 0;
  const n = text.length;
  let from = 0;
  let cut = -1;
  // End of the value the last `=` started: an `=` before it is inside that value, and a pair
  // there (`?return=/cart?first_name=Taro`: a query inside a value) ends where that value ends.
  let end = -1;
  // The next `"`, `'` and line feed at or after where they were last looked for (n: none): each
  // is searched for from a later place every time, so the searches read the text once in all.
  let dq = -1;
  let sq = -1;
  let nl = -1;
  const next = (ch: string, at: number, from: number): number => {
    if (at >= from) return at;
    const i = text.indexOf(ch, from);
    return i < 0 ? n : i;
  };
  for (;;) {
    const eq = text.indexOf('=', from);
    if (eq < 0) break;
    from = eq + 1;
    // The look-back stops at the `=` before at the latest (`=` is no name character).
    let s = eq;
    while (s > 0 && eq - s <= MAX_PARAM_NAME) {
      const c = text.charCodeAt(s - 1);
      if (c >= 128 || NAME[c] === 0) break;
      s--;
    }
    if (eq >= end) {
      end = eq + 1;
      while (end < n) {
        const v = text.charCodeAt(end);
        if (v < 128 && ends[v] === 1) break;
        end++;
      }
    }
    const c = s === 0 ? -1 : text.charCodeAt(s - 1);
    const named =
      s < eq && eq - s <= MAX_PARAM_NAME && (c === -1 || (c < 128 && BEFORE_NAME[c] === 1));
    if (!named) continue;
    let valueStart = eq + 1;
    let valueEnd = end;
    const q = text.charCodeAt(eq + 1);
    if (!decoded && (q === 34 || q === 39) && valueEnd === eq + 1) {
      // A quoted value: up to the closing quote, on the same line.
      const open = eq + 2;
      let close: number;
      if (q === 34) close = dq = next('"', dq, open);
      else close = sq = next("'", sq, open);
      nl = next('\n', nl, open);
      if (close >= n || close === open || close - open > MAX_QUOTED_VALUE || nl < close) continue;
      valueStart = open;
      valueEnd = close;
    }
    // `dGVzdA==`: base64 padding, not a name and a value.
    if (valueEnd === valueStart || q === 61) continue;
    if (count === MAX_PARAMS * 4) {
      cut = s;
      break;
    }
    if (count + 4 > pairs.length) pairs = grown(pairs, pairs.length * 2);
    pairs[count++] = s;
    pairs[count++] = eq;
    pairs[count++] = valueStart;
    pairs[count++] = valueEnd;
  }
  return { pairs, count, cut };
}

/** `%XX` in a parameter name decoded (`user%5Bemail%5D` → `user[email]`); others as they are. */
export function paramName(text: string, start: number, end: number): string {
  const raw = text.slice(start, end);
  if (!raw.includes('%')) return raw;
  return raw.replace(/%([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** Words read past a value's end by `wordsAfter`, and the longest word. */
const MAX_WORD = 40;
/** A word that may continue a name or an address: its first character, then the rest. */
const NAME_START = /^[A-Z\p{Lu}\p{Lo}]/u;
const ADDRESS_START = /^[A-Z0-9\p{Lu}\p{Lo}]/u;
const WORD_REST = /^[\p{L}\p{M}\p{N}'’.-]*/u;

/**
 * Where an unquoted value that a space ended really ends when it is a person's name or an
 * address written out in free text (`name=Taro Yamada email=…`, `city=San Francisco`): the
 * following words, one space apart, while each starts like a name part (an upper-case or
 * non-Latin letter; for `address`, a digit too) and is not the next pair's name (`Yamada=`),
 * at most `maxWords` words of at most `MAX_WORD` characters, a trailing comma kept inside an
 * address; an apostrophe right after the value continues its word (`O'Brien`). `end` when no
 * word follows. Reads at most `maxWords × (MAX_WORD + 2)` characters.
 */
export function wordsAfter(text: string, end: number, maxWords: number, address: boolean): number {
  const start = address ? ADDRESS_START : NAME_START;
  const last = text.charCodeAt(end - 1);
  // `name=Taro, Yamada-san …`: a comma or semicolon ended the name.
  if (!address && (last === 44 || last === 59)) return end;
  let at = end;
  // `O'Brien`: an apostrophe (which ends an unquoted value) inside the word.
  if (text.charCodeAt(at) === 39) {
    const len = WORD_REST.exec(text.slice(at, at + MAX_WORD + 1))![0].length;
    if (len < 2 || len > MAX_WORD || text.charCodeAt(at + len) === 61) return end;
    at += len;
  }
  for (let w = 0; w < maxWords; w++) {
    let from = at;
    if (address && text.charCodeAt(from) === 44 /* , */) from++;
    if (text.charCodeAt(from) !== 32) break;
    const word = text.slice(from + 1, from + 1 + MAX_WORD + 1);
    if (!start.test(word)) break;
    const len = WORD_REST.exec(word)![0].length;
    if (len === 0 || len > MAX_WORD) break;
    // `Yamada=…`: the next pair's name.
    if (text.charCodeAt(from + 1 + len) === 61) break;
    at = from + 1 + len;
  }
  return at;
}
