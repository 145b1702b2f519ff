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
import {
  anonymousId,
  eventName,
  fields,
  groupId,
  id,
  options,
  props,
  SEGMENT_BROWSER,
  SEGMENT_NODE,
  sink,
} from './specs.js';
import type { ArgSpec, TypeSpec, VendorDefinition } from './types.js';

/** The browser calls' last options argument: `{context: {ip}, traits}`, sent with the event. */
const browserOptions = (index: number): ArgSpec =>
  options(index, {
    context: fields(undefined, 'context'),
    traits: fields(undefined, 'context.traits'),
    anonymousId: anonymousId(),
  });

/** analytics.js 2.0: the snippet, `AnalyticsBrowser` and the `Analytics` it resolves to. */
const BROWSER: TypeSpec = {
  load: { returns: 'browser' },
  track: SEGMENT_BROWSER.track(browserOptions(2)),
  page: SEGMENT_BROWSER.page(browserOptions(3)),
  screen: SEGMENT_BROWSER.page(),
  identify: SEGMENT_BROWSER.identify(browserOptions(2)),
  group: SEGMENT_BROWSER.group('traits', browserOptions(2)),
  alias: SEGMENT_BROWSER.alias,
  trackLink: sink('event', [eventName(1), props(2)]),
  trackForm: sink('event', [eventName(1), props(2)]),
  setAnonymousId: sink('identify', [anonymousId(0)]),
};

/** analytics-python's `page(user_id, category, name, properties, context)`; `screen` alike. */
const PY_PAGE = sink('page', [
  id(0, 'userId', 'user_id'),
  eventName(2, 'name'),
  props(3, 'properties'),
  fields(4, 'context', 'context'),
]);

/** analytics-python: every argument may be positional or a keyword (client.py signatures). */
const PYTHON: TypeSpec = {
  track: sink('event', [
    id(0, 'userId', 'user_id'),
    eventName(1, 'event'),
    props(2, 'properties'),
    fields(3, 'context', 'context'),
    anonymousId(5, 'anonymous_id'),
  ]),
  identify: sink('identify', [
    id(0, 'userId', 'user_id'),
    fields(1, 'traits', 'traits'),
    fields(2, 'context', 'context'),
    anonymousId(4, 'anonymous_id'),
  ]),
  group: sink('group', [
    id(0, 'userId', 'user_id'),
    groupId(1, 'group_id'),
    fields(2, 'traits', 'traits'),
    fields(3, 'context', 'context'),
  ]),
  alias: sink('alias', [id(0, 'previousId', 'previous_id'), id(1, 'userId', 'user_id')]),
  page: PY_PAGE,
  screen: PY_PAGE,
};

/** The Segment definition: browser, Node and Python SDKs; no risky settings are checked. */
export const segment: VendorDefinition = {
  id: 'segment',
  name: 'Segment',
  role: 'customer-data-platform',
  docs: 'https://segment.com/docs/connections/spec/',
  js: {
    modules: {
      '@segment/analytics-next': { namespace: 'next-module', types: { Analytics: 'browser' } },
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
    node: SEGMENT_NODE,
    'python-module': { ...PYTHON, Client: { returns: 'python' } },
    python: PYTHON,
  },
};
