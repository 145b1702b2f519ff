/**
 * Canonical event → PostHog `/batch/` event (the inverse of src/receivers/posthog/event.ts; see
 * docs/wire-mapping.md, "Posthog"). Pure and deterministic: the same event always encodes to the
 * same bytes, so a retried batch carries the same `uuid`s.
 */
import type { CanonicalEvent } from '../../pipeline/event.js';
import { uuidFor } from '../../receivers/posthog/uuid.js';

/** Group type used when the source did not name one (Segment `group` has no type). */
export const DEFAULT_GROUP_TYPE = 'company';

/** Profile operations PostHog can express on an `$identify` event. */
const OPERATIONS = new Set(['$set', '$set_once', '$unset']);

/** True when PostHog can represent `e` (identify operations beyond $set/$set_once/$unset cannot). */
export function encodable(e: CanonicalEvent): boolean {
  return e.type !== 'identify' || e.operation === undefined || OPERATIONS.has(e.operation);
}

function putString(props: Record<string, unknown>, key: string, v: unknown): void {
  if (typeof v === 'string' && props[key] === undefined) props[key] = v;
}

/** Context → `$current_url`, `$ip` / `$geoip_disable` …; `context.posthog` → top-level fields. */
function applyContext(
  e: CanonicalEvent,
  props: Record<string, unknown>,
  out: Record<string, unknown>,
) {
  const c = (e.context ?? {}) as Record<string, unknown>;
  const page = (c.page ?? {}) as Record<string, unknown>;
  putString(props, '$current_url', page.url);
  putString(props, '$referrer', page.referrer);
  putString(props, '$pathname', page.path);
  putString(props, '$raw_user_agent', c.userAgent);
  const lib = (c.library ?? {}) as Record<string, unknown>;
  putString(props, '$lib', lib.name);
  putString(props, '$lib_version', lib.version);
  if (typeof c.ip === 'string' && c.ip !== '') {
    props.$ip = c.ip;
    delete props.$geoip_disable;
  } else {
    // No client IP: PostHog must not geolocate Veil's own address.
    delete props.$ip;
    props.$geoip_disable = true;
  }
  const vendor = c.posthog;
  if (typeof vendor === 'object' && vendor !== null && !Array.isArray(vendor))
    for (const [k, v] of Object.entries(vendor))
      if (k !== '__proto__' && !Object.hasOwn(out, k)) out[k] = v;
}

/** The PostHog event name and type-specific properties of `e`. */
function typed(e: CanonicalEvent, props: Record<string, unknown>): string {
  switch (e.type) {
    case 'page':
      return '$pageview';
    case 'screen':
      if (e.name !== undefined) props.$screen_name = e.name;
      return '$screen';
    case 'identify': {
      const traits = e.traits ?? {};
      if (e.operation === '$unset') props.$unset = Object.keys(traits);
      else props[e.operation === '$set_once' ? '$set_once' : '$set'] = traits;
      return '$identify';
    }
    case 'group':
      props.$group_type = e.groupType ?? DEFAULT_GROUP_TYPE;
      props.$group_key = e.groupId;
      props.$group_set = e.traits ?? {};
      return '$groupidentify';
    case 'alias':
      props.alias = e.previousId;
      return '$create_alias';
    default:
      return e.event ?? 'event';
  }
}

/**
 * One PostHog batch event: `distinct_id` = userId ?? anonymousId; an anonymousId not otherwise
 * visible becomes `$device_id`; `uuid` = messageId (or a UUID derived from it).
 */
export function encodeEvent(e: CanonicalEvent): Record<string, unknown> {
  const props: Record<string, unknown> = { ...(e.properties ?? {}) };
  const out: Record<string, unknown> = {};
  const event = typed(e, props);
  if (e.anonymousId !== undefined && props.$device_id === undefined)
    props.$device_id = e.anonymousId;
  if (e.userId === undefined && e.anonymousId !== undefined && props.$device_id !== e.anonymousId)
    props.$is_identified = false;
  applyContext(e, props, out);
  const head: Record<string, unknown> = {
    event,
    distinct_id: e.userId ?? e.anonymousId,
    properties: props,
  };
  if (e.messageId !== undefined) head.uuid = uuidFor(e.messageId);
  if (e.timestamp !== undefined) head.timestamp = e.timestamp;
  return { ...out, ...head };
}
