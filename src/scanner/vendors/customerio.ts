/**
 * Customer.io: the JavaScript snippet's global `_cio` (`identify({id, email, …})`,
 * `track(name, data)`, `page(url, data)`); `customerio-node` (`new TrackClient(siteId, apiKey)`
 * with `identify(id, attributes)`, `track(id, {name, data})`, …, and `new APIClient(appKey)`
 * with transactional `sendEmail`/`sendSMS`/`sendPush` requests); and the Data Pipelines SDKs
 * `@customerio/cdp-analytics-browser` (`AnalyticsBrowser.load({writeKey})`, Segment-style
 * positional calls) and `@customerio/cdp-analytics-node` (`new Analytics({writeKey})`, object
 * calls). Customer.io sends email, SMS and push: contact details and names are what it needs.
 *
 * Checked against customerio-node 4.4, @customerio/cdp-analytics-browser 0.5 and
 * @customerio/cdp-analytics-node 0.5 type declarations. The `_cio` snippet has no package: its
 * calls are from Customer.io's JavaScript snippet documentation.
 */
import type { ArgSpec, Member, Sink, TypeSpec, VendorDefinition } from './types.js';

const sink = (kind: Sink['kind'], args: readonly ArgSpec[]): Member => ({
  sinks: [{ kind, args }],
});
const fields = (index: number, path: string): ArgSpec => ({ index, role: 'fields', path });
const id = (index: number, path = 'userId'): ArgSpec => ({ index, role: 'identity', path });
const EVENT_NAME: ArgSpec = { index: 0, role: 'event-name' };
const ANONYMOUS_ID: ArgSpec = {
  role: 'identity',
  path: 'anonymousId',
  category: 'user.device.cookie_id',
};

/** The snippet's `_cio`: attributes include the `id`, so the whole object is read as traits. */
const SNIPPET: TypeSpec = {
  identify: sink('identify', [fields(0, 'traits')]),
  track: sink('event', [EVENT_NAME, fields(1, 'properties')]),
  page: sink('page', [{ index: 0, role: 'message', path: 'page' }, fields(1, 'properties')]),
};

/** customerio-node's `{name, data}` event body. */
const eventBody = (index: number): ArgSpec => ({
  index,
  role: 'object',
  fields: { name: { role: 'event-name' }, data: { role: 'fields', path: 'properties' } },
});

const TRACK_CLIENT: TypeSpec = {
  identify: sink('identify', [id(0), fields(1, 'traits')]),
  track: sink('event', [id(0), eventBody(1)]),
  trackAnonymous: sink('event', [{ ...ANONYMOUS_ID, index: 0 }, eventBody(1)]),
  trackPageView: sink('page', [id(0), { index: 1, role: 'message', path: 'page' }]),
  addDevice: sink('profile', [
    id(0),
    { index: 1, role: 'identity', path: 'device.id', category: 'user.device.device_id' },
    fields(3, 'device'),
  ]),
  mergeCustomers: sink('alias', [id(1), id(3, 'previousId')]),
};

/** A transactional message request: its recipient, identifiers and template data. */
const message = (to?: 'user.contact.email' | 'user.contact.phone_number'): ArgSpec => ({
  index: 0,
  role: 'object',
  fields: {
    ...(to !== undefined
      ? { to: { role: 'value', path: 'message', key: 'to', category: to } }
      : {}),
    identifiers: { role: 'fields', path: 'identifiers' },
    message_data: { role: 'fields', path: 'message_data' },
    custom_data: { role: 'fields', path: 'custom_data' },
  },
});
const EMAIL = sink('event', [message('user.contact.email')]);
const SMS = sink('event', [message('user.contact.phone_number')]);

const API_CLIENT: TypeSpec = {
  sendEmail: EMAIL,
  sendSMS: SMS,
  sendPush: sink('event', [message()]),
  sendInboxMessage: sink('event', [message()]),
  sendInApp: sink('event', [message()]),
  triggerBroadcast: sink('event', [fields(1, 'data'), fields(2, 'recipients')]),
};

/** Data Pipelines browser SDK: Segment-style positional calls. */
const CDP_BROWSER: TypeSpec = {
  track: sink('event', [EVENT_NAME, fields(1, 'properties')]),
  page: sink('page', [EVENT_NAME, fields(1, 'properties'), fields(2, 'properties')]),
  screen: sink('page', [EVENT_NAME, fields(1, 'properties'), fields(2, 'properties')]),
  identify: sink('identify', [id(0), fields(1, 'traits')]),
  group: sink('group', [{ index: 0, role: 'group-identity', path: 'groupId' }, fields(1, 'group')]),
  alias: sink('alias', [id(0), id(1, 'previousId')]),
};

/** Data Pipelines Node SDK: object calls. */
const CDP_FIELDS: Readonly<Record<string, ArgSpec>> = {
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
const cdpCall = (kind: Sink['kind']): Member =>
  sink(kind, [{ index: 0, role: 'object', fields: CDP_FIELDS }]);
const CDP_NODE: TypeSpec = {
  track: cdpCall('event'),
  identify: cdpCall('identify'),
  group: cdpCall('group'),
  page: cdpCall('page'),
  screen: cdpCall('page'),
  alias: cdpCall('alias'),
};

/** Customer.io definition: snippet, Track/App API client, Data Pipelines SDKs. */
export const customerio: VendorDefinition = {
  id: 'customerio',
  name: 'Customer.io',
  role: 'customer-messaging',
  allow: ['user.contact.email', 'user.contact.phone_number', 'user.name'],
  docs: 'https://docs.customer.io/sdk/',
  js: {
    modules: {
      'customerio-node': { namespace: 'node-module' },
      '@customerio/cdp-analytics-browser': { namespace: 'cdp-browser-module' },
      '@customerio/cdp-analytics-node': { default: 'cdp-node-class', namespace: 'cdp-node-module' },
    },
    globals: { _cio: 'snippet' },
  },
  types: {
    snippet: SNIPPET,
    'node-module': {
      TrackClient: { returns: 'track-client' },
      APIClient: { returns: 'api-client' },
      SendEmailRequest: EMAIL,
      SendSMSRequest: SMS,
      SendPushRequest: sink('event', [message()]),
    },
    'track-client': TRACK_CLIENT,
    'api-client': API_CLIENT,
    'cdp-browser-module': { AnalyticsBrowser: { type: 'cdp-browser-class' } },
    'cdp-browser-class': { load: { returns: 'cdp-browser' } },
    'cdp-browser': CDP_BROWSER,
    'cdp-node-module': { Analytics: { type: 'cdp-node-class', returns: 'cdp-node' } },
    'cdp-node-class': { '()': { returns: 'cdp-node' } },
    'cdp-node': CDP_NODE,
  },
};
