/**
 * Snowplow: `@snowplow/browser-tracker` (module functions `newTracker(id, collector, config)`,
 * `setUserId`, `trackSelfDescribingEvent({event: {schema, data}, context})`,
 * `trackStructEvent({category, action, label, property, value})`, `trackPageView`,
 * `addGlobalContexts`), the JavaScript tracker's global `snowplow('command', …)` (v3 object
 * arguments and v2 positional ones), and `@snowplow/node-tracker` (`buildSelfDescribingEvent`,
 * `buildStructEvent`, … payloads passed to `tracker.track(payload, context)`).
 *
 * Checked against @snowplow/browser-tracker 4.10, @snowplow/browser-tracker-core 4.10,
 * @snowplow/tracker-core 4.10 and @snowplow/node-tracker 4.10 type declarations. The global's
 * tracker-scoped commands (`'trackStructEvent:sp1'`) are not matched.
 */
import type { ArgSpec, ConfigRule, Member, Sink, TypeSpec, VendorDefinition } from './types.js';

const sink = (kind: Sink['kind'], args: readonly ArgSpec[]): Member => ({
  sinks: [{ kind, args }],
});
const fields = (index: number, path: string): ArgSpec => ({ index, role: 'fields', path });
const CONTEXT: ArgSpec = { role: 'fields', path: 'context' };

/** `{event: {schema, data}, context}` (v3+), or the v2 self-describing JSON `{schema, data}`. */
const selfDescribing = (index: number): ArgSpec => ({
  index,
  role: 'object',
  fields: {
    event: { role: 'object', fields: { data: { role: 'fields', path: 'properties' } } },
    data: { role: 'fields', path: 'properties' },
    context: CONTEXT,
  },
});
/** `{category, action, label, property, value, context}`: every field is sent. */
const structured = (index: number): ArgSpec => fields(index, 'properties');
const pageView = (index: number): ArgSpec => ({
  index,
  role: 'object',
  fields: { title: { role: 'message', path: 'page.title' }, context: CONTEXT },
});

/** `newTracker(id, collector, config)`: what the tracker keeps and what the collector sees. */
const TRACKER_RULES: readonly ConfigRule[] = [
  {
    id: 'ip-collection',
    arg: 2,
    when: [{ path: 'anonymousTracking.withServerAnonymisation', notIn: [true] }],
    severity: 'warning',
    message:
      'The collector records the client IP address and a network user id cookie with every event. Set `anonymousTracking: {withServerAnonymisation: true}`.',
  },
  {
    id: 'cookie-persistence',
    arg: 2,
    when: [
      { path: 'anonymousTracking', notIn: [true] },
      { path: 'stateStorageStrategy', notIn: ['none', 'localStorage'] },
    ],
    severity: 'note',
    message:
      'The domain user id, the session and the user id persist in first-party cookies sent with every request to your domain. Use `anonymousTracking` or `stateStorageStrategy: "localStorage"`.',
  },
];

const BROWSER: TypeSpec = {
  newTracker: { config: TRACKER_RULES },
  setUserId: sink('identify', [{ index: 0, role: 'identity', path: 'userId' }]),
  trackSelfDescribingEvent: sink('event', [selfDescribing(0)]),
  trackStructEvent: sink('event', [structured(0)]),
  trackPageView: sink('page', [pageView(0)]),
  addGlobalContexts: sink('context', [fields(0, 'context')]),
};

/** The global `snowplow(command, …)`: `window.snowplow('setUserId', id)`. */
const GLOBAL: Member = {
  sinks: [
    {
      kind: 'identify',
      when: { arg: 0, equals: ['setUserId'] },
      args: [{ index: 1, role: 'identity', path: 'userId' }],
    },
    {
      kind: 'event',
      when: { arg: 0, equals: ['trackSelfDescribingEvent', 'trackUnstructEvent'] },
      args: [selfDescribing(1), fields(2, 'context')],
    },
    {
      // v3 `{category, action, label, …}`; v2 positional `(category, action, label, property, value)`.
      kind: 'event',
      when: { arg: 0, equals: ['trackStructEvent'] },
      args: [
        structured(1),
        { index: 3, role: 'value', path: 'properties', key: 'label' },
        { index: 4, role: 'value', path: 'properties', key: 'property' },
      ],
    },
    { kind: 'page', when: { arg: 0, equals: ['trackPageView'] }, args: [pageView(1)] },
    {
      kind: 'context',
      when: { arg: 0, equals: ['addGlobalContexts'] },
      args: [fields(1, 'context')],
    },
  ],
};

/** @snowplow/node-tracker: payload builders, and the tracker that sends them. */
const NODE_MODULE: TypeSpec = {
  newTracker: { returns: 'node-tracker' },
  buildSelfDescribingEvent: sink('event', [selfDescribing(0)]),
  buildStructEvent: sink('event', [structured(0)]),
  buildPageView: sink('page', [
    { index: 0, role: 'object', fields: { pageTitle: { role: 'message', path: 'page.title' } } },
  ]),
};
const NODE_TRACKER: TypeSpec = {
  track: sink('event', [fields(1, 'context')]),
  setUserId: sink('identify', [{ index: 0, role: 'identity', path: 'userId' }]),
  setDomainUserId: sink('identify', [
    { index: 0, role: 'identity', path: 'domainUserId', category: 'user.device.cookie_id' },
  ]),
  setNetworkUserId: sink('identify', [
    { index: 0, role: 'identity', path: 'networkUserId', category: 'user.device.cookie_id' },
  ]),
};

/** Snowplow definition: browser tracker package and global, Node tracker. */
export const snowplow: VendorDefinition = {
  id: 'snowplow',
  name: 'Snowplow',
  role: 'product-analytics',
  docs: 'https://docs.snowplow.io/docs/sources/trackers/web-trackers/',
  js: {
    modules: {
      '@snowplow/browser-tracker': { namespace: 'browser' },
      '@snowplow/node-tracker': { namespace: 'node-module' },
    },
    globals: { snowplow: 'global' },
  },
  types: {
    browser: BROWSER,
    global: { '()': GLOBAL },
    'node-module': NODE_MODULE,
    'node-tracker': NODE_TRACKER,
  },
};
