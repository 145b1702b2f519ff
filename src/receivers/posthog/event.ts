/**
 * One PostHog event → canonical event candidates (docs/wire-mapping.md, "Posthog"). Pure apart
 * from `randomUUID` for events without `uuid`. The candidates still need `parseCanonical`.
 */
import { randomUUID } from 'node:crypto';
import { isObject } from '../body.js';
import { objectCopy, takeContext, takeString } from './context.js';
import { derivedUuid } from './uuid.js';

/** The source credential fields of one event, in the order they are looked up. */
export function eventToken(raw: Record<string, unknown>): string | undefined {
  const props = isObject(raw.properties) ? raw.properties : {};
  for (const v of [raw.api_key, raw.token, props.token, props.$token])
    if (typeof v === 'string' && v !== '') return v;
  return undefined;
}

/**
 * `distinct_id` is the user id unless the event says the user is anonymous:
 * `$is_identified === false`, or `distinct_id` equal to `$device_id` (posthog-js before
 * identify). An identified event's `$device_id` becomes `anonymousId`.
 */
function identity(
  distinctId: unknown,
  props: Record<string, unknown>,
): { userId?: unknown; anonymousId?: unknown } {
  const device = props.$device_id;
  const hasDevice = typeof device === 'string' && device !== '';
  if (props.$is_identified === false || (hasDevice && device === distinctId))
    return { anonymousId: distinctId };
  return hasDevice ? { userId: distinctId, anonymousId: device } : { userId: distinctId };
}

function timestamp(raw: Record<string, unknown>, receivedAt: number): string | unknown {
  const t = raw.timestamp;
  if (typeof t === 'number' && Number.isFinite(t))
    return safeIso(t < 1e11 ? t * 1000 : t) ?? String(t);
  if (t !== undefined && t !== null) return t;
  const offset = typeof raw.offset === 'number' && Number.isFinite(raw.offset) ? raw.offset : 0;
  return safeIso(receivedAt - offset) ?? new Date(receivedAt).toISOString();
}

function safeIso(ms: number): string | undefined {
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/**
 * Map one PostHog event (`{event, properties, distinct_id, uuid, timestamp, $set, $set_once …}`)
 * to one or two canonical candidates. `$identify` carrying both non-empty `$set` and
 * `$set_once` becomes two identify events: `$set` (keeps `uuid`) then `$set_once` (messageId
 * derived from `uuid`, so it is stable too).
 */
export function toCanonical(raw: Record<string, unknown>, clientIp: string, receivedAt: number) {
  const props = objectCopy(raw.properties);
  for (const k of ['api_key', 'token', '$token', 'distinct_id']) delete props[k];
  const inner = isObject(raw.properties) ? raw.properties.distinct_id : undefined;
  const distinctId = raw.distinct_id ?? raw.$distinct_id ?? inner;
  const messageId = typeof raw.uuid === 'string' && raw.uuid !== '' ? raw.uuid : randomUUID();
  const base: Record<string, unknown> = {
    ...identity(distinctId, props),
    messageId,
    timestamp: timestamp(raw, receivedAt),
  };
  const context = takeContext(raw, props, clientIp);
  if (Object.keys(context).length > 0) base.context = context;
  const set = raw.$set ?? props.$set;
  const setOnce = raw.$set_once ?? props.$set_once;
  const name = typeof raw.event === 'string' ? raw.event : undefined;
  if (name === '$identify') return identify(base, props, set, setOnce);
  if (raw.$set !== undefined) props.$set = raw.$set;
  if (raw.$set_once !== undefined) props.$set_once = raw.$set_once;
  return [typed(name, base, props)];
}

function typed(
  name: string | undefined,
  base: Record<string, unknown>,
  props: Record<string, unknown>,
) {
  switch (name) {
    case '$pageview':
      return { ...base, type: 'page', properties: props };
    case '$screen': {
      const screen = takeString(props, '$screen_name');
      return {
        ...base,
        type: 'screen',
        ...(screen !== undefined && { name: screen }),
        properties: props,
      };
    }
    case '$groupidentify': {
      const { $group_type: groupType, $group_key: groupId, $group_set: traits, ...rest } = props;
      const key = typeof groupId === 'number' ? String(groupId) : groupId;
      return {
        ...base,
        type: 'group',
        groupType,
        groupId: key,
        traits: traits ?? {},
        properties: rest,
      };
    }
    case '$create_alias': {
      const { alias: previousId, ...rest } = props;
      return { ...base, type: 'alias', previousId, properties: rest };
    }
    default:
      return { ...base, type: 'track', event: name, properties: props };
  }
}

function identify(
  base: Record<string, unknown>,
  props: Record<string, unknown>,
  set: unknown,
  setOnce: unknown,
): Record<string, unknown>[] {
  delete props.$set;
  delete props.$set_once;
  const has = (v: unknown) => isObject(v) && Object.keys(v).length > 0;
  const one = (traits: unknown, operation: string, messageId: unknown) => ({
    ...base,
    messageId,
    type: 'identify',
    operation,
    traits: traits ?? {},
    properties: props,
  });
  if (has(set) && has(setOnce))
    return [
      one(set, '$set', base.messageId),
      one(setOnce, '$set_once', derivedUuid(`${String(base.messageId)}:$set_once`)),
    ];
  if (has(setOnce)) return [one(setOnce, '$set_once', base.messageId)];
  return [one(set, '$set', base.messageId)];
}
