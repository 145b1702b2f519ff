/**
 * `generalize` for one field: picks the generalizer by the field's category and name, with the
 * policy's settings. Returns the new value and the category it now carries, or `undefined` to
 * remove the field (fail closed: a category with no generalizer is removed).
 */
import type { Policy } from '../config/policy.js';
import type { Category } from '../engine/types.js';
import { generalizeIp, type CountryLookup } from './generalize/ip.js';
import {
  generalizeUserAgent,
  generalizeVersion,
  isUserAgentString,
} from './generalize/user-agent.js';
import { generalizePath, generalizeUrl, isBareHost, referrerOrigin } from './generalize/url.js';
import { roundCoordinate, roundCoordinateString } from './generalize/geo.js';
import { Generations } from './recent.js';

/** A generalized value and the category it carries after generalization. */
export interface Generalized {
  readonly value: string | number;
  readonly after: Category;
}

const IP = 'user.device.ip_address';
const UA = 'user.device.user_agent';
const BROWSING = 'user.behavior.browsing_history';
const IMPRECISE = 'user.location.imprecise';
const PRECISE = 'user.location.precise';
const AGE = 'user.demographic.age_range';

/** A field named for a duration (`account_age_days`, `age_ms`): an age, but not a person's. */
const DURATION =
  /(?:^|_)(?:ms|millis|milliseconds|s|secs?|seconds|minutes?|mins?|hours?|days?|weeks?|months?)$/;

/**
 * An exact age in years (a number, or up to three digits) becomes its decade, `30-39`: an age
 * range, as the category says, instead of one more exact quasi-identifier next to gender and
 * country. A range or a word (`25-34`, `30代`, `adult`) stays as it came, and so do numbers that
 * are no person's age in years (a duration's field name, or outside 0–130).
 */
function age(value: string | number, key: string): Generalized {
  const same = { value, after: AGE };
  if (DURATION.test(key)) return same;
  const n =
    typeof value === 'number' ? value : /^\s*\d{1,3}\s*$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isFinite(n) || n < 0 || n > 130) return same;
  const low = Math.floor(n / 10) * 10;
  return { value: `${low}-${low + 9}`, after: AGE };
}

function isReferrerKey(key: string): boolean {
  return key.includes('referrer') || key.includes('referer') || key.includes('referring');
}

function browsing(value: string, key: string, policy: Policy): Generalized | undefined {
  const u = policy.url;
  // A fragment alone (`current_url_hash: "#access_token=…"`): dropped as a URL's fragment is,
  // unless it is a single-page app's route (`#/users/123` → `#/users/:id`), kept as a URL keeps it.
  if (value.charCodeAt(0) === 35) {
    if (u.action === 'keep') return { value, after: BROWSING };
    if (u.action !== 'strip') return undefined;
    const route = generalizeUrl(value, {
      action: 'strip',
      allowParams: [],
      replaceIds: u.replace_ids,
    });
    return route === undefined ? undefined : { value: route, after: BROWSING };
  }
  // A page's title (`context.page.title`, `page_title`) is browsing history, but text, not a URL:
  // it stays as it came here and is scanned as kept text is (a name in it is redacted). The URL
  // generalizer made `Order 12345 | Shop` `:id` and cut `Invoice #INV-1` at the `#`.
  if (key === 'title' || key.endsWith('_title'))
    return u.action === 'drop' ? undefined : { value, after: BROWSING };
  if (key === 'path') {
    if (u.action === 'drop') return undefined;
    return {
      value: u.action === 'keep' || !u.replace_ids ? value : generalizePath(value),
      after: BROWSING,
    };
  }
  if (key === 'search' || key.endsWith('_search')) {
    if (u.action === 'keep') return { value, after: BROWSING };
    if (u.action === 'drop' || u.action === 'origin') return undefined;
    const q = generalizeUrl(value.startsWith('?') ? value : `?${value}`, {
      action: 'strip',
      allowParams: u.allow_params,
      replaceIds: false,
    });
    return q === undefined ? undefined : { value: q, after: BROWSING };
  }
  if (isReferrerKey(key)) {
    const r = policy.referrer;
    if (r === 'keep') return { value, after: BROWSING };
    if (r === 'drop') return undefined;
    // Already no more than an origin says: a referring domain (`$referring_domain:
    // "www.google.com"`), or the SDKs' mark for no referrer (`$direct`). Both were removed.
    if (value === '$direct' || isBareHost(value)) return { value, after: BROWSING };
    const out =
      r === 'origin'
        ? referrerOrigin(value)
        : generalizeUrl(value, {
            action: 'strip',
            allowParams: u.allow_params,
            replaceIds: u.replace_ids,
          });
    return out === undefined ? undefined : { value: out, after: BROWSING };
  }
  const out = generalizeUrl(value, {
    action: u.action,
    allowParams: u.allow_params,
    replaceIds: u.replace_ids,
  });
  return out === undefined ? undefined : { value: out, after: BROWSING };
}

function userAgent(value: string, policy: Policy): Generalized | undefined {
  if (policy.user_agent === 'drop') return undefined;
  if (policy.user_agent === 'keep') return { value, after: UA };
  if (isUserAgentString(value)) return { value: generalizeUserAgent(value), after: UA };
  // `$os: "Mac OS X"`, `$browser_version: "128.0.6613.84"`: already coarse, or cut to the major.
  return value.length <= 64 ? { value: generalizeVersion(value), after: UA } : undefined;
}

function location(value: string | number, key: string, policy: Policy): Generalized | undefined {
  if (policy.location === 'keep') return { value, after: IMPRECISE };
  if (policy.location === 'drop') return undefined;
  return key.includes('country') ? { value, after: IMPRECISE } : undefined;
}

function precise(value: string | number, policy: Policy): Generalized | undefined {
  const p = policy.precise_location;
  if (p.action === 'keep') return { value, after: PRECISE };
  if (p.action === 'drop') return undefined;
  const out =
    typeof value === 'number'
      ? roundCoordinate(value, p.decimals)
      : roundCoordinateString(value, p.decimals);
  return out === undefined
    ? undefined
    : { value: out, after: p.decimals <= 2 ? IMPRECISE : PRECISE };
}

/**
 * Generalize `value` of a field named `key` (normalized) with category `category`.
 * `countries` is the GeoIP lookup for `ip: country`.
 */
export function generalizeField(
  value: string | number,
  category: Category,
  key: string,
  policy: Policy,
  countries: CountryLookup | undefined,
): Generalized | undefined {
  if (category.startsWith(IP)) {
    if (typeof value !== 'string') return undefined;
    const out = generalizeIp(value, policy.ip, countries);
    if (out === undefined) return undefined;
    return { value: out, after: policy.ip === 'country' ? IMPRECISE : IP };
  }
  if (category.startsWith(UA))
    return typeof value === 'string' ? userAgent(value, policy) : { value, after: UA };
  if (category.startsWith(BROWSING))
    return typeof value === 'string' ? browsing(value, key, policy) : undefined;
  if (category.startsWith(IMPRECISE)) return location(value, key, policy);
  if (category.startsWith(PRECISE)) return precise(value, policy);
  if (category === AGE) return age(value, key);
  return undefined;
}

/**
 * Generalized values a step remembers, at most: two generations of half as many each
 * (`Generations`, as the pseudonym memories), so what keeps repeating (a user agent, a landing
 * page) survives and values seen once (URLs carrying ids) fall out after two generations.
 */
const MEMO_ENTRIES = 10_000;
/** Longer values are generalized every time, not remembered. */
const MEMO_MAX_LENGTH = 2_048;
const REMOVED = null;

/** category → key → value → result (null: removed). */
type Memo = Map<string, Map<string, Map<string, Generalized | typeof REMOVED>>>;

/** The results remembered for (category, key) in `memo`, made when missing. */
function valuesOf(
  memo: Memo,
  category: string,
  key: string,
): Map<string, Generalized | typeof REMOVED> {
  let byKey = memo.get(category);
  if (byKey === undefined) memo.set(category, (byKey = new Map()));
  let byValue = byKey.get(key);
  if (byValue === undefined) byKey.set(key, (byValue = new Map()));
  return byValue;
}

/**
 * `generalizeField` for one compiled policy, remembering the result for each (category, key,
 * string value): page URLs, referrers, user agents and IPs repeat across a user's events, and
 * parsing them again is most of what generalizing costs. Results are immutable and depend only
 * on these inputs and the policy. Like the pseudonym cache, the remembered values stay in this
 * process's memory only.
 */
export function createFieldGeneralizer(
  policy: Policy,
  countries: CountryLookup | undefined,
): (value: string | number, category: Category, key: string) => Generalized | undefined {
  const memo = new Generations<Memo>(MEMO_ENTRIES / 2, () => new Map());
  return (value, category, key) => {
    if (typeof value !== 'string' || value.length > MEMO_MAX_LENGTH)
      return generalizeField(value, category, key, policy, countries);
    let values = valuesOf(memo.young, category, key);
    const known = values.get(value);
    if (known !== undefined) return known ?? undefined;
    let out = memo.old.get(category)?.get(key)?.get(value);
    if (out === undefined)
      out = generalizeField(value, category, key, policy, countries) ?? REMOVED;
    if (memo.adding()) values = valuesOf(memo.young, category, key);
    values.set(value, out);
    return out ?? undefined;
  };
}
