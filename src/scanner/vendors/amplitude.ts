/**
 * Amplitude: `@amplitude/analytics-browser` and `-node` (module functions `track`, `identify`, …
 * and `createInstance()`), the `Identify`/`Revenue` builders, the legacy `amplitude-js`
 * (`amplitude.getInstance().logEvent(…)`), the snippet's `window.amplitude`, and the Python
 * library `amplitude-analytics` (`Amplitude(key)`, `BaseEvent(…)`, `Identify()`).
 *
 * Checked against @amplitude/analytics-browser 2.48 / analytics-core 2.57 and analytics-node
 * type declarations, amplitude-js 8.21 sources, and Amplitude-Python sources (`client.py`,
 * `event.py`).
 */
import { eventName, fields, groupId, id, options, pairs, props, sink } from './specs.js';
import type { ArgSpec, ConfigRule, Member, TypeSpec, VendorDefinition } from './types.js';

/** The SDK's device id, landing at `deviceId` as a device identifier. */
const deviceId = (index: number | undefined, keyword?: string): ArgSpec => ({
  ...id(index, 'deviceId', keyword),
  category: 'user.device.device_id',
});

/** Keys of an event (and of `EventOptions`) that say who and where the user is. */
const DEVICE_KEYS = [
  'ip',
  'location_lat',
  'location_lng',
  'city',
  'region',
  'country',
  'dma',
  'language',
  'carrier',
  'idfa',
  'idfv',
  'adid',
  'android_id',
  'device_model',
  'os_name',
] as const;
const ADVERTISING_IDS = new Set(['idfa', 'idfv', 'adid', 'android_id']);
const value = (key: string, keyword?: string): ArgSpec => ({
  role: 'value',
  key,
  ...(keyword !== undefined ? { keyword } : {}),
  ...(ADVERTISING_IDS.has(key) ? { category: 'user.device.device_id' } : {}),
});

/** JavaScript `EventOptions` and the event object form of `track({event_type, …})`. */
const EVENT_FIELDS: Readonly<Record<string, ArgSpec>> = {
  user_id: id(undefined),
  device_id: deviceId(undefined),
  event_type: eventName(undefined),
  event_properties: props(undefined),
  user_properties: fields(undefined, 'traits'),
  groups: fields(undefined, 'groups'),
  group_properties: fields(undefined, 'group_properties'),
  ...Object.fromEntries(DEVICE_KEYS.map((k) => [k, value(k)])),
};
const eventOptions = (index: number): ArgSpec => options(index, EVENT_FIELDS);

/** `init(apiKey, options)` (browser SDK 2.x). */
const INIT_RULES: readonly ConfigRule[] = [
  {
    id: 'ip-collection',
    arg: 1,
    when: [{ path: 'trackingOptions.ipAddress', notIn: [false] }],
    severity: 'warning',
    message:
      'Amplitude records the client IP and geolocates it (`trackingOptions.ipAddress` defaults to true). Set `trackingOptions: {ipAddress: false}`.',
  },
  {
    id: 'autocapture-element-text',
    arg: 1,
    when: [{ path: 'autocapture', in: [true] }],
    severity: 'warning',
    message:
      '`autocapture: true` turns on element interactions, which send the text of clicked elements. List what to capture in `autocapture: {elementInteractions: {cssSelectorAllowlist}}` and add `maskTextRegex`.',
  },
  {
    id: 'element-interactions-text',
    arg: 1,
    when: [{ path: 'autocapture.elementInteractions', in: [true] }],
    severity: 'warning',
    message:
      'Element interactions send the text of clicked elements. Limit them with `cssSelectorAllowlist` and `maskTextRegex`.',
  },
  {
    id: 'cookie-persistence',
    arg: 1,
    when: [{ path: 'identityStorage', notIn: ['none', 'localStorage', 'sessionStorage'] }],
    severity: 'note',
    message:
      'The device and user ids persist in a cookie (`identityStorage` defaults to "cookie"). Amplitude offers `identityStorage: "none"` (memory only) or "localStorage".',
  },
];

/** amplitude-js 8.x `init(apiKey, userId, options)`. */
const LEGACY_INIT_RULES: readonly ConfigRule[] = [
  {
    id: 'ip-collection',
    arg: 2,
    when: [{ path: 'trackingOptions.ip_address', notIn: [false] }],
    severity: 'warning',
    message:
      'Amplitude records the client IP and geolocates it (`trackingOptions.ip_address` defaults to true). Set `trackingOptions: {ip_address: false}`.',
  },
];

/** The module functions of `@amplitude/analytics-browser`/`-node` and an instance's methods. */
const CLIENT: TypeSpec = {
  init: { config: INIT_RULES },
  track: sink('event', [eventName(0), props(1), eventOptions(2)]),
  logEvent: sink('event', [eventName(0), props(1), eventOptions(2)]),
  identify: sink('identify', [eventOptions(1)]),
  setUserId: sink('identify', [id(0)]),
  setDeviceId: sink('identify', [deviceId(0)]),
  setGroup: sink('group', [groupId(1), eventOptions(2)]),
  groupIdentify: sink('group', [groupId(1), eventOptions(3)]),
  revenue: sink('revenue', [eventOptions(1)]),
  createInstance: { returns: 'client' },
  Identify: { returns: 'identify' },
  Revenue: { returns: 'revenue' },
  // The legacy snippet's global is the amplitude-js module.
  getInstance: { returns: 'legacy' },
};

/** A builder operation: `set(key, value)` writes the profile and returns the builder. */
const builder = (returns: string, arg: ArgSpec): Member => ({ ...sink('profile', [arg]), returns });
const IDENTIFY_OPS = [
  'set',
  'setOnce',
  'append',
  'prepend',
  'preInsert',
  'postInsert',
  'remove',
  'add',
];

/** `new Identify().set('plan', 'pro').setOnce(…)`: each call returns the builder. */
const IDENTIFY: TypeSpec = {
  ...Object.fromEntries(IDENTIFY_OPS.map((m) => [m, builder('identify', pairs(0))])),
  unset: { returns: 'identify' },
  clearAll: { returns: 'identify' },
};

const revenueSetter = { returns: 'revenue' };
const REVENUE: TypeSpec = {
  setProductId: revenueSetter,
  setQuantity: revenueSetter,
  setPrice: revenueSetter,
  setRevenueType: revenueSetter,
  setCurrency: revenueSetter,
  setRevenue: revenueSetter,
  setReceipt: revenueSetter,
  setEventProperties: { ...sink('revenue', [props(0)]), returns: 'revenue' },
};

/** `@amplitude/analytics-node`: the same calls; its `init` has no browser tracking options. */
const NODE: TypeSpec = Object.fromEntries(
  Object.entries(CLIENT).filter(([name]) => name !== 'init' && name !== 'getInstance'),
);

/** amplitude-js 8.x: `amplitude.getInstance()`. */
const LEGACY: TypeSpec = {
  init: { config: LEGACY_INIT_RULES },
  logEvent: sink('event', [eventName(0), props(1)]),
  logEventWithTimestamp: sink('event', [eventName(0), props(1)]),
  logEventWithGroups: sink('event', [eventName(0), props(1), fields(2, 'groups')]),
  setUserId: sink('identify', [id(0)]),
  setDeviceId: sink('identify', [deviceId(0)]),
  setUserProperties: sink('profile', [fields(0, 'traits')]),
  setGlobalUserProperties: sink('profile', [fields(0, 'traits')]),
  setGroup: sink('group', [groupId(1)]),
  groupIdentify: sink('group', [groupId(1)]),
};

/** Python `BaseEvent`/`EventOptions` keywords (every one is also positional, but nobody does). */
const PY_EVENT_ARGS: readonly ArgSpec[] = [
  eventName(0, 'event_type'),
  id(undefined, 'userId', 'user_id'),
  deviceId(undefined, 'device_id'),
  props(undefined, 'event_properties'),
  fields(undefined, 'traits', 'user_properties'),
  fields(undefined, 'groups', 'groups'),
  fields(undefined, 'group_properties', 'group_properties'),
  ...DEVICE_KEYS.map((k) => value(k, k)),
];
const PY_OPTION_ARGS = PY_EVENT_ARGS.slice(1);

const PYTHON_MODULE: TypeSpec = {
  Amplitude: { returns: 'python' },
  // The event object carries everything `client.track(event)` sends: it is the sink.
  BaseEvent: { returns: 'python-event', sinks: [{ kind: 'event', args: PY_EVENT_ARGS }] },
  EventOptions: { returns: 'python-event', sinks: [{ kind: 'context', args: PY_OPTION_ARGS }] },
  Identify: { returns: 'python-identify' },
  Revenue: {
    returns: 'python-event',
    sinks: [{ kind: 'revenue', args: [props(6, 'properties')] }],
  },
};

const PYTHON: TypeSpec = {
  identify: sink('identify', [props(2, 'event_properties')]),
  group_identify: sink('group', [
    groupId(1, 'group_name'),
    props(4, 'event_properties'),
    fields(5, 'traits', 'user_properties'),
  ]),
  set_group: sink('group', [groupId(1, 'group_name')]),
};

const PY_IDENTIFY_OPS = [
  'set',
  'set_once',
  'append',
  'prepend',
  'pre_insert',
  'post_insert',
  'remove',
  'add',
];
const PYTHON_IDENTIFY: TypeSpec = {
  ...Object.fromEntries(
    PY_IDENTIFY_OPS.map((m) => [m, builder('python-identify', { ...pairs(0), keyword: 'key' })]),
  ),
  unset: { returns: 'python-identify' },
  clear_all: { returns: 'python-identify' },
};

/** The Amplitude definition: browser/Node 2.x, amplitude-js 8.x (both with `init` rules) and the Python SDK. */
export const amplitude: VendorDefinition = {
  id: 'amplitude',
  name: 'Amplitude',
  role: 'product-analytics',
  docs: 'https://amplitude.com/docs/sdks/analytics/browser/browser-sdk-2',
  js: {
    modules: {
      '@amplitude/analytics-browser': {
        default: 'client',
        namespace: 'client',
        types: { 'Types.BrowserClient': 'client' },
      },
      '@amplitude/analytics-node': {
        default: 'node',
        namespace: 'node',
        types: { 'Types.NodeClient': 'node' },
      },
      '@amplitude/unified': { default: 'client', namespace: 'client' },
      'amplitude-js': { default: 'client', namespace: 'client' },
    },
    globals: { amplitude: 'client' },
  },
  python: { modules: { amplitude: { namespace: 'python-module' } } },
  types: {
    client: CLIENT,
    node: { ...NODE, createInstance: { returns: 'node' } },
    identify: IDENTIFY,
    revenue: REVENUE,
    legacy: LEGACY,
    'python-module': PYTHON_MODULE,
    python: PYTHON,
    'python-identify': PYTHON_IDENTIFY,
    'python-event': {},
  },
};
