/**
 * The canonical event: the Segment spec shape every receiver decodes into and every exporter
 * encodes from. Validation reports every problem with its dotted path.
 */
import { z } from 'zod';
import { isCanonicalIso } from './time.js';

const json = z.record(z.string(), z.unknown());
const id = z.union([z.string().min(1).max(1024), z.number().finite()]).transform((v) => String(v));

const page = z.looseObject({
  url: z.string().max(65_536).optional(),
  referrer: z.string().max(65_536).optional(),
  path: z.string().max(65_536).optional(),
  title: z.string().max(65_536).optional(),
  search: z.string().max(65_536).optional(),
});

const context = z.looseObject({
  ip: z.string().max(64).optional(),
  userAgent: z.string().max(8192).optional(),
  locale: z.string().max(64).optional(),
  page: page.optional(),
});

/**
 * Profile operations (Mixpanel `/engage` and `/groups`, PostHog `$set_once`, Amplitude identify
 * operations) carried on identify/group events as the top-level `operation` field; absent means
 * `$set`. `$unset` and `$remove` name the traits affected; `$delete` deletes the profile.
 */
export const PROFILE_OPERATIONS = [
  '$set',
  '$set_once',
  '$add',
  '$union',
  '$append',
  '$remove',
  '$unset',
  '$delete',
] as const;

/** Event types of the Segment spec. */
export const EVENT_TYPES = ['track', 'identify', 'page', 'screen', 'group', 'alias'] as const;

/** Zod schema of a canonical event; unknown top-level fields are kept (they are data too). */
export const CanonicalEventSchema = z
  .looseObject({
    type: z.enum(EVENT_TYPES),
    event: z.string().min(1).max(1024).optional(),
    name: z.string().max(1024).optional(),
    userId: id.optional(),
    anonymousId: id.optional(),
    groupId: id.optional(),
    previousId: id.optional(),
    messageId: z.string().min(1).max(1024).optional(),
    operation: z.enum(PROFILE_OPERATIONS).optional(),
    groupType: z
      .string()
      .regex(/^[A-Za-z0-9_$.: -]{1,128}$/, { message: 'a group type is a short name' })
      .optional(),
    timestamp: z.string().max(64).optional(),
    sentAt: z.string().max(64).optional(),
    context: context.optional(),
    properties: json.optional(),
    traits: json.optional(),
    integrations: json.optional(),
  })
  .superRefine((e, ctx) => {
    if (e.type === 'track' && e.event === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['event'],
        message: 'a track event needs an event name',
      });
    // A group profile update (a group event with a group type) concerns a group, not a user.
    const groupProfile = e.type === 'group' && e.groupType !== undefined;
    if (e.userId === undefined && e.anonymousId === undefined && !groupProfile)
      ctx.addIssue({ code: 'custom', path: ['userId'], message: 'needs userId or anonymousId' });
    if (e.type === 'group' && e.groupId === undefined)
      ctx.addIssue({ code: 'custom', path: ['groupId'], message: 'a group event needs groupId' });
    if (e.type === 'alias' && e.previousId === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['previousId'],
        message: 'an alias event needs previousId',
      });
    if (
      e.timestamp !== undefined &&
      !isCanonicalIso(e.timestamp) &&
      Number.isNaN(Date.parse(e.timestamp))
    )
      ctx.addIssue({ code: 'custom', path: ['timestamp'], message: 'not an ISO 8601 date-time' });
  });

/** A validated canonical event. Ids are strings. */
export type CanonicalEvent = z.infer<typeof CanonicalEventSchema>;

const compiled = z.compile(CanonicalEventSchema);

/** Result of parsing: the event, or every problem as `dotted.path: message`. */
export type ParseResult =
  | { readonly ok: true; readonly event: CanonicalEvent }
  | { readonly ok: false; readonly problems: readonly string[] };

/** Render zod issues as `dotted.path: message` lines. */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map(
    (i) => `${i.path.length ? i.path.map(String).join('.') : '(root)'}: ${i.message}`,
  );
}

type Obj = Record<string, unknown>;

/** A JSON-like object: not an array, plain or null prototype (what `JSON.parse` makes). */
function plain(v: unknown): v is Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

const str = (v: unknown, min: number, max: number): v is string =>
  typeof v === 'string' && v.length >= min && v.length <= max;

/** An id as the schema's `id` outputs it (a finite number as its string), else undefined. */
const idOf = (v: unknown): string | undefined =>
  typeof v === 'string'
    ? v.length >= 1 && v.length <= 1024
      ? v
      : undefined
    : typeof v === 'number' && Number.isFinite(v)
      ? String(v)
      : undefined;

const TYPES = new Set<string>(EVENT_TYPES);
const OPERATIONS = new Set<string>(PROFILE_OPERATIONS);
const GROUP_TYPE = /^[A-Za-z0-9_$.: -]{1,128}$/;
const ID_KEYS = ['userId', 'anonymousId', 'groupId', 'previousId'] as const;
/** The schema's own keys: every other key is copied after them, as the schema does. */
const TOP_KEYS: ReadonlySet<string> = new Set(Object.keys(CanonicalEventSchema.shape));
const CONTEXT_KEYS: ReadonlySet<string> = new Set(Object.keys(context.shape));
const PAGE_KEYS = ['url', 'referrer', 'path', 'title', 'search'] as const;
const PAGE_KEY_SET: ReadonlySet<string> = new Set(Object.keys(page.shape));

/**
 * Copy into `out` the own keys of `from` not in `known`, in their order; false when the object
 * is unusual: a key whose value is `undefined` (known or not: the schema would keep it), or a
 * `__proto__` key (assignment would make it the prototype).
 */
function copyRest(out: Obj, from: Obj, known: ReadonlySet<string> | undefined): boolean {
  for (const k of Object.keys(from)) {
    const v = from[k];
    if (v === undefined || k === '__proto__') return false;
    if (known?.has(k) !== true) out[k] = v;
  }
  return true;
}

/** A `z.record(z.string(), z.unknown())` value as the schema outputs it (a shallow copy). */
function record(v: unknown): Obj | undefined {
  if (!plain(v)) return undefined;
  const out: Obj = {};
  return copyRest(out, v, undefined) ? out : undefined;
}

/** `context` as the schema outputs it, or undefined when anything is unusual. */
function contextOf(v: unknown): Obj | undefined {
  if (!plain(v)) return undefined;
  const out: Obj = {};
  const { ip, userAgent, locale, page } = v;
  if (ip !== undefined) {
    if (!str(ip, 0, 64)) return undefined;
    out.ip = ip;
  }
  if (userAgent !== undefined) {
    if (!str(userAgent, 0, 8192)) return undefined;
    out.userAgent = userAgent;
  }
  if (locale !== undefined) {
    if (!str(locale, 0, 64)) return undefined;
    out.locale = locale;
  }
  if (page !== undefined) {
    if (!plain(page)) return undefined;
    const p: Obj = {};
    for (const k of PAGE_KEYS) {
      const x = page[k];
      if (x === undefined) continue;
      if (!str(x, 0, 65_536)) return undefined;
      p[k] = x;
    }
    if (!copyRest(p, page, PAGE_KEY_SET)) return undefined;
    out.page = p;
  }
  return copyRest(out, v, CONTEXT_KEYS) ? out : undefined;
}

/**
 * The schema's output for a valid event of the usual kind, built directly: the same keys in
 * the same order (the schema's own keys first, in its order, then the others as they came), the
 * same copies (`context`, `context.page`, `properties`, `traits`, `integrations`) and the same
 * shared values. Undefined whenever anything is unusual or invalid: then the schema decides, and
 * reports every problem. `src/pipeline/event.test.ts` compares the two over generated events.
 * Exported for that test.
 */
export function quickCanonical(value: unknown): CanonicalEvent | undefined {
  if (!plain(value)) return undefined;
  const v = value;
  if (typeof v.type !== 'string' || !TYPES.has(v.type)) return undefined;
  const out: Obj = { type: v.type };
  if (v.event !== undefined) {
    if (!str(v.event, 1, 1024)) return undefined;
    out.event = v.event;
  }
  if (v.name !== undefined) {
    if (!str(v.name, 0, 1024)) return undefined;
    out.name = v.name;
  }
  for (const k of ID_KEYS) {
    if (v[k] === undefined) continue;
    const x = idOf(v[k]);
    if (x === undefined) return undefined;
    out[k] = x;
  }
  if (v.messageId !== undefined) {
    if (!str(v.messageId, 1, 1024)) return undefined;
    out.messageId = v.messageId;
  }
  if (v.operation !== undefined) {
    if (typeof v.operation !== 'string' || !OPERATIONS.has(v.operation)) return undefined;
    out.operation = v.operation;
  }
  if (v.groupType !== undefined) {
    if (typeof v.groupType !== 'string' || !GROUP_TYPE.test(v.groupType)) return undefined;
    out.groupType = v.groupType;
  }
  for (const k of ['timestamp', 'sentAt'] as const) {
    if (v[k] === undefined) continue;
    if (!str(v[k], 0, 64)) return undefined;
    out[k] = v[k];
  }
  if (v.context !== undefined) {
    const c = contextOf(v.context);
    if (c === undefined) return undefined;
    out.context = c;
  }
  for (const k of ['properties', 'traits', 'integrations'] as const) {
    if (v[k] === undefined) continue;
    const r = record(v[k]);
    if (r === undefined) return undefined;
    out[k] = r;
  }
  if (!copyRest(out, v, TOP_KEYS)) return undefined;
  // The schema's refinements.
  const type = out.type;
  if (type === 'track' && out.event === undefined) return undefined;
  const groupProfile = type === 'group' && out.groupType !== undefined;
  if (out.userId === undefined && out.anonymousId === undefined && !groupProfile) return undefined;
  if (type === 'group' && out.groupId === undefined) return undefined;
  if (type === 'alias' && out.previousId === undefined) return undefined;
  const ts = out.timestamp as string | undefined;
  if (ts !== undefined && !isCanonicalIso(ts) && Number.isNaN(Date.parse(ts))) return undefined;
  return out as CanonicalEvent;
}

/** Validate `value` as a canonical event. Never throws. */
export function parseCanonical(value: unknown): ParseResult {
  const quick = quickCanonical(value);
  if (quick !== undefined) return { ok: true, event: quick };
  const r = compiled.safeParse(value);
  return r.success
    ? { ok: true, event: r.data }
    : { ok: false, problems: formatIssues(r.error.issues) };
}
