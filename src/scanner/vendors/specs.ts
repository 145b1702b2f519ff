/**
 * Shared building blocks for vendor definitions: short builders for the argument specs, sinks and
 * command-style sinks every SDK is described with, and the call shapes of the Segment spec, which
 * several SDKs implement (Segment, RudderStack, Customer.io Data Pipelines). Not a vendor: only
 * the vendor files import it, and `index.ts` does not list it.
 *
 * Every argument builder takes the 0-based position first (`undefined` for a key of an options
 * object or a keyword-only Python argument) and the Python keyword last; a builder leaves out a
 * key it is not given, so its result equals the literal it replaces.
 */
import type { ArgSpec, Member, Sink, TypeSpec } from './types.js';

/** The `index` and `keyword` keys, each present only when given. */
const at = (index?: number, keyword?: string): { index?: number; keyword?: string } => ({
  ...(index !== undefined ? { index } : {}),
  ...(keyword !== undefined ? { keyword } : {}),
});

/** A member that sends its arguments to the vendor: `{sinks: [{kind, args}]}`. */
export const sink = (kind: Sink['kind'], args: readonly ArgSpec[]): Member => ({
  sinks: [{ kind, args }],
});

/**
 * A sink of a command-style global (`gtag('event', …)`, `Intercom('boot', …)`): it applies only
 * when argument 0 is one of `names` (with `scoped`, followed or not by that separator and more:
 * Snowplow's `'trackStructEvent:sp1'`).
 */
export const command = (
  names: string | readonly string[],
  kind: Sink['kind'],
  args: readonly ArgSpec[],
  scoped?: string,
): Sink => ({
  kind,
  args,
  when: {
    arg: 0,
    equals: typeof names === 'string' ? [names] : names,
    ...(scoped !== undefined && { scoped }),
  },
});

/** An object whose keys are properties, landing under `path`: `fields(1, 'traits')`. */
export const fields = (index: number | undefined, path: string, keyword?: string): ArgSpec => ({
  ...at(index, keyword),
  role: 'fields',
  path,
});

/** Event properties: `fields(index, 'properties')`. */
export const props = (index: number | undefined, keyword?: string): ArgSpec =>
  fields(index, 'properties', keyword);

/** `set('plan', 'pro')` or `set({plan: 'pro'})`: a key and the next argument, or an object. */
export const pairs = (index: number, path = 'traits'): ArgSpec => ({
  index,
  role: 'fields',
  path,
  pair: true,
});

/** A user identifier, landing at `path` (`userId` unless told). */
export const id = (index: number | undefined, path = 'userId', keyword?: string): ArgSpec => ({
  ...at(index, keyword),
  role: 'identity',
  path,
});

/** A browser-generated anonymous id (a cookie id), landing at `anonymousId`. */
export const anonymousId = (index?: number, keyword?: string): ArgSpec => ({
  ...at(index, keyword),
  role: 'identity',
  path: 'anonymousId',
  category: 'user.device.cookie_id',
});

/** An org/group identifier, landing at `groupId`. */
export const groupId = (index: number | undefined, keyword?: string): ArgSpec => ({
  ...at(index, keyword),
  role: 'group-identity',
  path: 'groupId',
});

/** The event's name. */
export const eventName = (index: number | undefined, keyword?: string): ArgSpec => ({
  ...at(index, keyword),
  role: 'event-name',
});

/** Free text (a log line, an error message, a page path), landing at `path`. */
export const message = (index: number | undefined, path: string, keyword?: string): ArgSpec => ({
  ...at(index, keyword),
  role: 'message',
  path,
});

/** `setTag(key, value)`: the value (argument 1) lands at `path.<key>` (key from argument 0). */
export const keyed = (path: string, keyword?: string): ArgSpec => ({
  ...at(1, keyword),
  role: 'value',
  keyFrom: 0,
  path,
});

/** An options object at `index` whose listed keys carry data. */
export const options = (
  index: number | undefined,
  known: Readonly<Record<string, ArgSpec>>,
): ArgSpec => ({ ...at(index), role: 'object', fields: known });

/**
 * Keys of an options object that each hold properties kept under the key's own name:
 * `namedFields('context', 'params')` is `{context: fields(undefined, 'context'), params: …}`.
 */
export const namedFields = (...keys: readonly string[]): Readonly<Record<string, ArgSpec>> =>
  Object.fromEntries(keys.map((key) => [key, fields(undefined, key)]));

/**
 * The Segment spec's positional browser calls (analytics.js and the SDKs that copy it): the
 * arguments all of them read; `more` appends an SDK's own (its options argument).
 */
export const SEGMENT_BROWSER = {
  track: (...more: readonly ArgSpec[]): Member => sink('event', [eventName(0), props(1), ...more]),
  /** `page(category, name, properties)` and `page(name, properties)`: both read. */
  page: (...more: readonly ArgSpec[]): Member =>
    sink('page', [eventName(0), props(1), props(2), ...more]),
  identify: (...more: readonly ArgSpec[]): Member =>
    sink('identify', [id(0), fields(1, 'traits'), ...more]),
  /** `group(groupId, traits)`: the traits land under `traits` (Segment) or `group` (its forks). */
  group: (traits: string, ...more: readonly ArgSpec[]): Member =>
    sink('group', [groupId(0), fields(1, traits), ...more]),
  alias: sink('alias', [id(0), id(1, 'previousId')]),
} as const;

/** The fields of the Segment spec's message objects (`track({userId, event, properties})`). */
export const SEGMENT_NODE_FIELDS: Readonly<Record<string, ArgSpec>> = {
  userId: id(undefined),
  anonymousId: anonymousId(),
  previousId: id(undefined, 'previousId'),
  groupId: groupId(undefined),
  event: eventName(undefined),
  name: eventName(undefined),
  properties: props(undefined),
  traits: fields(undefined, 'traits'),
  context: fields(undefined, 'context'),
};

/** A server-side Segment-spec call: one message object, with `overrides` replacing some fields. */
export const segmentNodeCall = (
  kind: Sink['kind'],
  overrides: Readonly<Record<string, ArgSpec>> = {},
): Member => sink(kind, [options(0, { ...SEGMENT_NODE_FIELDS, ...overrides })]);

/** The Segment spec's server-side calls (`@segment/analytics-node` and the SDKs that copy it). */
export const SEGMENT_NODE: TypeSpec = {
  track: segmentNodeCall('event'),
  identify: segmentNodeCall('identify'),
  group: segmentNodeCall('group'),
  page: segmentNodeCall('page'),
  screen: segmentNodeCall('page'),
  alias: segmentNodeCall('alias'),
};

/**
 * The types of a notice handed to a filter or hook callback, named `name`: each of `parts` is a
 * type of its own (`part:context`) whose assignment is a sink, so `notice.context = {…}` and
 * `notice.context.user = …` send the value under `context`.
 */
export const assignableNotice = (
  name: string,
  parts: readonly string[],
): Record<string, TypeSpec> => ({
  [name]: Object.fromEntries(parts.map((p) => [p, { type: `part:${p}` }])),
  ...Object.fromEntries(parts.map((p) => [`part:${p}`, { '=': sink('context', [fields(0, p)]) }])),
});
