/**
 * Honeybadger: `@honeybadger-io/js` (one singleton for browser and Node:
 * `Honeybadger.configure({apiKey})`, `setContext({user_id, user_email})`,
 * `notify(error, name | notice, notice)`, `addBreadcrumb(message, {metadata})`, `event(…)`;
 * `factory(options)` makes another client) and the CDN build's global `Honeybadger`.
 *
 * Checked against @honeybadger-io/js 6.16 and @honeybadger-io/core type declarations (defaults in
 * core's `defaults.js`). Hooks (`beforeNotify(notice => …)`) change the notice by assignment,
 * which is not seen.
 */
import type { ArgSpec, ConfigRule, Member, Sink, TypeSpec, VendorDefinition } from './types.js';

const sink = (kind: Sink['kind'], args: readonly ArgSpec[]): Member => ({
  sinks: [{ kind, args }],
});
const fields = (index: number, path: string): ArgSpec => ({ index, role: 'fields', path });

/** The parts of a notice that carry data: `notify(err, {context, params, …})`. */
const notice = (index: number): ArgSpec => ({
  index,
  role: 'object',
  fields: {
    message: { role: 'message', path: 'message' },
    context: { role: 'fields', path: 'context' },
    params: { role: 'fields', path: 'params' },
    session: { role: 'fields', path: 'session' },
    cookies: { role: 'fields', path: 'cookies' },
    headers: { role: 'fields', path: 'headers' },
  },
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

const CLIENT: TypeSpec = {
  configure: { config: CONFIG_RULES },
  factory: { returns: 'client', config: CONFIG_RULES },
  setContext: sink('context', [fields(0, 'context')]),
  resetContext: sink('context', [fields(0, 'context')]),
  setEventContext: sink('context', [fields(0, 'context')]),
  notify: sink('error', [{ index: 0, role: 'message', path: 'message' }, notice(1), notice(2)]),
  notifyAsync: sink('error', [
    { index: 0, role: 'message', path: 'message' },
    notice(1),
    notice(2),
  ]),
  addBreadcrumb: sink('context', [
    { index: 0, role: 'message', path: 'breadcrumbs.message' },
    {
      index: 1,
      role: 'object',
      fields: { metadata: { role: 'fields', path: 'breadcrumbs.metadata' } },
    },
  ]),
  // `event(type, data)` or `event(data)`: both positions read as data.
  event: sink('event', [fields(0, 'properties'), fields(1, 'properties')]),
  logEvent: sink('event', [fields(0, 'properties')]),
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
  types: { client: CLIENT },
};
