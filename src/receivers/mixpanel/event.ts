/**
 * One Mixpanel event record (`{event, properties}` from `/track` or `/import`) to a canonical
 * event candidate, per docs/wire-mapping.md: `$insert_id` → `messageId`, identities, `time` →
 * `timestamp`, page / library / IP / location fields → `context`, the token removed and returned.
 * `$create_alias` becomes an alias event. Everything else stays in `properties`.
 */
import { randomUUID } from 'node:crypto';
import { isObject } from '../body.js';
import {
  type Bag,
  compact,
  epochToIso,
  identities,
  takeId,
  takeNumber,
  takeString,
} from './fields.js';

/** A record turned into an unvalidated canonical event, or the problems that prevented it. */
export type Candidate =
  | { readonly value: Bag; readonly token: string | undefined }
  | { readonly problems: readonly string[] };

/** Location fields Mixpanel reads instead of geolocating an IP. */
export function takeLocation(p: Bag): Bag {
  return compact({
    country: takeString(p, 'mp_country_code'),
    region: takeString(p, '$region'),
    city: takeString(p, '$city'),
  });
}

function takeTime(p: Bag): { timestamp?: string; problem?: string } {
  if (p.time === undefined || p.time === null) return {};
  const timestamp = epochToIso(p.time);
  if (timestamp === undefined)
    return { problem: 'properties.time: not an epoch time in seconds or milliseconds' };
  delete p.time;
  return { timestamp };
}

/**
 * Decode one record. `requestIp` is the client address when the request asked Mixpanel to use
 * it (`ip=1`); an explicit `ip` property wins over it.
 */
export function decodeEvent(record: unknown, requestIp: string | undefined): Candidate {
  if (!isObject(record)) return { problems: ['(root): an event is a JSON object'] };
  const raw = record.properties ?? {};
  if (!isObject(raw)) return { problems: ['properties: must be a JSON object'] };
  const p: Bag = { ...raw };
  const time = takeTime(p);
  if (time.problem) return { problems: [time.problem] };
  const token = takeString(p, 'token');
  const messageId = takeString(p, '$insert_id') ?? randomUUID();
  const distinct = takeId(p, 'distinct_id');
  const ids = identities(distinct, takeId(p, '$device_id'), takeId(p, '$user_id'));
  const alias = record.event === '$create_alias' ? takeId(p, 'alias') : undefined;
  const context = compact({
    ip: takeString(p, 'ip') ?? requestIp,
    page: compact({ url: takeString(p, '$current_url'), referrer: takeString(p, '$referrer') }),
    library: compact({ name: takeString(p, 'mp_lib'), version: takeString(p, '$lib_version') }),
    location: takeLocation(p),
    mixpanel: extraTopLevel(record),
  });
  const head =
    alias !== undefined
      ? { type: 'alias', userId: alias, previousId: distinct, anonymousId: ids.anonymousId }
      : { type: 'track', event: record.event, ...ids };
  const value = compact({
    ...head,
    messageId,
    timestamp: time.timestamp,
    context,
    properties: p,
  });
  return { value, token };
}

/** Top-level record fields other than `event` and `properties` (kept under context.mixpanel). */
function extraTopLevel(record: Bag): Bag {
  const out: Bag = {};
  for (const [k, v] of Object.entries(record)) if (k !== 'event' && k !== 'properties') out[k] = v;
  return out;
}

/** Remove and return a finite latitude/longitude pair as context.location fields. */
export function takeLatLon(bag: Bag): Bag {
  if (typeof bag.$latitude !== 'number' || typeof bag.$longitude !== 'number') return {};
  return compact({
    latitude: takeNumber(bag, '$latitude'),
    longitude: takeNumber(bag, '$longitude'),
  });
}
