/**
 * Heap: the browser snippet's global `heap` (`heap.load(appId, options)`, `track`, `identify`,
 * `addUserProperties`, `addEventProperties`, …), the React Native SDK `@heap/react-native-heap`
 * (the same calls as module functions), and the server-side API client `heap-api`
 * (`require('heap-api')(appId)` → a client whose calls take the user's identity).
 *
 * Checked against @heap/react-native-heap 0.22 and heap-api 1.0 sources. The web snippet has no
 * npm package: its method list is from the snippet's stub list in Heap's web installation guide,
 * and the `disableTextCapture` load option from Heap's documentation (not verifiable here).
 * `@heap/heap-node` does not exist on npm.
 */
import { eventName, fields, id, props, sink } from './specs.js';
import type { ConfigRule, TypeSpec, VendorDefinition } from './types.js';

/** `heap.load(appId, options)`: text capture is on unless turned off in code or in Heap's settings. */
const LOAD_RULES: readonly ConfigRule[] = [
  {
    id: 'autocapture-text',
    arg: 1,
    when: [{ path: 'disableTextCapture', notIn: [true] }],
    severity: 'warning',
    message:
      'Heap autocaptures every click with the text of the element clicked, which often shows names, emails and addresses. Set `disableTextCapture: true` (or turn text capture off in Heap’s privacy settings).',
  },
];

/** The web and React Native API: calls act on the current user. */
const CLIENT: TypeSpec = {
  load: { config: LOAD_RULES },
  track: sink('event', [eventName(0), props(1)]),
  identify: sink('identify', [id(0)]),
  addUserProperties: sink('profile', [fields(0, 'traits')]),
  // Event properties persist in a cookie and ride on every later event.
  addEventProperties: sink('profile', [props(0)]),
  addPageviewProperties: sink('profile', [props(0)]),
  addAccountProperties: sink('group', [fields(0, 'group')]),
  trackPageview: sink('page', [props(0)]),
};

/** heap-api: `track(event, identity, properties)`, `addUserProperties(identity, properties)`. */
const SERVER: TypeSpec = {
  track: sink('event', [eventName(0), id(1), props(2)]),
  addUserProperties: sink('profile', [id(0), fields(1, 'traits')]),
};

/** Heap definition: web snippet, React Native SDK, server API client. */
export const heap: VendorDefinition = {
  id: 'heap',
  name: 'Heap',
  role: 'product-analytics',
  docs: 'https://developers.heap.io/reference',
  js: {
    modules: {
      '@heap/react-native-heap': { default: 'client', namespace: 'client' },
      'heap-api': { default: 'server-module', namespace: 'server-module' },
    },
    globals: { heap: 'client' },
  },
  types: {
    client: CLIENT,
    'server-module': { '()': { returns: 'server' } },
    server: SERVER,
  },
};
