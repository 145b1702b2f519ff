/**
 * Rollbar: the `rollbar` package (browser and Node: `new Rollbar({accessToken, payload: {person}})`,
 * `Rollbar.init(…)`, `rollbar.configure({payload: {person}})`, `rollbar.error(message, extra)`),
 * its `rollbar/replay` build, and the snippet's global `Rollbar` (the notifier instance).
 *
 * Checked against rollbar 3.1 (`index.d.ts`; defaults in `src/browser/core.js`,
 * `src/server/rollbar.js` and `src/browser/replay/defaults.js`).
 */
import type { ArgSpec, ConfigRule, Member, Sink, TypeSpec, VendorDefinition } from './types.js';

const sink = (kind: Sink['kind'], args: readonly ArgSpec[]): Member => ({
  sinks: [{ kind, args }],
});
const PERSON: ArgSpec = { role: 'fields', path: 'person' };

/** Configuration: the person and payload data sent with every item. */
const CONFIG: Sink = {
  kind: 'context',
  args: [
    {
      index: 0,
      role: 'object',
      fields: {
        person: PERSON,
        payload: {
          role: 'object',
          fields: {
            person: PERSON,
            context: { role: 'message', path: 'context' },
            custom: { role: 'fields', path: 'custom' },
          },
        },
      },
    },
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
const log = sink('error', [
  { index: 0, role: 'message', path: 'message' },
  { index: 1, role: 'fields', path: 'custom' },
  { index: 2, role: 'fields', path: 'custom' },
]);

/** The class and the instance share one type: the snippet's global is an instance. */
const ROLLBAR: TypeSpec = {
  '()': { returns: 'rollbar', sinks: [CONFIG], config: INIT_RULES },
  init: { returns: 'rollbar', sinks: [CONFIG], config: INIT_RULES },
  configure: { returns: 'rollbar', sinks: [CONFIG], config: OPT_IN_RULES },
  global: { returns: 'rollbar', config: OPT_IN_RULES },
  ...Object.fromEntries(
    ['log', 'debug', 'info', 'warn', 'warning', 'error', 'critical'].map((m) => [m, log]),
  ),
  captureEvent: sink('context', [{ index: 0, role: 'fields', path: 'telemetry' }]),
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
