/**
 * Honeybadger: `@honeybadger-io/js` (one singleton for browser and Node:
 * `Honeybadger.configure({apiKey})`, `setContext({user_id, user_email})`,
 * `notify(error, name | notice, notice)`, `addBreadcrumb(message, {metadata})`, `event(…)`;
 * `factory(options)` makes another client) and the CDN build's global `Honeybadger`.
 *
 * Checked against @honeybadger-io/js 6.16 and @honeybadger-io/core type declarations (defaults in
 * core's `defaults.js`). Hooks (`beforeNotify(notice => { notice.context = {…} })`) add data by
 * assignment: assignments to the notice's `context`, `params`, `session`, `cookies` and
 * `headers` (or to one key of them) are read as sinks.
 */
import { assignableNotice, fields, message, namedFields, options, props, sink } from './specs.js';
import type { ArgSpec, ConfigRule, TypeSpec, VendorDefinition } from './types.js';

/** The parts of a notice that carry data: `notify(err, {context, params, …})`. */
const notice = (index: number): ArgSpec =>
  options(index, {
    message: message(undefined, 'message'),
    ...namedFields('context', 'params', 'session', 'cookies', 'headers'),
  });

/** `configure(options)`: breadcrumbs record console output and network calls by default. */
const CONFIG_RULES: readonly ConfigRule[] = [
  {
    id: 'console-breadcrumbs',
    arg: 0,
    when: [
      { path: 'breadcrumbsEnabled', notIn: [false] },
      { path: 'breadcrumbsEnabled.console', notIn: [false] },
    ],
    severity: 'note',
    message:
      'Honeybadger records console output as breadcrumbs and sends them with every error. Set `breadcrumbsEnabled: {console: false}` if the console may show personal data.',
  },
];

/** `notify(error | message, name | notice, notice)`. */
const NOTIFY = sink('error', [message(0, 'message'), notice(1), notice(2)]);

const CLIENT: TypeSpec = {
  configure: { config: CONFIG_RULES },
  factory: { returns: 'client', config: CONFIG_RULES },
  setContext: sink('context', [fields(0, 'context')]),
  resetContext: sink('context', [fields(0, 'context')]),
  setEventContext: sink('context', [fields(0, 'context')]),
  notify: NOTIFY,
  notifyAsync: NOTIFY,
  addBreadcrumb: sink('context', [
    message(0, 'breadcrumbs.message'),
    options(1, { metadata: fields(undefined, 'breadcrumbs.metadata') }),
  ]),
  // `event(type, data)` or `event(data)`: both positions read as data.
  event: sink('event', [props(0), props(1)]),
  logEvent: sink('event', [props(0)]),
  beforeNotify: { callback: { arg: 0, param: 0, type: 'hooked-notice' } },
};

/** Honeybadger definition: the universal package and the CDN global. */
export const honeybadger: VendorDefinition = {
  id: 'honeybadger',
  name: 'Honeybadger',
  role: 'error-tracking',
  docs: 'https://docs.honeybadger.io/lib/javascript/',
  js: {
    modules: { '@honeybadger-io/js': { default: 'client', namespace: 'client' } },
    globals: { Honeybadger: 'client' },
  },
  types: {
    client: CLIENT,
    ...assignableNotice('hooked-notice', ['context', 'params', 'session', 'cookies', 'headers']),
  },
};
