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
import {
  anonymousId,
  fields,
  options,
  SEGMENT_BROWSER,
  SEGMENT_NODE,
  segmentNodeCall,
  sink,
} from './specs.js';
import type { ArgSpec, ConfigRule, TypeSpec, VendorDefinition } from './types.js';

/** The browser calls' options argument: `{context: {…}, anonymousId}`, sent with the event. */
const browserOptions = (index: number): ArgSpec =>
  options(index, { context: fields(undefined, 'context'), anonymousId: anonymousId() });

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

/** Segment-spec positional calls; a group's traits land under `group`. */
const BROWSER: TypeSpec = {
  load: { config: LOAD_RULES },
  track: SEGMENT_BROWSER.track(browserOptions(2)),
  // `page(category, name, properties, options)` and `page(name, properties, options)`: both read.
  page: SEGMENT_BROWSER.page(),
  identify: SEGMENT_BROWSER.identify(browserOptions(2)),
  group: SEGMENT_BROWSER.group('group', browserOptions(2)),
  alias: SEGMENT_BROWSER.alias,
  setAnonymousId: sink('identify', [anonymousId(0)]),
};

/** Segment-spec message objects; a group's traits land under `group`. */
const NODE: TypeSpec = {
  ...SEGMENT_NODE,
  group: segmentNodeCall('group', { traits: fields(undefined, 'group') }),
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
