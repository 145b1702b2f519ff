/**
 * The PostHog properties and top-level fields that have a canonical place in `context`, moved
 * out of a (copied) properties object. Only string values move; anything else stays where it was
 * so that it is still validated and scanned as a property.
 */
import { isObject } from '../body.js';

/** PostHog top-level event fields the decoder handles itself; any other goes to `context.posthog`. */
export const KNOWN_TOP_LEVEL = new Set([
  'event',
  'properties',
  'distinct_id',
  '$distinct_id',
  'uuid',
  'timestamp',
  'offset',
  '$set',
  '$set_once',
  'api_key',
  'token',
  'type',
  'library',
  'library_version',
]);

const PAGE: readonly (readonly [string, string])[] = [
  ['$current_url', 'url'],
  ['$referrer', 'referrer'],
  ['$pathname', 'path'],
];

/** Remove and return `props[key]` when it is a string. */
export function takeString(props: Record<string, unknown>, key: string): string | undefined {
  const v = props[key];
  if (typeof v !== 'string') return undefined;
  delete props[key];
  return v;
}

/**
 * Build `context` from `raw` (top-level fields) and `props` (mutated: moved keys are deleted).
 * `clientIp` becomes `context.ip` only when the event asked PostHog to geolocate the request
 * (no `$ip` and no `$geoip_disable: true`).
 */
export function takeContext(
  raw: Record<string, unknown>,
  props: Record<string, unknown>,
  clientIp: string,
): Record<string, unknown> {
  const context: Record<string, unknown> = {};
  const page: Record<string, string> = {};
  for (const [key, field] of PAGE) {
    const v = takeString(props, key);
    if (v !== undefined) page[field] = v;
  }
  if (Object.keys(page).length > 0) context.page = page;
  const ua = takeString(props, '$raw_user_agent');
  if (ua !== undefined) context.userAgent = ua;
  const library: Record<string, string> = {};
  const name = takeString(props, '$lib') ?? str(raw.library);
  const version = takeString(props, '$lib_version') ?? str(raw.library_version);
  if (name !== undefined) library.name = name;
  if (version !== undefined) library.version = version;
  if (Object.keys(library).length > 0) context.library = library;
  const ip = takeString(props, '$ip');
  const noGeo = props.$geoip_disable === true;
  if (typeof props.$geoip_disable === 'boolean') delete props.$geoip_disable;
  if (ip !== undefined) context.ip = ip;
  else if (!noGeo && clientIp !== '') context.ip = clientIp;
  const extra = vendorFields(raw);
  if (extra !== undefined) context.posthog = extra;
  return context;
}

function vendorFields(raw: Record<string, unknown>): Record<string, unknown> | undefined {
  let out: Record<string, unknown> | undefined;
  for (const k of Object.keys(raw)) {
    if (KNOWN_TOP_LEVEL.has(k)) continue;
    out ??= {};
    out[k] = raw[k];
  }
  return out;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** A shallow copy of `v` when it is an object, else `{}`. */
export function objectCopy(v: unknown): Record<string, unknown> {
  return isObject(v) ? { ...v } : {};
}
