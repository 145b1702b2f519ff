/**
 * Airbrake: `@airbrake/browser` and `@airbrake/node` (`new Notifier({projectId, projectKey})`,
 * `notifier.notify({error, params, context: {user}, session, environment})`,
 * `notifier.scope().setContext({…})`) and the older `airbrake-js` (`new AirbrakeClient(…)`).
 *
 * Filters (`addFilter(notice => { notice.context.user = {…}; return notice; })`) add data to
 * every notice by assignment: assignments to the notice's `context`, `params`, `session` and
 * `environment` (or to one key of them) are read as sinks.
 *
 * Checked against @airbrake/browser 2.1 and @airbrake/node 2.1 type declarations and sources.
 */
import { assignableNotice, fields, namedFields, options, sink } from './specs.js';
import type { ConfigRule, VendorDefinition } from './types.js';

/** `notify(error)` or `notify({error, params, context, session, environment})`. */
const NOTICE = options(0, namedFields('context', 'params', 'session', 'environment'));

/** Browser notifier: console output is recorded and sent with every error. */
const BROWSER_RULES: readonly ConfigRule[] = [
  {
    id: 'console-history',
    arg: 0,
    when: [{ path: 'instrumentation.console', notIn: [false] }],
    severity: 'note',
    message:
      'Airbrake records console messages (and their arguments) as history and sends them with every error outside development. Set `instrumentation: {console: false}` if the console may show personal data.',
  },
];

/** Airbrake definition: browser and Node notifiers, legacy airbrake-js. */
export const airbrake: VendorDefinition = {
  id: 'airbrake',
  name: 'Airbrake',
  role: 'error-tracking',
  docs: 'https://docs.airbrake.io/docs/platforms/javascript/',
  js: {
    modules: {
      '@airbrake/browser': { namespace: 'browser-module' },
      '@airbrake/node': { namespace: 'node-module' },
      'airbrake-js': { default: 'legacy-class', namespace: 'legacy-class' },
    },
  },
  types: {
    'browser-module': { Notifier: { returns: 'notifier', config: BROWSER_RULES } },
    'node-module': { Notifier: { returns: 'notifier' } },
    'legacy-class': { '()': { returns: 'notifier' } },
    notifier: {
      notify: sink('error', [NOTICE]),
      scope: { returns: 'scope' },
      addFilter: { callback: { arg: 0, param: 0, type: 'filtered-notice' } },
    },
    ...assignableNotice('filtered-notice', ['context', 'params', 'session', 'environment']),
    scope: { setContext: sink('context', [fields(0, 'context')]) },
  },
};
