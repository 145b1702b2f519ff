/**
 * Canonical event → Amplitude HTTP V2 event: the inverse of the Amplitude receiver's decoder
 * (docs/wire-mapping.md, "## Amplitude"). `ip` is sent only when `context.ip` survived the policy
 * and is an IP address: never `"$remote"`, so Amplitude never geolocates Veil's own address.
 */
import { isIP } from 'node:net';
import type { CanonicalEvent } from '../../pipeline/event.js';
import { isObject } from '../../receivers/body.js';
import {
  CONTEXT_FIELDS,
  DEVICE_PREFIX,
  GROUP_IDENTIFY,
  IDENTIFY,
  OPERATION_FROM_CANONICAL,
  isMapped,
} from '../../receivers/amplitude/fields.js';

type Obj = Record<string, unknown>;

/** Group type used when a canonical group event names none. */
export const DEFAULT_GROUP_TYPE = 'group';

function getPath(root: unknown, path: readonly string[]): unknown {
  let v = root;
  for (const key of path) {
    if (!isObject(v)) return undefined;
    v = v[key];
  }
  return v;
}

/** A profile operation as Amplitude properties (`{$setOnce: {…}}`, `{$unset: {k: "-"}}`, …). */
export function operationProperties(operation: string | undefined, traits: Obj | undefined): Obj {
  const amp = OPERATION_FROM_CANONICAL[operation ?? '$set'] ?? '$set';
  const t = traits ?? {};
  if (amp === '$clearAll') return { $clearAll: '-' };
  if (amp === '$unset') return { $unset: Object.fromEntries(Object.keys(t).map((k) => [k, '-'])) };
  return { [amp]: t };
}

function eventType(e: CanonicalEvent): string {
  const name = e.name ?? (typeof e.properties?.name === 'string' ? e.properties.name : undefined);
  switch (e.type) {
    case 'identify':
      return IDENTIFY;
    case 'group':
      return GROUP_IDENTIFY;
    case 'page':
      return name ? `Viewed ${name} Page` : 'Loaded a Page';
    case 'screen':
      return name ? `Viewed ${name} Screen` : 'Loaded a Screen';
    default:
      return e.event ?? 'Unknown Event';
  }
}

function contextFields(ctx: Obj, out: Obj): void {
  const ip = ctx.ip;
  if (typeof ip === 'string' && isIP(ip) !== 0) out.ip = ip;
  for (const [field, path] of CONTEXT_FIELDS) {
    const v = getPath(ctx, path);
    if (v !== undefined) out[field] = v;
  }
  if (isObject(ctx.device))
    for (const [k, v] of Object.entries(ctx.device))
      if (k !== 'id' && v !== undefined) out[`${DEVICE_PREFIX}${k}`] = v;
  const lib = ctx.library;
  if (isObject(lib) && typeof lib.name === 'string')
    out.library = typeof lib.version === 'string' ? `${lib.name}/${lib.version}` : lib.name;
  if (ctx.groups !== undefined) out.groups = ctx.groups;
}

/** Merge user properties: `extra` (raw Amplitude operations) first, then the mapped ones. */
function mergeOps(extra: unknown, mapped: Obj | undefined): Obj | undefined {
  if (!isObject(extra)) return mapped;
  const out: Obj = { ...extra };
  for (const [op, v] of Object.entries(mapped ?? {}))
    out[op] = isObject(v) && isObject(out[op]) ? { ...(out[op] as Obj), ...v } : v;
  return out;
}

/**
 * Encode one event. `alias` has no HTTP V2 equivalent (Amplitude aliases through its separate
 * User Mapping API) and returns undefined; the exporter reports it as permanent.
 */
export function encodeEvent(e: CanonicalEvent): Obj | undefined {
  if (e.type === 'alias') return undefined;
  const ctx: Obj = isObject(e.context) ? e.context : {};
  const extra: Obj = isObject(ctx.amplitude) ? ctx.amplitude : {};
  const out: Obj = { event_type: eventType(e) };
  if (e.userId !== undefined) out.user_id = e.userId;
  if (e.anonymousId !== undefined) out.device_id = e.anonymousId;
  if (e.timestamp !== undefined) out.time = Date.parse(e.timestamp);
  if (e.messageId !== undefined) out.insert_id = e.messageId;
  if (e.properties !== undefined) out.event_properties = e.properties;
  contextFields(ctx, out);
  let user: Obj | undefined;
  let group: Obj | undefined;
  if (e.type === 'identify') user = operationProperties(e.operation, e.traits);
  else if (isObject(ctx.traits)) user = { $set: ctx.traits };
  if (e.type === 'group') {
    out.groups = { [e.groupType ?? DEFAULT_GROUP_TYPE]: e.groupId };
    group = operationProperties(e.operation, e.traits);
  }
  const up = mergeOps(extra.user_properties, user);
  const gp = mergeOps(extra.group_properties, group);
  if (up !== undefined) out.user_properties = up;
  if (gp !== undefined) out.group_properties = gp;
  // Only fields without a canonical place come back from context.amplitude (see isMapped).
  for (const [k, v] of Object.entries(extra)) if (!isMapped(k) && !(k in out)) out[k] = v;
  return out;
}
