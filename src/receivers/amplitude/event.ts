/**
 * One Amplitude HTTP V2 event → canonical event candidates (not yet validated). An `$identify`
 * or `$groupidentify` event becomes one canonical identify/group event per profile operation
 * (and per group), because a canonical event carries a single `operation`.
 */
import { randomUUID } from 'node:crypto';
import { isObject } from '../body.js';
import {
  CONTEXT_FIELDS,
  DEVICE_PREFIX,
  GROUP_IDENTIFY,
  IDENTIFY,
  OPERATION_TO_CANONICAL,
  REMOTE_IP,
  isMapped,
  type AmplitudeOperation,
} from './fields.js';

/** Request-level facts an event needs. */
export interface EventEnv {
  /** The request's client address, used for `ip: "$remote"`. */
  readonly clientIp: string;
  /** Arrival time (ms), the event time when the event has none. */
  readonly receivedAt: number;
  /** The request's `client_upload_time`, kept as `sentAt`. */
  readonly sentAt?: string;
}

type Obj = Record<string, unknown>;

/** One profile operation: the canonical operation, the Amplitude one, and its traits. */
export interface Op {
  readonly op: string;
  readonly amp: AmplitudeOperation;
  readonly traits: Obj;
}

/** Split Amplitude `user_properties`/`group_properties` into operations; `rest` keeps the others. */
export function splitOperations(value: unknown): { ops: Op[]; rest: Obj | undefined } {
  if (value === undefined || value === null) return { ops: [], rest: undefined };
  if (!isObject(value)) return { ops: [], rest: { value } };
  const found = new Map<AmplitudeOperation, Obj>();
  const plain: Obj = {};
  const rest: Obj = {};
  for (const [k, v] of Object.entries(value)) {
    if (Object.hasOwn(OPERATION_TO_CANONICAL, k) && (isObject(v) || k === '$clearAll'))
      found.set(k as AmplitudeOperation, isObject(v) ? v : {});
    else if (k.startsWith('$')) rest[k] = v;
    else plain[k] = v;
  }
  // Plain keys are what the legacy API treats as `$set`.
  if (Object.keys(plain).length > 0) found.set('$set', { ...plain, ...found.get('$set') });
  const ops: Op[] = [];
  for (const amp of Object.keys(OPERATION_TO_CANONICAL) as AmplitudeOperation[]) {
    const traits = found.get(amp);
    if (traits) ops.push({ op: OPERATION_TO_CANONICAL[amp], amp, traits });
  }
  return { ops, rest: Object.keys(rest).length > 0 ? rest : undefined };
}

function setPath(target: Obj, path: readonly string[], value: unknown): void {
  let o = target;
  for (const key of path.slice(0, -1)) {
    if (!isObject(o[key])) o[key] = {};
    o = o[key] as Obj;
  }
  o[path[path.length - 1]!] = value;
}

/** `time` (ms, or s below 1e11, or a date string) → ISO 8601; an unusable value passes through. */
export function toTimestamp(time: unknown, fallbackMs: number): unknown {
  if (time === undefined || time === null) return new Date(fallbackMs).toISOString();
  let ms = Number.NaN;
  if (typeof time === 'number') ms = time < 1e11 ? time * 1000 : time;
  else if (typeof time === 'string') ms = /^\d{1,16}$/.test(time) ? Number(time) : Date.parse(time);
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? String(time) : d.toISOString();
}

function buildContext(raw: Obj, env: EventEnv): Obj {
  const ctx: Obj = {};
  const extra: Obj = {};
  if (raw.ip !== undefined && raw.ip !== null)
    ctx.ip = raw.ip === REMOTE_IP ? env.clientIp : raw.ip;
  for (const [field, path] of CONTEXT_FIELDS)
    if (raw[field] !== undefined && raw[field] !== null) setPath(ctx, path, raw[field]);
  for (const [k, v] of Object.entries(raw)) {
    if (k.startsWith(DEVICE_PREFIX) && k !== 'device_id')
      setPath(ctx, ['device', k.slice(DEVICE_PREFIX.length)], v);
    else if (!isMapped(k)) extra[k] = v;
  }
  if (typeof raw.library === 'string') {
    const i = raw.library.lastIndexOf('/');
    ctx.library =
      i < 0
        ? { name: raw.library }
        : { name: raw.library.slice(0, i), version: raw.library.slice(i + 1) };
  } else if (raw.library !== undefined) extra.library = raw.library;
  if (Object.keys(extra).length > 0) ctx.amplitude = extra;
  return ctx;
}

function amplitudeExtra(ctx: Obj): Obj {
  if (!isObject(ctx.amplitude)) ctx.amplitude = {};
  return ctx.amplitude as Obj;
}

/** Group pairs `[type, id]` of an Amplitude `groups` object (a value may be a list of names). */
export function groupPairs(groups: unknown): [string, unknown][] {
  if (!isObject(groups)) return [];
  const out: [string, unknown][] = [];
  for (const [type, v] of Object.entries(groups))
    for (const id of Array.isArray(v) ? v : [v]) out.push([type, id]);
  return out;
}

/**
 * Canonical candidates for one Amplitude event, in order. Every candidate has a `messageId`:
 * `insert_id`, else a random UUID; the n-th extra event of a split identify gets `<id>:<n>`.
 */
export function toCanonical(raw: Obj, env: EventEnv): Obj[] {
  const id = raw.insert_id;
  const messageId =
    id === undefined || id === null || id === ''
      ? randomUUID()
      : typeof id === 'number'
        ? String(id)
        : id;
  const context = buildContext(raw, env);
  const base: Obj = {
    userId: identity(raw.user_id),
    anonymousId: identity(raw.device_id),
    messageId,
    timestamp: toTimestamp(raw.time, env.receivedAt),
    ...(env.sentAt !== undefined && { sentAt: env.sentAt }),
    ...(raw.event_properties !== undefined && { properties: raw.event_properties }),
  };
  if (raw.event_type === IDENTIFY) return identify(raw, base, context);
  if (raw.event_type === GROUP_IDENTIFY) return groupIdentify(raw, base, context);
  return [track(raw, base, context)];
}

function withIds(base: Obj, events: Obj[]): Obj[] {
  // Each extra event gets its own context copy without the raw (unmapped) operations, which
  // must reach the vendor once, with the first event.
  return events.map((e, i) => {
    if (i === 0) return e;
    const context = structuredClone(e.context) as Obj;
    if (isObject(context.amplitude)) {
      delete context.amplitude.user_properties;
      delete context.amplitude.group_properties;
      if (Object.keys(context.amplitude).length === 0) delete context.amplitude;
    }
    return { ...e, messageId: `${String(base.messageId)}:${i}`, context };
  });
}

function identity(v: unknown): unknown {
  return v === null || v === '' ? undefined : v;
}

function identify(raw: Obj, base: Obj, context: Obj): Obj[] {
  const { ops, rest } = splitOperations(raw.user_properties);
  if (rest) amplitudeExtra(context).user_properties = rest;
  if (raw.groups !== undefined) context.groups = raw.groups;
  const list = ops.length > 0 ? ops : [{ op: '$set', traits: {} }];
  return withIds(
    base,
    list.map((o) => ({ ...base, type: 'identify', operation: o.op, traits: o.traits, context })),
  );
}

function groupIdentify(raw: Obj, base: Obj, context: Obj): Obj[] {
  const { ops, rest } = splitOperations(raw.group_properties);
  if (rest) amplitudeExtra(context).group_properties = rest;
  if (raw.user_properties !== undefined)
    amplitudeExtra(context).user_properties = raw.user_properties;
  const pairs = groupPairs(raw.groups);
  const list = ops.length > 0 ? ops : [{ op: '$set', traits: {} }];
  const out: Obj[] = [];
  // No group at all still yields one candidate, so validation reports the missing groupId.
  for (const [groupType, groupId] of pairs.length > 0 ? pairs : [[undefined, undefined]])
    for (const o of list)
      out.push({
        ...base,
        type: 'group',
        groupType,
        groupId,
        operation: o.op,
        traits: o.traits,
        context,
      });
  return withIds(base, out);
}

function track(raw: Obj, base: Obj, context: Obj): Obj {
  const { ops, rest } = splitOperations(raw.user_properties);
  if (ops.length === 1 && ops[0]!.amp === '$set' && rest === undefined)
    context.traits = ops[0]!.traits;
  else if (raw.user_properties !== undefined)
    amplitudeExtra(context).user_properties = raw.user_properties;
  if (raw.groups !== undefined) context.groups = raw.groups;
  if (raw.group_properties !== undefined)
    amplitudeExtra(context).group_properties = raw.group_properties;
  return { ...base, type: 'track', event: raw.event_type, context };
}
