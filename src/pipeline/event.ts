/**
 * The canonical event: the Segment spec shape every receiver decodes into and every exporter
 * encodes from. Validation reports every problem with its dotted path.
 */
import { z } from 'zod';
import { isCanonicalIso } from './time.js';

/** Longest event name, message id and id; longest `name`. */
const NAME_MAX = 1024;
/** Longest IP, locale, timestamp and `sentAt`. */
const SHORT_MAX = 64;
const USER_AGENT_MAX = 8192;
/** Longest page URL, referrer, path, title and search. */
const PAGE_MAX = 65_536;
const GROUP_TYPE = /^[A-Za-z0-9_$.: -]{1,128}$/;

const json = z.record(z.string(), z.unknown());
const id = z
  .union([z.string().min(1).max(NAME_MAX), z.number().finite()])
  .transform((v) => String(v));

const page = z.looseObject({
  url: z.string().max(PAGE_MAX).optional(),
  referrer: z.string().max(PAGE_MAX).optional(),
  path: z.string().max(PAGE_MAX).optional(),
  title: z.string().max(PAGE_MAX).optional(),
  search: z.string().max(PAGE_MAX).optional(),
});

const context = z.looseObject({
  ip: z.string().max(SHORT_MAX).optional(),
  userAgent: z.string().max(USER_AGENT_MAX).optional(),
  locale: z.string().max(SHORT_MAX).optional(),
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

/** The fields the cross-field rules read. */
interface Refinable {
  readonly type: string;
  readonly event?: unknown;
  readonly userId?: unknown;
  readonly anonymousId?: unknown;
  readonly groupId?: unknown;
  readonly groupType?: unknown;
  readonly previousId?: unknown;
  readonly timestamp?: unknown;
}

/**
 * The schema's rules across fields, as `[field, message]` for each one `e` breaks (none for a
 * valid event). Shared by the schema and the direct path (`quickCanonical`).
 */
function crossFieldProblems(e: Refinable): [string, string][] {
  const out: [string, string][] = [];
  if (e.type === 'track' && e.event === undefined)
    out.push(['event', 'a track event needs an event name']);
  // A group profile update (a group event with a group type) concerns a group, not a user.
  const groupProfile = e.type === 'group' && e.groupType !== undefined;
  if (e.userId === undefined && e.anonymousId === undefined && !groupProfile)
    out.push(['userId', 'needs userId or anonymousId']);
  if (e.type === 'group' && e.groupId === undefined)
    out.push(['groupId', 'a group event needs groupId']);
  if (e.type === 'alias' && e.previousId === undefined)
    out.push(['previousId', 'an alias event needs previousId']);
  const ts = e.timestamp;
  if (typeof ts === 'string' && !isCanonicalIso(ts) && Number.isNaN(Date.parse(ts)))
    out.push(['timestamp', 'not an ISO 8601 date-time']);
  return out;
}

/** Zod schema of a canonical event; unknown top-level fields are kept (they are data too). */
export const CanonicalEventSchema = z
  .looseObject({
    type: z.enum(EVENT_TYPES),
    event: z.string().min(1).max(NAME_MAX).optional(),
    name: z.string().max(NAME_MAX).optional(),
    userId: id.optional(),
    anonymousId: id.optional(),
    groupId: id.optional(),
    previousId: id.optional(),
    messageId: z.string().min(1).max(NAME_MAX).optional(),
    operation: z.enum(PROFILE_OPERATIONS).optional(),
    groupType: z.string().regex(GROUP_TYPE, { message: 'a group type is a short name' }).optional(),
    timestamp: z.string().max(SHORT_MAX).optional(),
    sentAt: z.string().max(SHORT_MAX).optional(),
    context: context.optional(),
    properties: json.optional(),
    traits: json.optional(),
    integrations: json.optional(),
  })
  .superRefine((e, ctx) => {
    for (const [field, message] of crossFieldProblems(e))
      ctx.addIssue({ code: 'custom', path: [field], message });
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

/** What a field check returns for a value the schema would refuse. */
const INVALID = Symbol('invalid');
/** A field's value as the schema outputs it, or INVALID. */
type Check = (v: unknown) => unknown;

const text =
  (min: number, max: number): Check =>
  (v) =>
    typeof v === 'string' && v.length >= min && v.length <= max ? v : INVALID;
const oneOf = (values: readonly string[]): Check => {
  const set = new Set(values);
  return (v) => (typeof v === 'string' && set.has(v) ? v : INVALID);
};
const textId = text(1, NAME_MAX);
/** The schema's `id`: a string, or a finite number as its string. */
const idCheck: Check = (v) =>
  typeof v === 'number' ? (Number.isFinite(v) ? String(v) : INVALID) : textId(v);
const short = text(0, SHORT_MAX);
const pageText = text(0, PAGE_MAX);

/**
 * Copy into `out` the own keys of `from` not in `known`, in their order; false when the object
 * is unusual: a key whose value is `undefined` (known or not: the schema would keep it), or a
 * `__proto__` key (assignment would make it the prototype).
 */
function copyRest(out: Obj, from: Obj, known: ReadonlySet<string>): boolean {
  for (const k of Object.keys(from)) {
    const v = from[k];
    if (v === undefined || k === '__proto__') return false;
    if (!known.has(k)) out[k] = v;
  }
  return true;
}

/**
 * An object as a `looseObject` of the schema outputs it: the fields of `checks` present (in the
 * schema's order, each as its check outputs it), then the other keys as they came; undefined
 * when a check refuses its field or the object is unusual.
 */
function object(
  v: unknown,
  checks: readonly (readonly [string, Check])[],
  known: ReadonlySet<string>,
): Obj | undefined {
  if (!plain(v)) return undefined;
  const out: Obj = {};
  for (const [k, check] of checks) {
    const x = v[k];
    if (x === undefined) continue;
    const y = check(x);
    if (y === INVALID) return undefined;
    out[k] = y;
  }
  return copyRest(out, v, known) ? out : undefined;
}

const NO_KEYS: ReadonlySet<string> = new Set();
/** `z.record(z.string(), z.unknown())`: a shallow copy. */
const record: Check = (v) => object(v, [], NO_KEYS) ?? INVALID;

const PAGE_KEYS: ReadonlySet<string> = new Set(Object.keys(page.shape));
const PAGE: readonly (readonly [string, Check])[] = [...PAGE_KEYS].map((k) => [k, pageText]);
const CONTEXT_KEYS: ReadonlySet<string> = new Set(Object.keys(context.shape));
const CONTEXT: readonly (readonly [string, Check])[] = [
  ['ip', short],
  ['userAgent', text(0, USER_AGENT_MAX)],
  ['locale', short],
  ['page', (v) => object(v, PAGE, PAGE_KEYS) ?? INVALID],
];
/** The schema's own keys: every other key is copied after them, as the schema does. */
const TOP_KEYS: ReadonlySet<string> = new Set(Object.keys(CanonicalEventSchema.shape));
/** The schema's fields, in its order. */
const TOP: readonly (readonly [string, Check])[] = [
  ['type', oneOf(EVENT_TYPES)],
  ['event', textId],
  ['name', text(0, NAME_MAX)],
  ['userId', idCheck],
  ['anonymousId', idCheck],
  ['groupId', idCheck],
  ['previousId', idCheck],
  ['messageId', textId],
  ['operation', oneOf(PROFILE_OPERATIONS)],
  ['groupType', (v) => (typeof v === 'string' && GROUP_TYPE.test(v) ? v : INVALID)],
  ['timestamp', short],
  ['sentAt', short],
  ['context', (v) => object(v, CONTEXT, CONTEXT_KEYS) ?? INVALID],
  ['properties', record],
  ['traits', record],
  ['integrations', record],
];

/**
 * The schema's output for a valid event of the usual kind, built directly: the same keys in
 * the same order (the schema's own keys first, in its order, then the others as they came), the
 * same copies (`context`, `context.page`, `properties`, `traits`, `integrations`) and the same
 * shared values. Undefined whenever anything is unusual or invalid: then the schema decides, and
 * reports every problem. `src/pipeline/event.test.ts` compares the two over generated events.
 * Exported for that test.
 */
export function quickCanonical(value: unknown): CanonicalEvent | undefined {
  const out = object(value, TOP, TOP_KEYS);
  if (out === undefined || out.type === undefined) return undefined;
  return crossFieldProblems(out as unknown as Refinable).length === 0
    ? (out as CanonicalEvent)
    : undefined;
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
