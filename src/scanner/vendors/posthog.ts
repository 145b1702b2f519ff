/**
 * PostHog: `posthog-js` (default export, `posthog-js/react`'s `usePostHog()` and the snippet's
 * `window.posthog`), `posthog-node` (`new PostHog(key)`, object calls
 * `capture({distinctId, event, properties})`), and the Python library `posthog` (module-level
 * calls and the `Posthog(…)` client, both the old positional `capture(distinct_id, event,
 * properties)` and the 6.x `capture(event, distinct_id=…, properties=…)`).
 *
 * Checked against posthog-js 1.449 / @posthog/types, posthog-node 5.70 type declarations and
 * posthog-python sources (6.x `posthog/__init__.py`, `client.py`; 3.x for the positional forms).
 */
import { eventName, fields, groupId, id, keyed, options, pairs, props, sink } from './specs.js';
import type { ArgSpec, ConfigRule, Sink, TypeSpec, VendorDefinition } from './types.js';

/** `posthog.init(token, config)` options that record or keep more than needed. */
const INIT_RULES: readonly ConfigRule[] = [
  {
    id: 'session-replay-inputs-unmasked',
    arg: 1,
    when: [{ path: 'session_recording.maskAllInputs', in: [false] }],
    severity: 'error',
    message:
      'Session replay records what users type into inputs (`session_recording.maskAllInputs: false`). Keep the default `maskAllInputs: true` and unmask single fields with `maskInputOptions`.',
  },
  {
    id: 'session-replay-passwords-unmasked',
    arg: 1,
    when: [{ path: 'session_recording.maskInputOptions.password', in: [false] }],
    severity: 'error',
    message:
      'Session replay records password fields (`session_recording.maskInputOptions.password: false`). Remove the override.',
  },
  {
    id: 'session-replay-network-body',
    arg: 1,
    when: [{ path: 'session_recording.recordBody', in: [true] }],
    severity: 'warning',
    message:
      'Session replay records request and response bodies (`session_recording.recordBody: true`), which carry form data and API responses. Leave it off or redact with `maskCapturedNetworkRequestFn`.',
  },
  {
    id: 'autocapture-text-unmasked',
    arg: 1,
    when: [
      { path: 'autocapture', notIn: [false] },
      { path: 'mask_all_text', notIn: [true] },
    ],
    severity: 'warning',
    message:
      'Autocapture (on by default) sends the text of clicked elements, which often shows names and emails. Set `mask_all_text: true` (and `mask_all_element_attributes: true`) or `autocapture: false`.',
  },
  {
    id: 'ip-option-ineffective',
    arg: 1,
    when: [{ path: 'ip', in: [false] }],
    severity: 'warning',
    message:
      'The `ip` option has no effect in current posthog-js: PostHog still records the client IP. Turn on the project setting "Discard client IP data" instead.',
  },
  {
    id: 'cookie-persistence',
    arg: 1,
    when: [
      { path: 'persistence', notIn: ['memory', 'localStorage', 'sessionStorage'] },
      { path: 'disable_persistence', notIn: [true] },
      { path: 'cookieless_mode', notIn: ['always'] },
    ],
    severity: 'note',
    message:
      'The distinct id and super properties persist in a first-party cookie (default `localStorage+cookie`). PostHog offers `persistence: "memory"` and `cookieless_mode`.',
  },
];

const BROWSER: TypeSpec = {
  init: { returns: 'browser', config: INIT_RULES },
  capture: sink('event', [
    eventName(0),
    props(1),
    options(2, { $set: fields(undefined, 'traits'), $set_once: fields(undefined, 'traits') }),
  ]),
  identify: sink('identify', [id(0), fields(1, 'traits'), fields(2, 'traits')]),
  alias: sink('alias', [id(0, 'alias'), id(1)]),
  group: sink('group', [groupId(1), fields(2, 'traits')]),
  register: sink('profile', [props(0)]),
  register_once: sink('profile', [props(0)]),
  register_for_session: sink('profile', [props(0)]),
  setPersonProperties: sink('profile', [fields(0, 'traits'), fields(1, 'traits')]),
  setPersonPropertiesForFlags: sink('profile', [fields(0, 'traits')]),
  captureException: sink('error', [props(1)]),
  people: { type: 'browser-people' },
};

/** posthog-node takes one message object per call. */
const NODE_FIELDS: Readonly<Record<string, ArgSpec>> = {
  distinctId: id(undefined),
  alias: id(undefined, 'alias'),
  event: eventName(undefined),
  groupKey: groupId(undefined),
  properties: props(undefined),
  propertiesOnce: fields(undefined, 'traits'),
  groups: fields(undefined, 'groups'),
};
const nodeCall = (kind: Sink['kind'], overrides: Readonly<Record<string, ArgSpec>> = {}) =>
  sink(kind, [options(0, { ...NODE_FIELDS, ...overrides })]);
const TRAITS = { properties: fields(undefined, 'traits') };

const NODE: TypeSpec = {
  capture: nodeCall('event'),
  captureImmediate: nodeCall('event'),
  identify: nodeCall('identify', TRAITS),
  identifyImmediate: nodeCall('identify', TRAITS),
  setPersonProperties: nodeCall('profile', TRAITS),
  alias: nodeCall('alias'),
  aliasImmediate: nodeCall('alias'),
  groupIdentify: nodeCall('group', TRAITS),
  groupIdentifyImmediate: nodeCall('group', TRAITS),
  enterContext: nodeCall('context'),
  withContext: nodeCall('context'),
  captureException: sink('error', [id(1), props(2)]),
  captureExceptionImmediate: sink('error', [id(1), props(2)]),
};

/**
 * posthog-python. `capture` changed in 6.0 from `capture(distinct_id, event, properties)` to
 * `capture(event, distinct_id=…, properties=…)`: two or more positional arguments are the 3.x
 * form, fewer the 6.x form.
 */
const PYTHON: TypeSpec = {
  capture: {
    sinks: [
      {
        kind: 'event',
        positional: { min: 2 },
        args: [
          id(0, 'userId', 'distinct_id'),
          eventName(1, 'event'),
          props(2, 'properties'),
          fields(6, 'groups', 'groups'),
        ],
      },
      {
        kind: 'event',
        args: [
          eventName(0, 'event'),
          id(undefined, 'userId', 'distinct_id'),
          props(undefined, 'properties'),
          fields(undefined, 'groups', 'groups'),
        ],
      },
    ],
  },
  identify: sink('identify', [id(0, 'userId', 'distinct_id'), fields(1, 'traits', 'properties')]),
  set: sink('profile', [id(0, 'userId', 'distinct_id'), fields(1, 'traits', 'properties')]),
  set_once: sink('profile', [id(0, 'userId', 'distinct_id'), fields(1, 'traits', 'properties')]),
  group_identify: sink('group', [
    groupId(1, 'group_key'),
    fields(2, 'traits', 'properties'),
    id(undefined, 'userId', 'distinct_id'),
  ]),
  alias: sink('alias', [id(0, 'previousId', 'previous_id'), id(1, 'userId', 'distinct_id')]),
  page: sink('page', [
    id(0, 'userId', 'distinct_id'),
    { index: 1, keyword: 'url', role: 'value', path: 'properties', key: '$current_url' },
    props(2, 'properties'),
  ]),
  capture_exception: sink('error', [
    id(undefined, 'userId', 'distinct_id'),
    props(undefined, 'properties'),
  ]),
  // Context tags are added to every event's properties (6.x).
  tag: sink('context', [keyed('properties', 'value')]),
  identify_context: sink('identify', [id(0, 'userId', 'distinct_id')]),
};

/** The PostHog definition: posthog-js (with `init` rules), posthog-node and the Python SDK. */
export const posthog: VendorDefinition = {
  id: 'posthog',
  name: 'PostHog',
  role: 'product-analytics',
  docs: 'https://posthog.com/docs/libraries',
  js: {
    modules: {
      'posthog-js': {
        default: 'browser',
        namespace: 'browser-module',
        types: { PostHog: 'browser', PostHogInterface: 'browser' },
      },
      'posthog-js/react': { namespace: 'react-module' },
      '@posthog/react': { namespace: 'react-module' },
      'posthog-node': { namespace: 'node-module' },
    },
    globals: { posthog: 'browser' },
  },
  python: { modules: { posthog: { namespace: 'python-module' } } },
  types: {
    browser: BROWSER,
    'browser-module': { posthog: { type: 'browser' }, PostHog: { returns: 'browser' } },
    'browser-people': {
      set: sink('profile', [pairs(0)]),
      set_once: sink('profile', [pairs(0)]),
    },
    'react-module': { usePostHog: { returns: 'browser' } },
    'node-module': { PostHog: { returns: 'node' } },
    node: NODE,
    'python-module': { ...PYTHON, Posthog: { returns: 'python' }, Client: { returns: 'python' } },
    python: PYTHON,
  },
};
