/**
 * Bugsnag: `@bugsnag/js` (browser and Node in one package), `@bugsnag/browser`, `@bugsnag/node`
 * and the CDN global `Bugsnag`: `Bugsnag.start({user, metadata, …})`, `setUser(id, email, name)`,
 * `addMetadata(section, values | key, value)`, `leaveBreadcrumb(message, metadata)`, and
 * `notify(error, event => {event.setUser(…)})`, whose callback receives the event, as do
 * `addOnError(event => …)` and the `onError` option of `start`/`createClient` (one function or an
 * array of them).
 *
 * The event's `context`, `device`, `request` and `app` (and, from 8.8, `response`) are plain
 * properties that `Event#toJSON` sends whole: assignments to them or to a key below them
 * (`event.device = {…}`, `event.request.clientIp = …`, `event.request.headers.x = …`) are read
 * as sinks, as for the older report below. Its user and metadata are private (`_user`,
 * `_metadata`, reached only through `setUser` and `addMetadata`): `event.user = …` sends nothing
 * and is not read. The packages re-export @bugsnag/core's `Event` and `Client` types: a value
 * annotated with one is the event or the client.
 *
 * Checked against @bugsnag/core, @bugsnag/browser and @bugsnag/node 8.x type declarations, and
 * @bugsnag/core 7.25.0, 8.8.0 and 9.0.0 `event.js` and `types/event.d.ts`.
 *
 * The older SDK (`bugsnag-js` 4, `@bugsnag/js` 5–6) is a function: `bugsnag(apiKey | options)`
 * returns the client, and the options' `beforeSend(report)` (one function or an array of them)
 * adds data to every report by assignment (`report.user = {…}`, `report.user.email = …`,
 * `report.metaData = {…}`) or with `report.updateMetaData(section, values | key, value)`. The
 * client's own `user` and `metaData` take assignments too (`bugsnagClient.user = {…}`), merged
 * into every report; `notify(error, {user, metaData, beforeSend})` adds them to one report.
 * The client's and the report's `context` (a string: the page's path unless set), `device`
 * (`userAgent`, `locale`, `time` unless set; `hostname` in Node), `request` (`url`, `clientIp`,
 * `headers` …) and `app` (`version`, `releaseStage`, `type` …) are sent with every report too
 * (`Report#toJSON`; the client's are merged in by `notify`, which also takes `context`, `device`
 * and `request` options, not `app`): assignments to them are read as sinks, their keys classified
 * by name. The CDN build of those versions is a UMD bundle whose global is `bugsnag`, the same
 * function (`window.bugsnag('KEY')`).
 * Checked against bugsnag-js 4.7.3 and @bugsnag/core 6.5.0 (@bugsnag/browser and @bugsnag/node
 * 5.2.0 and 6.5.2) type declarations and source (`base/client.js`, `base/report.js`,
 * `bin/bundle --standalone bugsnag`; 6.x `types/global.d.ts`: `export as namespace bugsnag`).
 */
import { fields, id, message, namedFields, options, pairs, sink } from './specs.js';
import type { ConfigRule, Member, Sink, TypeSpec, VendorDefinition } from './types.js';

/** `start(apiKey | options)`: the user and metadata sent with every event. */
const START: Sink = {
  kind: 'context',
  args: [
    options(0, { ...namedFields('user', 'metadata'), context: message(undefined, 'context') }),
  ],
};

/** The v4–v6 options that carry data: `bugsnag({user, metaData})`, `notify(error, {user, …})`. */
const LEGACY_DATA = { user: fields(undefined, 'user'), metaData: fields(undefined, 'metadata') };

/** v4–v6 `notify(error, opts)`: also `context`, `device` and `request` for that report. */
const LEGACY_NOTIFY = {
  ...LEGACY_DATA,
  context: message(undefined, 'context'),
  device: fields(undefined, 'device'),
  request: fields(undefined, 'request'),
};

/** v4–v6 `bugsnag(apiKey | options)`: `user` and `metaData` sent with every report. */
const LEGACY_START: Member = {
  returns: 'legacy-client',
  sinks: [{ kind: 'context', args: [options(0, LEGACY_DATA)] }],
  callback: { arg: 0, key: 'beforeSend', param: 0, type: 'report' },
};

/** `start({onError: event => …})` (7+): the callback runs for every event, like `addOnError`. */
const ON_ERROR = { arg: 0, key: 'onError', param: 0, type: 'event' } as const;

/** Browser notifier options (`collectUserIp` and `generateAnonymousId` exist only there). */
const BROWSER_RULES: readonly ConfigRule[] = [
  {
    id: 'ip-collection',
    arg: 0,
    when: [{ path: 'collectUserIp', notIn: [false] }],
    severity: 'warning',
    message:
      'Bugsnag records the client IP address with every error and session in the browser (`collectUserIp` defaults to true). Set `collectUserIp: false`.',
  },
  {
    id: 'anonymous-id',
    arg: 0,
    when: [{ path: 'generateAnonymousId', notIn: [false] }],
    severity: 'note',
    message:
      'Bugsnag stores a device id in localStorage and sends it as the user id when none is set. Set `generateAnonymousId: false`.',
  },
];

/** `setUser(id, email, name)`, on the client and on an event. */
const SET_USER = sink('identify', [
  id(0, 'user.id'),
  { index: 1, role: 'value', path: 'user', key: 'email' },
  { index: 2, role: 'value', path: 'user', key: 'name' },
]);
/** `addMetadata(section, {key: value})` or `addMetadata(section, key, value)`. */
const ADD_METADATA = sink('context', [pairs(1, 'metadata')]);

/**
 * The properties every version sends as they are when assigned: the v4–v6 report's and client's
 * and the 7+ event's `context`, `device`, `request` and `app` (`Report#toJSON`, `Event#toJSON`).
 * Their types keep the `report-` names of the version that had them first.
 */
const SENT_PROPERTIES: TypeSpec = {
  context: { type: 'report-context' },
  device: { type: 'report-device' },
  request: { type: 'report-request' },
  app: { type: 'report-app' },
};

/**
 * What the v4–v6 report and client send with every report, as properties that take assignments:
 * `user`, `metaData`, and the `SENT_PROPERTIES`.
 */
const LEGACY_PROPERTIES: TypeSpec = {
  user: { type: 'report-user' },
  metaData: { type: 'report-metadata' },
  ...SENT_PROPERTIES,
};

/** The v4–v6 report handed to `beforeSend`, and the types of its properties. */
const REPORT: Readonly<Record<string, TypeSpec>> = {
  report: { ...LEGACY_PROPERTIES, updateMetaData: ADD_METADATA },
  'report-user': { '=': sink('context', [fields(0, 'user')]) },
  'report-metadata': { '=': sink('context', [fields(0, 'metadata')]) },
  'report-context': { '=': sink('context', [message(0, 'context')]) },
  'report-device': { '=': sink('context', [fields(0, 'device')]) },
  'report-request': { '=': sink('context', [fields(0, 'request')]) },
  'report-app': { '=': sink('context', [fields(0, 'app')]) },
};

/** `leaveBreadcrumb(message, metadata)`, in every version. */
const LEAVE_BREADCRUMB = sink('context', [
  message(0, 'breadcrumbs.message'),
  fields(1, 'breadcrumbs.metadata'),
]);

/**
 * The 7+ event handed to `onError` callbacks: its setters, and the `SENT_PROPERTIES` plus
 * `response` (8.8+), sent as assigned. Not `user` nor `metaData`: assigning them sends nothing.
 */
const EVENT: TypeSpec = {
  ...SENT_PROPERTIES,
  response: { type: 'event-response' },
  setUser: SET_USER,
  addMetadata: ADD_METADATA,
};

const CLIENT: TypeSpec = {
  setUser: SET_USER,
  addMetadata: ADD_METADATA,
  setContext: sink('context', [message(0, 'context')]),
  leaveBreadcrumb: LEAVE_BREADCRUMB,
  notify: {
    sinks: [{ kind: 'error', args: [message(0, 'error')] }],
    callback: { arg: 1, param: 0, type: 'event' },
  },
  addOnError: { callback: { arg: 0, param: 0, type: 'event' } },
};

/**
 * The v4–v6 client `bugsnag(…)` returns (no `setUser`/`addMetadata` yet): `user`, `metaData`,
 * `context`, `device`, `request` and `app` are merged into every report; `notify(error, opts)`
 * takes `user`, `metaData`, `context`, `device`, `request` and a `beforeSend(report)` for that
 * report only (the callback form `notify(error, event => …)` is 7+).
 */
const LEGACY_CLIENT: TypeSpec = {
  ...LEGACY_PROPERTIES,
  leaveBreadcrumb: LEAVE_BREADCRUMB,
  notify: {
    sinks: [{ kind: 'error', args: [message(0, 'error'), options(1, LEGACY_NOTIFY)] }],
    callback: { arg: 1, key: 'beforeSend', param: 0, type: 'report' },
  },
};

/**
 * The 7+ type names the packages export (from @bugsnag/core): a value annotated `Event` is the
 * event an `onError` callback receives, one annotated `Client` the client `start` returns.
 */
const TYPES = { Event: 'event', Client: 'client' } as const;

/** Bugsnag definition: universal, browser and Node packages, the CDN globals. */
export const bugsnag: VendorDefinition = {
  id: 'bugsnag',
  name: 'Bugsnag',
  role: 'error-tracking',
  docs: 'https://docs.bugsnag.com/platforms/javascript/',
  js: {
    modules: {
      '@bugsnag/js': { default: 'static', namespace: 'static', types: TYPES },
      '@bugsnag/browser': { default: 'static', namespace: 'static', types: TYPES },
      '@bugsnag/node': { default: 'node-static', namespace: 'node-static', types: TYPES },
      // Imported for its types only (`import type { Event } from '@bugsnag/core'`).
      '@bugsnag/core': { types: TYPES },
      'bugsnag-js': { default: 'legacy', namespace: 'legacy' },
    },
    // `Bugsnag` is the 7+ CDN build's global; `bugsnag` the v4–v6 one, a function.
    globals: { Bugsnag: 'static', bugsnag: 'legacy' },
  },
  types: {
    legacy: { '()': LEGACY_START },
    static: {
      ...CLIENT,
      '()': LEGACY_START,
      start: { returns: 'client', sinks: [START], config: BROWSER_RULES, callback: ON_ERROR },
      createClient: {
        returns: 'client',
        sinks: [START],
        config: BROWSER_RULES,
        callback: ON_ERROR,
      },
    },
    'node-static': {
      ...CLIENT,
      '()': LEGACY_START,
      start: { returns: 'client', sinks: [START], callback: ON_ERROR },
      createClient: { returns: 'client', sinks: [START], callback: ON_ERROR },
    },
    client: CLIENT,
    'legacy-client': LEGACY_CLIENT,
    event: EVENT,
    'event-response': { '=': sink('context', [fields(0, 'response')]) },
    ...REPORT,
  },
};
