/**
 * User-agent generalizer: a full UA string becomes `browser MAJOR; OS family; device type`
 * (`Chrome 128; macOS; desktop`), which keeps what product analytics uses and drops the
 * fingerprinting detail (minor versions, build ids, device models, OS versions).
 */
import UAParser from 'ua-parser-js';

// ua-parser-js v1 reads at most the first 500 characters itself; caching by that prefix keeps
// the cache small when clients send huge UA strings, and the result is the same. The cache is
// keyed by the prefix's version shape (see `versionShape`).
const UA_MAX_LENGTH = 500;
const CACHE_MAX_ENTRIES = 5000;
const cache = new Map<string, string>();

const DEVICE_TYPES = new Set(['mobile', 'tablet', 'smarttv', 'wearable', 'console', 'embedded']);
const OS_NAMES: Readonly<Record<string, string>> = { 'Mac OS': 'macOS' };
// Names come from the parser's tables or from the UA itself (product tokens): only short,
// plain names pass, so nothing else from the UA (or a `;`) reaches the output.
const SAFE_NAME = /^[A-Za-z][A-Za-z0-9 ._-]{0,31}$/;
// `Product/1.2…`: a product token with a dotted version, or any version followed by a comment.
const PRODUCT =
  /^([A-Za-z][A-Za-z0-9._+-]{0,63})\/(\d{1,10}(?:\.[0-9A-Za-z]{1,20}){1,6}|\d{1,10} ?\()/;
const VERSION = /^(\d{1,10})(?:[._]\d{1,10}){0,7}(?:[-+][0-9A-Za-z.-]{0,64})?$/;

/**
 * True when `s` is a full user-agent string: it starts with a `product/version` token whose
 * version has a dot (`Mozilla/5.0 (…)`, `curl/8.4.0`, `okhttp/4.12.0`, `Dalvik/2.1.0 (…)`,
 * `MyApp/1.2 (iPhone; …)`) or is followed by a `(comment)`. False for values that are already
 * coarse (`Chrome`, `Mac OS X`, `128`, `iPhone`, `Chrome 128; macOS; desktop`). Reads at most
 * the first 256 characters.
 */
export function isUserAgentString(s: string): boolean {
  return PRODUCT.test(s.slice(0, 256).trimStart());
}

/**
 * The major part of a version: `128.0.6613.84` → `128`, `17_2_1` → `17`, `1.2.3-beta.1` → `1`.
 * Strings that are not versions (`Chrome`, `v2`, ``) are returned unchanged.
 */
export function generalizeVersion(v: string): string {
  if (v.length > 200) return v;
  const m = VERSION.exec(v);
  return m?.[1] ?? v;
}

/**
 * Generalize a user-agent string to `BROWSER[ MAJOR]; OS; DEVICE`, e.g. `Chrome 128; macOS;
 * desktop`, `Mobile Safari 17; iOS; mobile`, `okhttp 4; unknown; unknown`.
 *
 * - BROWSER: the browser family from ua-parser-js v1 with its major version; when the parser
 *   knows no browser, the leading product token of a non-`Mozilla` UA (`curl 8`, `MyApp 1`);
 *   else `unknown`.
 * - OS: the family only, never its version (`Mac OS` is written `macOS`); else `unknown`.
 * - DEVICE: `mobile`, `tablet`, `smarttv`, `wearable`, `console` or `embedded` when the parser
 *   says so; `desktop` when it found an OS but no device type; else `unknown`.
 *
 * Pure and deterministic; results are cached (bounded, cleared when full). Cost is bounded by
 * the first 500 characters, whatever the input length.
 */
export function generalizeUserAgent(ua: string): string {
  const key = versionShape(ua.length > UA_MAX_LENGTH ? ua.slice(0, UA_MAX_LENGTH) : ua);
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const out = compute(key);
  if (cache.size >= CACHE_MAX_ENTRIES) cache.clear();
  cache.set(key, out);
  return out;
}

/** Every number after a `.` or `_` (a minor version, patch, build): replaced by `0`. */
const MINOR_PARTS = /(?<sep>[._])\d{1,20}/g;

/**
 * The UA with every minor version, patch and build number written `0`:
 * `Chrome/131.0.6778.86` → `Chrome/131.0.0.0`, `iPhone OS 18_1` → `iPhone OS 18_0`. The
 * generalized result keeps only the browser's major version and the OS and device families, none
 * of which depends on those numbers, so UAs differing only in build numbers (most of the distinct
 * UAs a gateway sees) are parsed once. A test checks the result equals parsing the UA as it is.
 */
function versionShape(ua: string): string {
  return ua.replace(MINOR_PARTS, '$<sep>0');
}

/** For tests: the generalization of `ua` parsed exactly as given (no cache, no version shape). */
export function generalizeUserAgentExact(ua: string): string {
  return compute(ua.length > UA_MAX_LENGTH ? ua.slice(0, UA_MAX_LENGTH) : ua);
}

function compute(ua: string): string {
  const r = new UAParser(ua).getResult();
  const osName = safe(r.os.name);
  const os = osName === undefined ? 'unknown' : (OS_NAMES[osName] ?? osName);
  const type = r.device.type;
  const device =
    type !== undefined && DEVICE_TYPES.has(type)
      ? type
      : type === undefined && osName !== undefined
        ? 'desktop'
        : 'unknown';
  return `${browser(ua, r.browser)}; ${os}; ${device}`;
}

function browser(ua: string, b: UAParser.IBrowser): string {
  let name = safe(b.name);
  let version = b.version;
  if (name === undefined) {
    const m = PRODUCT.exec(ua.trimStart()); // ua is at most 500 characters here
    name = m?.[1] === undefined || m[1] === 'Mozilla' ? undefined : safe(m[1]);
    version = m?.[2];
  }
  if (name === undefined) return 'unknown';
  const major = version === undefined ? undefined : generalizeVersion(version.replace(/ ?\($/, ''));
  return major !== undefined && /^\d{1,10}$/.test(major) ? `${name} ${major}` : name;
}

function safe(name: string | undefined): string | undefined {
  return name !== undefined && SAFE_NAME.test(name) ? name : undefined;
}
