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
 * commands may name the trackers they are for (`'trackStructEvent:sp1;sp2'`).
 */
import { command, fields, id, message, options, props, sink } from './specs.js';
import type { ArgSpec, ConfigRule, Member, Sink, TypeSpec, VendorDefinition } from './types.js';

const CONTEXT = fields(undefined, 'context');

/** `{event: {schema, data}, context}` (v3+), or the v2 self-describing JSON `{schema, data}`. */
const selfDescribing = (index: number): ArgSpec =>
  options(index, {
    event: options(undefined, { data: props(undefined) }),
    data: props(undefined),
    context: CONTEXT,
  });
/** `{category, action, label, property, value, context}`: every field is sent. */
const structured = (index: number): ArgSpec => props(index);
const pageView = (index: number): ArgSpec =>
  options(index, { title: message(undefined, 'page.title'), context: CONTEXT });

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
  setUserId: sink('identify', [id(0)]),
  trackSelfDescribingEvent: sink('event', [selfDescribing(0)]),
  trackStructEvent: sink('event', [structured(0)]),
  trackPageView: sink('page', [pageView(0)]),
  addGlobalContexts: sink('context', [fields(0, 'context')]),
};

/** A command of the global, possibly for named trackers only (`'setUserId:sp1;sp2'`). */
const scoped = (
  names: string | readonly string[],
  kind: Sink['kind'],
  args: readonly ArgSpec[],
): Sink => command(names, kind, args, ':');

/** The global `snowplow(command, …)`: `window.snowplow('setUserId', id)`. */
const GLOBAL: Member = {
  sinks: [
    scoped('setUserId', 'identify', [id(1)]),
    scoped(['trackSelfDescribingEvent', 'trackUnstructEvent'], 'event', [
      selfDescribing(1),
      fields(2, 'context'),
    ]),
    // v3 `{category, action, label, …}`; v2 positional `(category, action, label, property, value)`.
    scoped('trackStructEvent', 'event', [
      structured(1),
      { index: 3, role: 'value', path: 'properties', key: 'label' },
      { index: 4, role: 'value', path: 'properties', key: 'property' },
    ]),
    scoped('trackPageView', 'page', [pageView(1)]),
    scoped('addGlobalContexts', 'context', [fields(1, 'context')]),
  ],
};

/** A cookie-kept id set on the Node tracker: `setDomainUserId(id)`. */
const cookieId = (path: string): ArgSpec => ({
  ...id(0, path),
  category: 'user.device.cookie_id',
});

/** @snowplow/node-tracker: payload builders, and the tracker that sends them. */
const NODE_MODULE: TypeSpec = {
  newTracker: { returns: 'node-tracker' },
  buildSelfDescribingEvent: sink('event', [selfDescribing(0)]),
  buildStructEvent: sink('event', [structured(0)]),
  buildPageView: sink('page', [options(0, { pageTitle: message(undefined, 'page.title') })]),
};
const NODE_TRACKER: TypeSpec = {
  track: sink('event', [fields(1, 'context')]),
  setUserId: sink('identify', [id(0)]),
  setDomainUserId: sink('identify', [cookieId('domainUserId')]),
  setNetworkUserId: sink('identify', [cookieId('networkUserId')]),
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
