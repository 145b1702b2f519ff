/**
 * Segment: the browser snippet's global `analytics` and `@segment/analytics-next`
 * (`AnalyticsBrowser.load({writeKey})`), positional calls `track(event, properties, options)`;
 * the Node libraries `@segment/analytics-node` and the older `analytics-node` (`new
 * Analytics(…)`), object calls `track({userId, event, properties})`; the Python library
 * `analytics-python` (`import segment.analytics as analytics`, older `import analytics`).
 *
 * Checked against @segment/analytics-next 1.x and @segment/analytics-node 2.x type declarations
 * and analytics-python 2.3 sources (`segment/analytics/client.py`).
 */
import type { ArgSpec, Sink, TypeSpec, VendorDefinition } from './types.js';

const fields = (index: number, path: string, keyword?: string): ArgSpec => ({
  index,
  role: 'fields',
  path,
  ...(keyword !== undefined ? { keyword } : {}),
});
const id = (index: number | undefined, path: string, keyword?: string): ArgSpec => ({
  ...(index !== undefined ? { index } : {}),
  ...(keyword !== undefined ? { keyword } : {}),
  role: 'identity',
  path,
});
const sink = (kind: Sink['kind'], args: readonly ArgSpec[]): { sinks: readonly Sink[] } => ({
  sinks: [{ kind, args }],
});

/** The browser calls' last options argument: `{context: {ip}, traits}`, sent with the event. */
const browserOptions = (index: number): ArgSpec => ({
  index,
  role: 'object',
  fields: {
    context: { role: 'fields', path: 'context' },
    traits: { role: 'fields', path: 'context.traits' },
    anonymousId: { role: 'identity', path: 'anonymousId', category: 'user.device.cookie_id' },
  },
});

/** analytics.js 2.0: the snippet, `AnalyticsBrowser` and the `Analytics` it resolves to. */
const BROWSER: TypeSpec = {
  load: { returns: 'browser' },
  track: sink('event', [
    { index: 0, role: 'event-name' },
    fields(1, 'properties'),
    browserOptions(2),
  ]),
  // `page(category, name, properties)` and `page(name, properties)`: both read.
  page: sink('page', [
    { index: 0, role: 'event-name' },
    fields(1, 'properties'),
    fields(2, 'properties'),
    browserOptions(3),
  ]),
  screen: sink('page', [
    { index: 0, role: 'event-name' },
    fields(1, 'properties'),
    fields(2, 'properties'),
  ]),
  identify: sink('identify', [id(0, 'userId'), fields(1, 'traits'), browserOptions(2)]),
  group: sink('group', [
    { index: 0, role: 'group-identity', path: 'groupId' },
    fields(1, 'traits'),
    browserOptions(2),
  ]),
  alias: sink('alias', [id(0, 'userId'), id(1, 'previousId')]),
  trackLink: sink('event', [{ index: 1, role: 'event-name' }, fields(2, 'properties')]),
  trackForm: sink('event', [{ index: 1, role: 'event-name' }, fields(2, 'properties')]),
  setAnonymousId: sink('identify', [
    { index: 0, role: 'identity', path: 'anonymousId', category: 'user.device.cookie_id' },
  ]),
};

/** The fields of the Node library's message objects. */
const NODE_FIELDS: Readonly<Record<string, ArgSpec>> = {
  userId: { role: 'identity', path: 'userId' },
  anonymousId: { role: 'identity', path: 'anonymousId', category: 'user.device.cookie_id' },
  previousId: { role: 'identity', path: 'previousId' },
  groupId: { role: 'group-identity', path: 'groupId' },
  event: { role: 'event-name' },
  name: { role: 'event-name' },
  properties: { role: 'fields', path: 'properties' },
  traits: { role: 'fields', path: 'traits' },
  context: { role: 'fields', path: 'context' },
};
const nodeCall = (kind: Sink['kind']): { sinks: readonly Sink[] } =>
  sink(kind, [{ index: 0, role: 'object', fields: NODE_FIELDS }]);

const NODE: TypeSpec = {
  track: nodeCall('event'),
  identify: nodeCall('identify'),
  group: nodeCall('group'),
  page: nodeCall('page'),
  screen: nodeCall('page'),
  alias: nodeCall('alias'),
};

/** analytics-python: every argument may be positional or a keyword (client.py signatures). */
const PYTHON: TypeSpec = {
  track: sink('event', [
    id(0, 'userId', 'user_id'),
    { index: 1, keyword: 'event', role: 'event-name' },
    fields(2, 'properties', 'properties'),
    fields(3, 'context', 'context'),
    {
      index: 5,
      keyword: 'anonymous_id',
      role: 'identity',
      path: 'anonymousId',
      category: 'user.device.cookie_id',
    },
  ]),
  identify: sink('identify', [
    id(0, 'userId', 'user_id'),
    fields(1, 'traits', 'traits'),
    fields(2, 'context', 'context'),
    {
      index: 4,
      keyword: 'anonymous_id',
      role: 'identity',
      path: 'anonymousId',
      category: 'user.device.cookie_id',
    },
  ]),
  group: sink('group', [
    id(0, 'userId', 'user_id'),
    { index: 1, keyword: 'group_id', role: 'group-identity', path: 'groupId' },
    fields(2, 'traits', 'traits'),
    fields(3, 'context', 'context'),
  ]),
  alias: sink('alias', [id(0, 'previousId', 'previous_id'), id(1, 'userId', 'user_id')]),
  page: sink('page', [
    id(0, 'userId', 'user_id'),
    { index: 2, keyword: 'name', role: 'event-name' },
    fields(3, 'properties', 'properties'),
    fields(4, 'context', 'context'),
  ]),
  screen: sink('page', [
    id(0, 'userId', 'user_id'),
    { index: 2, keyword: 'name', role: 'event-name' },
    fields(3, 'properties', 'properties'),
    fields(4, 'context', 'context'),
  ]),
};

/** The Segment definition: browser, Node and Python SDKs; no risky settings are checked. */
export const segment: VendorDefinition = {
  id: 'segment',
  name: 'Segment',
  role: 'customer-data-platform',
  docs: 'https://segment.com/docs/connections/spec/',
  js: {
    modules: {
      '@segment/analytics-next': { namespace: 'next-module' },
      '@segment/analytics-node': { default: 'node-class', namespace: 'node-module' },
      'analytics-node': { default: 'node-class', namespace: 'node-class' },
    },
    globals: { analytics: 'browser' },
  },
  python: {
    modules: {
      'segment.analytics': { namespace: 'python-module' },
      analytics: { namespace: 'python-module' },
    },
  },
  types: {
    browser: BROWSER,
    'next-module': {
      AnalyticsBrowser: { type: 'next-class', returns: 'browser' },
    },
    'next-class': {
      load: { returns: 'browser' },
      standalone: { returns: 'browser' },
    },
    'node-module': { Analytics: { type: 'node-class', returns: 'node' } },
    'node-class': { '()': { returns: 'node' } },
    node: NODE,
    'python-module': { ...PYTHON, Client: { returns: 'python' } },
    python: PYTHON,
  },
};
