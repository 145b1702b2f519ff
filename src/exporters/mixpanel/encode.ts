/**
 * Canonical events to Mixpanel records, the inverse of src/receivers/mixpanel/ (see
 * docs/wire-mapping.md, ## Mixpanel): track/page/screen/alias → `/track` events, identify →
 * `/engage` updates, group events with a `groupType` → `/groups` updates. The destination's
 * project token is written into every record; `messageId` becomes `$insert_id`.
 */
import { createHash } from 'node:crypto';
import type { CanonicalEvent } from '../../pipeline/event.js';

/** Where a record goes. */
export type Target = 'track' | 'engage' | 'groups';

/** One encoded record, or why the event cannot be sent to Mixpanel. */
export type Encoded =
  | { readonly target: Target; readonly record: Record<string, unknown> }
  | { readonly error: string };

type Bag = Record<string, unknown>;

const INSERT_ID = /^[A-Za-z0-9-]{1,36}$/;

/** Mixpanel's `$insert_id` for a messageId: itself when valid, else a stable 36-hex digest. */
export function insertId(messageId: string): string {
  if (INSERT_ID.test(messageId)) return messageId;
  return createHash('sha256').update(messageId).digest('hex').slice(0, 36);
}

function obj(v: unknown): Bag {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Bag) : {};
}

function defined(o: Bag): Bag {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

function epochMs(timestamp: string | undefined): number | undefined {
  if (timestamp === undefined) return undefined;
  const t = Date.parse(timestamp);
  return Number.isNaN(t) ? undefined : t;
}

/** distinct_id / $device_id / $user_id from canonical identities (simplified ID merge). */
function ids(e: CanonicalEvent, prefix: '' | '$'): Bag {
  const distinct =
    e.userId ?? (e.anonymousId === undefined ? undefined : `$device:${e.anonymousId}`);
  return defined({
    [`${prefix}distinct_id`]: distinct,
    $device_id: e.anonymousId,
    $user_id: e.userId !== undefined && e.anonymousId !== undefined ? e.userId : undefined,
  });
}

function trackName(e: CanonicalEvent): string {
  if (e.type === 'alias') return '$create_alias';
  if (e.event !== undefined) return e.event;
  return e.type === 'page' ? '$mp_web_page_view' : '$mp_screen_view';
}

function trackRecord(e: CanonicalEvent, token: string): Encoded {
  const ctx = obj(e.context);
  const page = obj(ctx.page);
  const lib = obj(ctx.library);
  const loc = obj(ctx.location);
  const who =
    e.type === 'alias' ? defined({ distinct_id: e.previousId, alias: e.userId }) : ids(e, '');
  const properties = defined({
    ...obj(e.properties),
    ...(e.type === 'page' || e.type === 'screen' ? defined({ name: e.name }) : {}),
    $current_url: page.url,
    $referrer: page.referrer,
    mp_lib: lib.name,
    $lib_version: lib.version,
    mp_country_code: loc.country,
    $region: loc.region,
    $city: loc.city,
    ...who,
    time: epochMs(e.timestamp),
    ip: ctx.ip,
    $insert_id: insertId(
      e.messageId ?? createHash('sha256').update(JSON.stringify(e)).digest('hex'),
    ),
    token,
  });
  return { target: 'track', record: { ...obj(ctx.mixpanel), event: trackName(e), properties } };
}

function operationValue(e: CanonicalEvent): unknown {
  const op = e.operation ?? '$set';
  if (op === '$delete') return '';
  if (op === '$unset') return Object.keys(obj(e.traits));
  return obj(e.traits);
}

function profileRecord(e: CanonicalEvent, token: string): Encoded {
  const ctx = obj(e.context);
  const loc = obj(ctx.location);
  const groups = e.type === 'group';
  if (groups && (e.groupType === undefined || e.groupId === undefined))
    return { error: 'a group event needs groupType and groupId for Mixpanel /groups' };
  const who = groups ? { $group_key: e.groupType, $group_id: e.groupId } : ids(e, '$');
  const record = defined({
    ...obj(ctx.mixpanel),
    ...who,
    [e.operation ?? '$set']: operationValue(e),
    $ip: ctx.ip,
    $time: epochMs(e.timestamp),
    $latitude: loc.latitude,
    $longitude: loc.longitude,
    $token: token,
  });
  return { target: groups ? 'groups' : 'engage', record };
}

/** Encode one minimized canonical event for the project `token`. */
export function encodeEvent(e: CanonicalEvent, token: string): Encoded {
  if (e.type === 'identify' || e.type === 'group') return profileRecord(e, token);
  return trackRecord(e, token);
}
