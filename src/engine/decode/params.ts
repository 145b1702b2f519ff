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
 * text, to the next `&` or `#`. Empty values and values starting with `=` are skipped.
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
    // `dGVzdA==`: base64 padding, not a name and a value.
    if (!named || end === eq + 1 || text.charCodeAt(eq + 1) === 61) continue;
    if (count === MAX_PARAMS * 4) {
      cut = s;
      break;
    }
    if (count + 4 > pairs.length) pairs = grown(pairs, pairs.length * 2);
    pairs[count++] = s;
    pairs[count++] = eq;
    pairs[count++] = eq + 1;
    pairs[count++] = end;
  }
  return { pairs, count, cut };
}

/** `%XX` in a parameter name decoded (`user%5Bemail%5D` → `user[email]`); others as they are. */
export function paramName(text: string, start: number, end: number): string {
  const raw = text.slice(start, end);
  if (!raw.includes('%')) return raw;
  return raw.replace(/%([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}
