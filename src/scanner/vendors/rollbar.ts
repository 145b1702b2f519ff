/**
 * Rollbar: the `rollbar` package (browser and Node: `new Rollbar({accessToken, payload: {person}})`,
 * `Rollbar.init(…)`, `rollbar.configure({payload: {person}})`, `rollbar.error(message, extra)`),
 * its `rollbar/replay` build, and the snippet's global `Rollbar` (the notifier instance).
 *
 * Checked against rollbar 3.1 (`index.d.ts`; defaults in `src/browser/core.js`,
 * `src/server/rollbar.js` and `src/browser/replay/defaults.js`).
 */
import { fields, message, options, sink } from './specs.js';
import type { ConfigRule, Sink, TypeSpec, VendorDefinition } from './types.js';

const PERSON = fields(undefined, 'person');

/** Configuration: the person and payload data sent with every item. */
const CONFIG: Sink = {
  kind: 'context',
  args: [
    options(0, {
      person: PERSON,
      payload: options(undefined, {
        person: PERSON,
        context: message(undefined, 'context'),
        custom: fields(undefined, 'custom'),
      }),
    }),
  ],
};

/** Settings that opt in to sending more (checked on every configuration call). */
const OPT_IN_RULES: readonly ConfigRule[] = [
  {
    id: 'capture-email',
    arg: 0,
    when: [{ path: 'captureEmail', in: [true] }],
    severity: 'warning',
    message:
      '`captureEmail: true` sends the request user’s email address with every item. Remove it.',
  },
  {
    id: 'capture-username',
    arg: 0,
    when: [{ path: 'captureUsername', in: [true] }],
    severity: 'note',
    message:
      '`captureUsername: true` sends the request user’s username with every item. Remove it.',
  },
  {
    id: 'session-replay-unmasked',
    arg: 0,
    when: [
      { path: 'replay.enabled', in: [true] },
      { path: 'replay.maskAllInputs', notIn: [true] },
    ],
    severity: 'error',
    message:
      'Session replay records what users type into every input except passwords (`maskAllInputs` defaults to false). Set `replay.maskAllInputs: true`.',
  },
];

/** Defaults that leak, checked where the notifier is created (not on partial `configure`). */
const INIT_RULES: readonly ConfigRule[] = [
  ...OPT_IN_RULES,
  {
    id: 'ip-collection',
    arg: 0,
    when: [{ path: 'captureIp', notIn: [false, 'anonymize'] }],
    severity: 'warning',
    message:
      'Rollbar records the client IP address with every item (`captureIp` defaults to true). Set `captureIp: "anonymize"` or `false`.',
  },
];

/** `rollbar.error(message, error, extra, callback)`: arguments in any order; objects are extra data. */
const log = sink('error', [message(0, 'message'), fields(1, 'custom'), fields(2, 'custom')]);

/** The class and the instance share one type: the snippet's global is an instance. */
const ROLLBAR: TypeSpec = {
  '()': { returns: 'rollbar', sinks: [CONFIG], config: INIT_RULES },
  init: { returns: 'rollbar', sinks: [CONFIG], config: INIT_RULES },
  configure: { returns: 'rollbar', sinks: [CONFIG], config: OPT_IN_RULES },
  global: { returns: 'rollbar', config: OPT_IN_RULES },
  ...Object.fromEntries(
    ['log', 'debug', 'info', 'warn', 'warning', 'error', 'critical'].map((m) => [m, log]),
  ),
  captureEvent: sink('context', [fields(0, 'telemetry')]),
};

/** Rollbar definition: the npm package (browser, Node, replay build) and the snippet global. */
export const rollbar: VendorDefinition = {
  id: 'rollbar',
  name: 'Rollbar',
  role: 'error-tracking',
  docs: 'https://docs.rollbar.com/docs/rollbarjs-configuration-reference',
  js: {
    modules: {
      rollbar: { default: 'rollbar', namespace: 'rollbar' },
      'rollbar/replay': { default: 'rollbar', namespace: 'rollbar' },
    },
    globals: { Rollbar: 'rollbar' },
  },
  types: { rollbar: ROLLBAR },
};
