/**
 * Bugsnag: `@bugsnag/js` (browser and Node in one package), `@bugsnag/browser`, `@bugsnag/node`
 * and the CDN global `Bugsnag`: `Bugsnag.start({user, metadata, …})`, `setUser(id, email, name)`,
 * `addMetadata(section, values | key, value)`, `leaveBreadcrumb(message, metadata)`, and
 * `notify(error, event => {event.setUser(…)})`, whose callback receives the event, as do
 * `addOnError(event => …)` and the `onError` option of `start`/`createClient`.
 *
 * Checked against @bugsnag/core, @bugsnag/browser and @bugsnag/node 8.x type declarations.
 * Assignments to the event (`event.user = …`) are not calls and are not seen.
 *
 * The older SDK (`bugsnag-js` 4, `@bugsnag/js` 5–6) is a function: `bugsnag(apiKey | options)`
 * returns the client, and the options' `beforeSend(report)` adds data to every report by
 * assignment (`report.user = {…}`, `report.user.email = …`, `report.metaData = {…}`) or with
 * `report.updateMetaData(section, values | key, value)`.
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

/** v4–v6 `bugsnag(apiKey | options)`: `user` and `metaData` sent with every report. */
const LEGACY_START: Member = {
  returns: 'client',
  sinks: [
    {
      kind: 'context',
      args: [
        options(0, { user: fields(undefined, 'user'), metaData: fields(undefined, 'metadata') }),
      ],
    },
  ],
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

/** The v4–v6 report handed to `beforeSend`: its `user` and `metaData` take assignments. */
const REPORT: Readonly<Record<string, TypeSpec>> = {
  report: {
    user: { type: 'report-user' },
    metaData: { type: 'report-metadata' },
    updateMetaData: ADD_METADATA,
  },
  'report-user': { '=': sink('context', [fields(0, 'user')]) },
  'report-metadata': { '=': sink('context', [fields(0, 'metadata')]) },
};

const EVENT: TypeSpec = {
  setUser: SET_USER,
  addMetadata: ADD_METADATA,
};

const CLIENT: TypeSpec = {
  setUser: SET_USER,
  addMetadata: ADD_METADATA,
  setContext: sink('context', [message(0, 'context')]),
  leaveBreadcrumb: sink('context', [
    message(0, 'breadcrumbs.message'),
    fields(1, 'breadcrumbs.metadata'),
  ]),
  notify: {
    sinks: [{ kind: 'error', args: [message(0, 'error')] }],
    callback: { arg: 1, param: 0, type: 'event' },
  },
  addOnError: { callback: { arg: 0, param: 0, type: 'event' } },
};

/** Bugsnag definition: universal, browser and Node packages, the CDN global. */
export const bugsnag: VendorDefinition = {
  id: 'bugsnag',
  name: 'Bugsnag',
  role: 'error-tracking',
  docs: 'https://docs.bugsnag.com/platforms/javascript/',
  js: {
    modules: {
      '@bugsnag/js': { default: 'static', namespace: 'static' },
      '@bugsnag/browser': { default: 'static', namespace: 'static' },
      '@bugsnag/node': { default: 'node-static', namespace: 'node-static' },
      'bugsnag-js': { default: 'legacy', namespace: 'legacy' },
    },
    globals: { Bugsnag: 'static' },
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
    event: EVENT,
    ...REPORT,
  },
};
