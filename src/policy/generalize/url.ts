/**
 * URL generalizer: page URLs lose userinfo, fragments and all but allow-listed query parameters,
 * and path segments that look like identifiers or personal data become placeholders
 * (`/users/12345/orders` → `/users/:id/orders`). Referrers shrink to their origin.
 */
import { placeholderFor } from './path-segment.js';

/** How to generalize a URL: the policy's `url` option, in camelCase. */
export interface UrlOptions {
  /** `strip`: origin + generalized path + allowed params; `origin`: scheme + host only. */
  readonly action: 'strip' | 'origin' | 'drop' | 'keep';
  /** Query parameter names kept by `strip` (exact, case-sensitive, compared decoded). */
  readonly allowParams: readonly string[];
  /** `strip`: replace id-like path segments with placeholders (see {@link generalizePath}). */
  readonly replaceIds: boolean;
}

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]{0,31}):/;
const HTTP = new Set(['http', 'https']);
// WHATWG URL removes these everywhere and trims C0 controls and spaces at both ends.
const TAB_OR_NEWLINE = /[\t\n\r]/g;
const allowSets = new WeakMap<readonly string[], ReadonlySet<string>>();

/** The parts of a URL that survive: origin (absent for relative URLs), path and raw query. */
interface Parts {
  readonly origin: string | undefined;
  readonly path: string;
  readonly query: string;
  /** A single-page app's hash route without its query (`#/users/123`, `#!/cart`); '' when none. */
  readonly route: string;
}

/**
 * A hash route without its query (`#/users/123?tab=2` → `#/users/123`, `#!/cart`), or '' when the
 * fragment is not one: an anchor (`#top`), OAuth's `#access_token=…`, or a route holding `=` (a
 * parameter, not a path).
 */
function hashRoute(fragment: string): string {
  if (!fragment.startsWith('#/') && !fragment.startsWith('#!/')) return '';
  const q = fragment.indexOf('?');
  const route = q === -1 ? fragment : fragment.slice(0, q);
  return route.includes('=') ? '' : route;
}

/** The host of an origin (`https://x.com:8443` → `x.com`), or undefined for a relative URL. */
function hostOf(origin: string | undefined): string | undefined {
  if (origin === undefined) return undefined;
  const start = origin.indexOf('//') + 2;
  const colon = origin.indexOf(':', start);
  return origin.slice(start, colon === -1 ? undefined : colon);
}

/** `#!/users/123` → `#!/users/:id`: the route's path generalized, its mark kept. */
function generalizeRoute(route: string): string {
  const slash = route.indexOf('/');
  return route.slice(0, slash) + generalizePath(route.slice(slash));
}

/**
 * Split `input` into origin, path and query (the fragment is discarded). Absolute URLs must be
 * http(s); protocol-relative ones (`//host/x`) keep the `//host` form; anything without a
 * scheme is a relative reference (`/checkout?x=1`, `checkout`) and stays relative.
 */
function split(input: string): Parts | undefined {
  const s = input.replace(TAB_OR_NEWLINE, '').trim();
  if (s === '') return undefined;
  const scheme = SCHEME.exec(s)?.[1];
  if (scheme !== undefined || s.startsWith('//') || s.startsWith('\\\\')) {
    if (scheme !== undefined && !HTTP.has(scheme.toLowerCase())) return undefined;
    let u: URL;
    try {
      u = new URL(scheme === undefined ? `https:${s}` : s);
    } catch {
      return undefined;
    }
    if (u.hostname === '') return undefined;
    const origin = scheme === undefined ? `//${u.host}` : `${u.protocol}//${u.host}`;
    return { origin, path: u.pathname, query: u.search.slice(1), route: hashRoute(u.hash) };
  }
  const end = s.indexOf('#');
  const noFragment = end === -1 ? s : s.slice(0, end);
  const q = noFragment.indexOf('?');
  const path = (q === -1 ? noFragment : noFragment.slice(0, q)).replace(/\\/g, '/');
  const route = end === -1 ? '' : hashRoute(s.slice(end));
  return { origin: undefined, path, query: q === -1 ? '' : noFragment.slice(q + 1), route };
}

function allowSet(names: readonly string[]): ReadonlySet<string> {
  let set = allowSets.get(names);
  if (set === undefined) allowSets.set(names, (set = new Set(names)));
  return set;
}

/** Keep only the `&`-separated parameters whose decoded name is allowed, in order, verbatim. */
function filterQuery(query: string, allowed: ReadonlySet<string>): string {
  if (query === '' || allowed.size === 0) return '';
  const kept: string[] = [];
  for (const pair of query.split('&')) {
    const eq = pair.indexOf('=');
    const raw = eq === -1 ? pair : pair.slice(0, eq);
    if (raw !== '' && allowed.has(decodeName(raw))) kept.push(pair);
  }
  return kept.length === 0 ? '' : `?${kept.join('&')}`;
}

function decodeName(raw: string): string {
  if (!raw.includes('%') && !raw.includes('+')) return raw;
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

/**
 * Generalize a page URL for a destination.
 *
 * - `drop` → `undefined`; `keep` → `url` unchanged.
 * - `origin` → scheme + host + non-default port (`https://shop.example.com`), never userinfo;
 *   `//host` for protocol-relative input; `undefined` for relative URLs (they have no origin).
 * - `strip` → origin + path (placeholders when `replaceIds`) + only the allowed query
 *   parameters (original order, values untouched) — no userinfo, no fragment except a
 *   single-page app's hash route, kept as a path (`#/users/123?tab=2` → `#/users/:id`). Relative
 *   URLs stay relative (`/checkout?x=1` → `/checkout`).
 *
 * Absolute URLs must be `http:` or `https:`; other schemes (`javascript:`, `data:`, `mailto:`,
 * app schemes), unparseable input and relative input with nothing left (`#top`) give
 * `undefined` (fail closed). Host names come out as
 * WHATWG `URL` normalizes them (lower case, punycode). Linear in the input length.
 */
export function generalizeUrl(url: string, o: UrlOptions): string | undefined {
  if (o.action === 'keep') return url;
  if (o.action === 'drop') return undefined;
  const parts = split(url);
  if (parts === undefined) return undefined;
  if (o.action === 'origin') return parts.origin;
  const path = o.replaceIds ? generalizePath(parts.path, hostOf(parts.origin)) : parts.path;
  // A single-page app's route is its page: kept as a path is (ids replaced), its query dropped.
  const route = o.replaceIds && parts.route !== '' ? generalizeRoute(parts.route) : parts.route;
  const out = `${parts.origin ?? ''}${path}${filterQuery(parts.query, allowSet(o.allowParams))}${route}`;
  return out === '' ? undefined : out;
}

/**
 * Replace `/`-separated path segments that look like identifiers or personal data with
 * placeholders; everything else (separators, empty segments, slugs) is kept byte for byte.
 * Segments are percent-decoded for the checks only. Rules, first match wins:
 *
 * - `:email` — an email address (`alice@example.com`, `alice%40example.com`);
 * - `:handle` — a segment starting with `@` (`/@alice`);
 * - `:id` — all digits, except 1–2 digit numbers and 4-digit years 1900–2100, which are kept
 *   (`/2024/11/report`, `/v2/page/3`); also phone-like strings (≥ 7 digits with `+ - . ( )`
 *   or spaces) and any segment holding a run of 5 or more digits (`order-123456`);
 * - `:uuid` — an RFC 4122-shaped UUID;
 * - `:hash` — 16 or more hex digits (at least one a digit);
 * - `:token` — 20 or more base64url-ish characters mixing letters and digits irregularly,
 *   with at least 3 bits of entropy per character (API keys, session ids, JWTs);
 * - `:user` — a name or login after a collection of people (`/users/hanako-kuroda`,
 *   `/profile/taro.yamada`, `/members/yamada_taro`, `/authors/jane-doe`; not the app's own pages
 *   such as `/users/new` or `/profile/edit`), and on social sites (`host`) the handle their
 *   URLs start with (`x.com/taro_y84`, `github.com/tanaka-hiroshi`, `linkedin.com/in/…`).
 *
 * Ordinary slugs stay (`/pricing`, `/blog/how-to-export-csv`, `/ja/cart`, `/v2/api`). Linear
 * in the path length.
 */
export function generalizePath(path: string, host?: string): string {
  const segments = path.split('/');
  const social = host !== undefined && socialHandleIndex(host);
  let previous = '';
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    const placeholder = placeholderFor(segment);
    if (placeholder !== undefined) segments[i] = placeholder;
    else if (segment !== '' && isPersonSegment(segment, previous, i, social)) segments[i] = ':user';
    if (segment !== '') previous = segment.toLowerCase();
  }
  return segments.join('/');
}

/**
 * Collections whose members are people: the segment after them names one (`/users/hanako-kuroda`,
 * `/profile/taro.yamada`, `/members/yamada_taro`, `/authors/jane-doe`).
 */
const PERSON_COLLECTIONS: ReadonlySet<string> = new Set(
  (
    'users user u profile profiles people person members member customers customer authors ' +
    'author staff patients patient employees employee students student mypage'
  ).split(' '),
);
/**
 * What follows a person collection without naming anyone: the app's own pages about the
 * collection (`/users/new`, `/profile/edit`, `/members/search`) and, on social sites, their
 * reserved first segments (`/explore`, `/settings`).
 */
const NOT_PEOPLE: ReadonlySet<string> = new Set(
  (
    'new edit me self my settings setting list search index all login logout signin signup ' +
    'sign_in sign_up sign-in sign-up register registration invite invites invitations create ' +
    'delete update profile profiles account accounts home dashboard admin current overview ' +
    'billing security notifications preferences password reset verify confirm import export ' +
    'bulk active inactive pending groups roles permissions details info about help privacy ' +
    'terms explore hashtag i intent share messages inbox following followers favorites likes ' +
    'lists bookmarks watch feed reels stories tos legal jobs company pages events marketplace ' +
    'gaming orgs organizations topics trending sessions auth oauth api ' +
    'en ja jp'
  ).split(' '),
);
/** A slug a name or login can be: letters (any script), digits, `.`, `_`, `-`, `~`, `+`. */
const NAME_SLUG = /^[\p{L}\p{N}._~+-]{2,64}$/u;
/**
 * Social sites whose first path segment is a member's handle (`x.com/taro_y84`,
 * `github.com/tanaka-hiroshi`), and LinkedIn, whose second is after `/in/`: the index of that
 * segment in `path.split('/')`, or false.
 */
const SOCIAL_HOSTS =
  /^(?:www\.|m\.|mobile\.)?(?:twitter\.com|x\.com|instagram\.com|facebook\.com|github\.com|tiktok\.com|threads\.net|note\.com|qiita\.com|zenn\.dev)$/;
const LINKEDIN_HOST = /^(?:[a-z]{2,3}\.|www\.)?linkedin\.com$/;
/** `host` as `split` gives it: lower case already (WHATWG `URL` normalized it). */
function socialHandleIndex(host: string): number | false {
  if (SOCIAL_HOSTS.test(host)) return 1;
  return LINKEDIN_HOST.test(host) ? 2 : false;
}

/** True when `segment` (at index `i`, after `previous`) names a person rather than a page. */
function isPersonSegment(
  segment: string,
  previous: string,
  i: number,
  social: number | false,
): boolean {
  const named =
    PERSON_COLLECTIONS.has(previous) ||
    (social === 1 && i === 1) ||
    (social === 2 && i === 2 && previous === 'in');
  if (!named) return false;
  let s = segment;
  if (s.includes('%')) {
    try {
      s = decodeURIComponent(s);
    } catch {
      return true;
    }
  }
  return NAME_SLUG.test(s) && !NOT_PEOPLE.has(s.toLowerCase());
}

/**
 * The origin of a referrer URL (`https://www.google.com`), or `undefined` when `url` is not an
 * absolute http(s) URL. Never includes userinfo, path, query or fragment.
 */
/**
 * A host name alone (`www.google.com`, `mail.google.com:443`): what a `referring_domain` field
 * holds. Letters, digits, `-` and `.` (at least one, not at either end), an optional port.
 */
export function isBareHost(v: string): boolean {
  if (v.length < 3 || v.length > 253) return false;
  let dots = 0;
  let port = -1;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (port >= 0) {
      if (c < 48 || c > 57) return false;
      continue;
    }
    if (c === 46) {
      if (i === 0 || v.charCodeAt(i - 1) === 46) return false;
      dots++;
    } else if (c === 58) port = i;
    else if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45))
      return false;
  }
  const end = port >= 0 ? port : v.length;
  return dots > 0 && v.charCodeAt(end - 1) !== 46 && (port < 0 || v.length - port > 1);
}

export function referrerOrigin(url: string): string | undefined {
  const scheme = SCHEME.exec(url.trimStart().slice(0, 40))?.[1];
  if (scheme === undefined || !HTTP.has(scheme.toLowerCase())) return undefined;
  try {
    const u = new URL(url);
    return u.hostname === '' ? undefined : `${u.protocol}//${u.host}`;
  } catch {
    return undefined;
  }
}
