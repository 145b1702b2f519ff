/**
 * RudderStack: the v3 browser SDK `@rudderstack/analytics-js` (`new RudderAnalytics()`, then
 * `load(writeKey, dataPlaneUrl, options)`), the v1 SDK `rudder-sdk-js` (module functions), the
 * snippet's global `rudderanalytics`, all with Segment-style positional calls
 * `track(event, properties, options)`; and the Node SDK `@rudderstack/rudder-sdk-node`
 * (`new Analytics(writeKey, {dataPlaneUrl})`, object calls `track({userId, event, properties})`).
 *
 * Checked against @rudderstack/analytics-js 3.34, rudder-sdk-js 2.52 and
 * @rudderstack/rudder-sdk-node 3.0 type declarations.
 */
import type { ArgSpec, ConfigRule, Member, Sink, TypeSpec, VendorDefinition } from './types.js';

const sink = (kind: Sink['kind'], args: readonly ArgSpec[]): Member => ({
  sinks: [{ kind, args }],
});
const fields = (index: number, path: string): ArgSpec => ({ index, role: 'fields', path });
const ANONYMOUS_ID: ArgSpec = {
  role: 'identity',
  path: 'anonymousId',
  category: 'user.device.cookie_id',
};

/** The browser calls' options argument: `{context: {…}, anonymousId}`, sent with the event. */
const options = (index: number): ArgSpec => ({
  index,
  role: 'object',
  fields: {
    context: { role: 'fields', path: 'context' },
    anonymousId: ANONYMOUS_ID,
  },
});

/** `load(writeKey, dataPlaneUrl, options)`: identifiers and traits persist in cookies by default. */
const LOAD_RULES: readonly ConfigRule[] = [
  {
    id: 'cookie-persistence',
    arg: 2,
    when: [
      { path: 'storage.type', notIn: ['localStorage', 'sessionStorage', 'memoryStorage', 'none'] },
    ],
    severity: 'note',
    message:
      'The user id, anonymous id and user traits persist in cookies sent with every request to your domain. Set `storage: {type: "memoryStorage"}` (or `"localStorage"`).',
  },
];

const BROWSER: TypeSpec = {
  load: { config: LOAD_RULES },
  track: sink('event', [{ index: 0, role: 'event-name' }, fields(1, 'properties'), options(2)]),
  // `page(category, name, properties, options)` and `page(name, properties, options)`: both read.
  page: sink('page', [
    { index: 0, role: 'event-name' },
    fields(1, 'properties'),
    fields(2, 'properties'),
  ]),
  identify: sink('identify', [
    { index: 0, role: 'identity', path: 'userId' },
    fields(1, 'traits'),
    options(2),
  ]),
  group: sink('group', [
    { index: 0, role: 'group-identity', path: 'groupId' },
    fields(1, 'group'),
    options(2),
  ]),
  alias: sink('alias', [
    { index: 0, role: 'identity', path: 'userId' },
    { index: 1, role: 'identity', path: 'previousId' },
  ]),
  setAnonymousId: sink('identify', [{ ...ANONYMOUS_ID, index: 0 }]),
};

/** The fields of the Node SDK's message objects. */
const NODE_FIELDS: Readonly<Record<string, ArgSpec>> = {
  userId: { role: 'identity', path: 'userId' },
  anonymousId: ANONYMOUS_ID,
  previousId: { role: 'identity', path: 'previousId' },
  groupId: { role: 'group-identity', path: 'groupId' },
  event: { role: 'event-name' },
  name: { role: 'event-name' },
  properties: { role: 'fields', path: 'properties' },
  traits: { role: 'fields', path: 'traits' },
  context: { role: 'fields', path: 'context' },
};
const nodeCall = (kind: Sink['kind'], traits = 'traits'): Member =>
  sink(kind, [
    {
      index: 0,
      role: 'object',
      fields: { ...NODE_FIELDS, traits: { role: 'fields', path: traits } },
    },
  ]);

const NODE: TypeSpec = {
  track: nodeCall('event'),
  identify: nodeCall('identify'),
  group: nodeCall('group', 'group'),
  page: nodeCall('page'),
  screen: nodeCall('page'),
  alias: nodeCall('alias'),
};

/** RudderStack definition: v3 and v1 browser SDKs, the snippet global, the Node SDK. */
export const rudderstack: VendorDefinition = {
  id: 'rudderstack',
  name: 'RudderStack',
  role: 'customer-data-platform',
  docs: 'https://www.rudderstack.com/docs/sources/event-streams/sdks/rudderstack-javascript-sdk/',
  js: {
    modules: {
      '@rudderstack/analytics-js': { namespace: 'v3-module' },
      'rudder-sdk-js': { default: 'browser', namespace: 'browser' },
      '@rudderstack/rudder-sdk-node': { default: 'node-class', namespace: 'node-class' },
    },
    globals: { rudderanalytics: 'browser' },
  },
  types: {
    'v3-module': { RudderAnalytics: { returns: 'browser' } },
    browser: BROWSER,
    'node-class': { '()': { returns: 'node' } },
    node: NODE,
  },
};
