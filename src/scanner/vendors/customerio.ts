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
import {
  anonymousId,
  eventName,
  fields,
  id,
  message,
  namedFields,
  options,
  props,
  SEGMENT_BROWSER,
  SEGMENT_NODE,
  sink,
} from './specs.js';
import type { ArgSpec, TypeSpec, VendorDefinition } from './types.js';

/** The snippet's `_cio`: attributes include the `id`, so the whole object is read as traits. */
const SNIPPET: TypeSpec = {
  identify: sink('identify', [fields(0, 'traits')]),
  track: sink('event', [eventName(0), props(1)]),
  page: sink('page', [message(0, 'page'), props(1)]),
};

/** customerio-node's `{name, data}` event body. */
const eventBody = (index: number): ArgSpec =>
  options(index, { name: eventName(undefined), data: props(undefined) });

const TRACK_CLIENT: TypeSpec = {
  identify: sink('identify', [id(0), fields(1, 'traits')]),
  track: sink('event', [id(0), eventBody(1)]),
  trackAnonymous: sink('event', [anonymousId(0), eventBody(1)]),
  trackPageView: sink('page', [id(0), message(1, 'page')]),
  addDevice: sink('profile', [
    id(0),
    { index: 1, role: 'identity', path: 'device.id', category: 'user.device.device_id' },
    fields(3, 'device'),
  ]),
  mergeCustomers: sink('alias', [id(1), id(3, 'previousId')]),
};

/** A transactional message request: its recipient, identifiers and template data. */
const request = (to?: 'user.contact.email' | 'user.contact.phone_number'): ArgSpec =>
  options(0, {
    ...(to !== undefined
      ? { to: { role: 'value', path: 'message', key: 'to', category: to } }
      : {}),
    ...namedFields('identifiers', 'message_data', 'custom_data'),
  });
const EMAIL = sink('event', [request('user.contact.email')]);
const SMS = sink('event', [request('user.contact.phone_number')]);

const API_CLIENT: TypeSpec = {
  sendEmail: EMAIL,
  sendSMS: SMS,
  sendPush: sink('event', [request()]),
  sendInboxMessage: sink('event', [request()]),
  sendInApp: sink('event', [request()]),
  triggerBroadcast: sink('event', [fields(1, 'data'), fields(2, 'recipients')]),
};

/** Data Pipelines browser SDK: Segment-style positional calls (options are not read). */
const CDP_BROWSER: TypeSpec = {
  track: SEGMENT_BROWSER.track(),
  page: SEGMENT_BROWSER.page(),
  screen: SEGMENT_BROWSER.page(),
  identify: SEGMENT_BROWSER.identify(),
  group: SEGMENT_BROWSER.group('group'),
  alias: SEGMENT_BROWSER.alias,
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
      SendPushRequest: sink('event', [request()]),
    },
    'track-client': TRACK_CLIENT,
    'api-client': API_CLIENT,
    'cdp-browser-module': { AnalyticsBrowser: { type: 'cdp-browser-class' } },
    'cdp-browser-class': { load: { returns: 'cdp-browser' } },
    'cdp-browser': CDP_BROWSER,
    'cdp-node-module': { Analytics: { type: 'cdp-node-class', returns: 'cdp-node' } },
    'cdp-node-class': { '()': { returns: 'cdp-node' } },
    'cdp-node': SEGMENT_NODE,
  },
};
