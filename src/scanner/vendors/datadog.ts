/**
 * Datadog Real User Monitoring and browser logs: `datadogRum` from `@datadog/browser-rum` (and
 * `-rum-slim`), the CDN snippet's global `DD_RUM` (callbacks of `DD_RUM.onReady(() => …)` use
 * the global too), `datadogLogs` from `@datadog/browser-logs` and the global `DD_LOGS`, with
 * their loggers (`datadogLogs.logger.info(message, context)`).
 *
 * Checked against @datadog/browser-rum 7.16 and @datadog/browser-logs type declarations. SDK 7
 * turned `enablePrivacyForActionName` on by default; earlier versions left it off, so the rule
 * asks for it explicitly.
 */
import { eventName, fields, keyed, message, sink } from './specs.js';
import type { ConfigRule, Member, TypeSpec, VendorDefinition } from './types.js';

const RUM_INIT_RULES: readonly ConfigRule[] = [
  {
    id: 'action-names-unmasked',
    arg: 0,
    when: [
      { path: 'trackUserInteractions', in: [true] },
      { path: 'enablePrivacyForActionName', notIn: [true] },
    ],
    severity: 'warning',
    message:
      'Click tracking names actions after the text of the clicked element, which can show names and emails; before SDK 7 `enablePrivacyForActionName` is off. Set `enablePrivacyForActionName: true`.',
  },
  {
    id: 'session-replay-unmasked',
    arg: 0,
    when: [
      { path: 'defaultPrivacyLevel', in: ['allow'] },
      { path: 'sessionReplaySampleRate', present: true },
      { path: 'sessionReplaySampleRate', notIn: [0] },
    ],
    severity: 'error',
    message:
      'Session replay records all text and input values (`defaultPrivacyLevel: "allow"`). Use "mask-user-input" (the default) or "mask".',
  },
  {
    id: 'cookie-persistence',
    arg: 0,
    when: [{ path: 'sessionPersistence', notIn: ['memory', 'local-storage'] }],
    severity: 'note',
    message:
      'The session and anonymous user ids persist in the `_dd_s` cookie (`sessionPersistence` defaults to "cookie"). Datadog offers `sessionPersistence: "memory"`.',
  },
];

/** Context and user setters shared by RUM and logs. */
const CONTEXT: TypeSpec = {
  setUser: sink('identify', [fields(0, 'user')]),
  setUserProperty: sink('identify', [keyed('user')]),
  setAccount: sink('group', [fields(0, 'account')]),
  setAccountProperty: sink('group', [keyed('account')]),
  setGlobalContext: sink('context', [fields(0, 'context')]),
  setGlobalContextProperty: sink('context', [keyed('context')]),
};

const RUM: TypeSpec = {
  ...CONTEXT,
  init: { config: RUM_INIT_RULES },
  addAction: sink('event', [eventName(0), fields(1, 'context')]),
  addError: sink('error', [fields(1, 'context')]),
  setViewContext: sink('context', [fields(0, 'view.context')]),
  setViewContextProperty: sink('context', [keyed('view.context')]),
  startView: sink('page', [eventName(0)]),
  // SDK 4 and earlier.
  addRumGlobalContext: sink('context', [keyed('context')]),
  setRumGlobalContext: sink('context', [fields(0, 'context')]),
};

const log: Member = sink('event', [message(0, 'message'), fields(1, 'context')]);
const LOGGER: TypeSpec = {
  debug: log,
  info: log,
  warn: log,
  error: log,
  log,
  setContext: sink('context', [fields(0, 'context')]),
  setContextProperty: sink('context', [keyed('context')]),
  addContext: sink('context', [keyed('context')]),
};

const LOGS: TypeSpec = {
  ...CONTEXT,
  logger: { type: 'logger' },
  createLogger: { returns: 'logger' },
  getLogger: { returns: 'logger' },
};

/** The Datadog definition: browser RUM (with `init` rules) and browser logs (JavaScript only). */
export const datadog: VendorDefinition = {
  id: 'datadog',
  name: 'Datadog RUM',
  role: 'monitoring',
  docs: 'https://docs.datadoghq.com/real_user_monitoring/browser/advanced_configuration/',
  js: {
    modules: {
      '@datadog/browser-rum': { namespace: 'rum-module' },
      '@datadog/browser-rum-slim': { namespace: 'rum-module' },
      '@datadog/browser-logs': { namespace: 'logs-module' },
    },
    globals: { DD_RUM: 'rum', DD_LOGS: 'logs' },
  },
  types: {
    'rum-module': { datadogRum: { type: 'rum' } },
    'logs-module': { datadogLogs: { type: 'logs' } },
    rum: RUM,
    logs: LOGS,
    logger: LOGGER,
  },
};
