/**
 * Small pure helpers shared by the secret rules: value validators and two custom finders.
 * Every function is linear in its input and looks at a bounded slice of text.
 */
import { isPlaceholder, shannonEntropy } from '../../text.js';
import type { Candidate, Hit } from '../../types.js';

/**
 * Boundary-delimited value regex for a window rule: `-` and `_` count as part of the value, and a
 * value is not a dot-separated segment of a longer token (JWT, bot token, host name).
 */
export function windowValue(body: string): RegExp {
  return new RegExp(`(?<![A-Za-z0-9_.-])(?:${body})(?![A-Za-z0-9_-]|\\.[A-Za-z0-9])`, 'g');
}

/** True when `s` holds an ASCII digit. */
export function hasDigit(s: string): boolean {
  return /[0-9]/.test(s);
}

/** True when `s` holds at least one ASCII letter and one ASCII digit. */
export function lettersAndDigits(s: string): boolean {
  return /[0-9]/.test(s) && /[A-Za-z]/.test(s);
}

/**
 * True when `s` holds an upper-case letter, a lower-case letter and a digit: random base62 keys
 * of 20+ characters nearly always do, identifiers and words rarely do.
 */
export function mixedCaseAlnum(s: string): boolean {
  return /[0-9]/.test(s) && /[A-Z]/.test(s) && /[a-z]/.test(s);
}

/**
 * A hex key that looks random: letters and digits, and at least 8 distinct hex digits (a random
 * 32-hex key has about 14; `0000…`, `abab…` and `deadbeef…` repeated have fewer). One pass over
 * the characters, for rules that may meet thousands of candidates in one value.
 */
export function randomHex(s: string, from = 0): boolean {
  let seen = 0;
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i) | 32;
    seen |= 1 << (c <= 57 ? c - 48 : c - 87);
  }
  let distinct = 0;
  for (let b = seen; b !== 0; b &= b - 1) distinct++;
  return distinct >= 8 && (seen & 0x3ff) !== 0 && (seen & 0xfc00) !== 0;
}

/** True for the 8-4-4-4-12 hex shape of a UUID. */
export function isUuid(s: string): boolean {
  return /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(s);
}

/**
 * A context-keyed value (a `key=`, `auth=`, `code=` parameter) that looks machine-generated:
 * letters and digits, no two lower-case words joined by `_`, `-` or `.`, entropy ≥ 3.3 bits/char.
 */
export function looksRandom(s: string): boolean {
  return lettersAndDigits(s) && !/[a-z]{4}[_.-][a-z]{4}/.test(s) && shannonEntropy(s) >= 3.3;
}

function decodeJsonSegment(segment: string): Record<string, unknown> | undefined {
  const text = Buffer.from(segment, 'base64url').toString('utf8');
  if (!text.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * JWT check: three base64url segments whose header decodes to a JSON object with a string
 * `alg`. Tokens whose payload says `"role": "anon"` (Supabase anon keys, public by design) are
 * not credentials and are rejected.
 */
export function isJwt(s: string): boolean {
  const parts = s.split('.');
  if (parts.length !== 3) return false;
  const header = decodeJsonSegment(parts[0]!);
  if (header === undefined || typeof header['alg'] !== 'string') return false;
  const payload = decodeJsonSegment(parts[1]!);
  return payload?.['role'] !== 'anon';
}

const PLACEHOLDER_PASSWORDS = new Set([
  'password',
  'passwd',
  'pass',
  'pwd',
  'secret',
  'changeme',
  'change_me',
  'mypassword',
  'yourpassword',
  'your_password',
  'null',
  'none',
  'undefined',
  'empty',
  'redacted',
  'hidden',
  'masked',
]);

/**
 * True for passwords that are documentation or templating, not a credential: the literal words
 * `password`, `pass`, `secret`, `changeme`…, masks (`***`, `xxx`, `•••`), `$VAR` / `%VAR%`
 * references and the generic placeholder patterns of `isPlaceholder`.
 */
export function isPlaceholderPassword(s: string): boolean {
  if (PLACEHOLDER_PASSWORDS.has(s.toLowerCase())) return true;
  if (/^[*xX•.#_-]{1,64}$/.test(s)) return true;
  if (/^[$%<{[]/.test(s)) return true;
  return isPlaceholder(s);
}

/**
 * True when a config value is a reference to where the secret lives rather than the secret:
 * `process.env.API_KEY`, `os.environ[...]`, `config.apiKey`, or an ENV_VAR_NAME.
 */
export function isCodeReference(s: string): boolean {
  if (/^[A-Z][A-Z0-9]{0,40}(?:_[A-Z0-9]{1,40}){1,8}$/.test(s)) return true;
  return /^(?:process\.env|os\.environ|import\.meta\.env|env|ENV|config|settings|secrets|credentials|this|self|props|options|opts|params|args|vars)[.[]/.test(
    s,
  );
}

/**
 * A value after a `password` key: not a placeholder or reference, and password-shaped (letters
 * plus a digit or symbol, or 16+ characters). Words alone (`required`, `forgotten`) are not.
 */
export function isPasswordLike(s: string): boolean {
  if (isPlaceholderPassword(s) || isCodeReference(s)) return false;
  if (s.length >= 16) return true;
  return /[A-Za-z]/.test(s) && /[^A-Za-z]/.test(s);
}

/** Prefixes of keys that are public by design: PostHog project keys, Stripe publishable keys, Mapbox public tokens, Supabase publishable keys. */
export function isPublicKey(s: string): boolean {
  return /^(?:phc_|pk_live_|pk_test_|pk\.eyJ|sb_publishable_)/.test(s);
}

/**
 * `Authorization: Basic` credential: canonical base64 of printable ASCII `user:password` with a
 * non-empty user and a password that is not a placeholder.
 */
export function isBasicAuthCredential(s: string): boolean {
  if (s.length % 4 !== 0) return false;
  const bytes = Buffer.from(s, 'base64');
  if (bytes.toString('base64') !== s) return false;
  for (const b of bytes) if (b < 0x20 || b > 0x7e) return false;
  const text = bytes.toString('latin1');
  const colon = text.indexOf(':');
  if (colon < 1 || colon === text.length - 1) return false;
  return !isPlaceholderPassword(text.slice(colon + 1));
}

/**
 * A private-key block that is not documentation: no `...`, `<placeholder>`, `${VAR}`, `xxxx` or
 * `redacted` inside. (The generic placeholder filter is off for key blocks: real OpenSSH and
 * DER bodies contain long runs of `A`.)
 */
export function isKeyBlock(s: string): boolean {
  return !/\.\.\.|<[a-z_ -]{1,40}>|\$\{|\{\{|xxxx|redacted|example|your[_ -]key/i.test(s);
}

/** Password of a database / broker connection URL: present and not a placeholder. */
export function isConnectionPassword(s: string): boolean {
  return !isPlaceholderPassword(s);
}

const MAX_VALUE = 256;
const CONTEXT = 512;
const ODBC_CONTEXT =
  /(?:^|[;"'\s])(?:server|data source|host|address|addr|network address|uid|user id|user|database|initial catalog|driver|dsn|provider)\s{0,3}=/i;

function isSpace(c: number): boolean {
  return c === 32 || c === 9;
}

/**
 * Finds the value of `Password=` / `Pwd=` in ODBC / ADO.NET connection strings
 * (`Server=db;User Id=sa;Password=…;`). The key must start a `;`-separated pair and another
 * connection-string key must occur within 512 characters; the value runs to `;`, a quote or the
 * end of the line, or is `{…}`-braced. Looks at most 512 characters on each side of the hit.
 */
export function findOdbcPassword(text: string, hit: Hit): Candidate | undefined {
  let i = hit.start - 1;
  while (i >= 0 && hit.start - i <= 3 && isSpace(text.charCodeAt(i))) i--;
  if (i >= 0) {
    const c = text[i];
    if (c !== ';' && c !== '"' && c !== "'") return undefined;
  }
  let j = hit.end;
  const n = text.length;
  while (j < n && j - hit.end < 3 && isSpace(text.charCodeAt(j))) j++;
  if (text[j] !== '=') return undefined;
  j++;
  while (j < n && isSpace(text.charCodeAt(j))) if (++j - hit.end > 9) return undefined;
  let start = j;
  let end: number;
  if (text[j] === '{') {
    start = j + 1;
    end = text.indexOf('}', start);
    if (end < 0 || end - start > MAX_VALUE) return undefined;
  } else {
    end = start;
    while (end < n && end - start <= MAX_VALUE && !/[;"'\r\n]/.test(text[end]!)) end++;
    if (end - start > MAX_VALUE) return undefined;
    while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  }
  if (end <= start) return undefined;
  const before = text.slice(Math.max(0, hit.start - CONTEXT), hit.start);
  const after = text.slice(end, Math.min(n, end + CONTEXT));
  if (!ODBC_CONTEXT.test(before) && !ODBC_CONTEXT.test(after)) return undefined;
  if (!before.includes(';') && !after.includes(';')) return undefined;
  return { start, end };
}

const QUERY_VALUE_END = /[&#\s"'<>;,\\(){}[\]|^`=?]/;
const OAUTH_CONTEXT = /[?&#]state=|oauth|callback|redirect_uri|authorize|\/auth\//i;

/**
 * Finds an OAuth authorization code: `code=` as a whole parameter name, a value of 16–512
 * characters (up to `&`, `#`, `=`, whitespace or a quote) that looks random, and OAuth context (`state=`, `oauth`, `callback`,
 * `redirect_uri`, `authorize`, `/auth/`) within 300 characters. Promo and invite codes in
 * ordinary URLs have no such context.
 */
export function findOAuthCode(text: string, hit: Hit): Candidate | undefined {
  const prev = hit.start > 0 ? text[hit.start - 1]! : '';
  if (/[A-Za-z0-9_.-]/.test(prev)) return undefined;
  const start = hit.end;
  let end = start;
  const n = text.length;
  while (end < n && end - start <= 512 && !QUERY_VALUE_END.test(text[end]!)) end++;
  const len = end - start;
  if (len < 16 || len > 512) return undefined;
  const around = text.slice(Math.max(0, hit.start - 300), Math.min(n, end + 300));
  if (!OAUTH_CONTEXT.test(around)) return undefined;
  return { start, end };
}

/**
 * Twitter / X app-only bearer token: after the run of `A`s it must carry URL-encoded base64
 * (`%2B`, `%2F`, `%3D`), a lower-case letter and a digit, so a mask of `A`s is not reported.
 */
export function isTwitterBearer(s: string): boolean {
  return /%[0-9A-F]{2}/.test(s) && /[a-z]/.test(s) && /[0-9]/.test(s) && shannonEntropy(s) >= 3.5;
}

/**
 * Atlassian Data Center personal access token (Jira, Confluence; Bitbucket after its `BBDC-`):
 * base64 of `<numeric id>:<random bytes>`, so the decoded bytes start with 6+ ASCII digits and a
 * colon. Random base64 of the same shape decodes that way about once in 10^9.
 */
export function isAtlassianDcPat(s: string): boolean {
  const bytes = Buffer.from(s, 'base64');
  let i = 0;
  while (i < bytes.length && bytes[i]! >= 0x30 && bytes[i]! <= 0x39) i++;
  return i >= 6 && bytes[i] === 0x3a && bytes.length - i > 8;
}

/**
 * Dropbox legacy long-lived token: the 54 characters around its ten `A`s (at offset 11) look
 * random (letters and digits, entropy ≥ 3.5) and hold no placeholder word or run.
 */
export function isDropboxLongLived(s: string): boolean {
  const rest = s.slice(0, 11) + s.slice(21);
  return lettersAndDigits(rest) && shannonEntropy(rest) >= 3.5 && !isPlaceholder(rest);
}
