/**
 * LogRocket: the `logrocket` package (default export; `logrocket/setup` returns the same API)
 * and the CDN script's global `LogRocket`. Sessions are recorded by default, so the risky
 * settings are the defaults left in place.
 *
 * Checked against logrocket 12.4 type declarations (`dist/types.d.ts`, `setup.d.ts`).
 */
import { eventName, fields, id, message, namedFields, options, props, sink } from './specs.js';
import type { ConfigRule, Member, TypeSpec, VendorDefinition } from './types.js';

/** `LogRocket.init(appId, options)`. */
const INIT_RULES: readonly ConfigRule[] = [
  {
    id: 'inputs-recorded',
    arg: 1,
    when: [
      { path: 'dom.isEnabled', notIn: [false] },
      { path: 'dom.inputSanitizer', notIn: [true] },
    ],
    severity: 'warning',
    message:
      'Session recordings keep what users type into inputs (only password fields are hidden by default). Set `dom: {inputSanitizer: true}`.',
  },
  {
    id: 'network-bodies-recorded',
    arg: 1,
    when: [
      { path: 'network.isEnabled', notIn: [false] },
      { path: 'network.requestSanitizer', absent: true },
      { path: 'network.responseSanitizer', absent: true },
    ],
    severity: 'warning',
    message:
      'Request and response bodies and headers are recorded by default. Add `network.requestSanitizer`/`responseSanitizer` that drop bodies and auth headers, or set `network: {isEnabled: false}`.',
  },
  {
    id: 'ip-collection',
    arg: 1,
    when: [{ path: 'shouldCaptureIP', notIn: [false] }],
    severity: 'warning',
    message:
      'LogRocket records and geolocates the client IP (`shouldCaptureIP` defaults to true). Set `shouldCaptureIP: false`.',
  },
];

const CAPTURE_OPTIONS = options(1, namedFields('tags', 'extra'));

/** `LogRocket.log(…)` and friends: console-style, every argument is recorded. */
const log: Member = sink('context', [message(0, 'log'), fields(1, 'log'), fields(2, 'log')]);

const SDK: TypeSpec = {
  init: { config: INIT_RULES },
  // `identify(uid, traits)`; `identify(traits)` (anonymous) reads its keys under `userId`.
  identify: sink('identify', [id(0), fields(1, 'traits')]),
  track: sink('event', [eventName(0), props(1)]),
  captureMessage: sink('error', [message(0, 'message'), CAPTURE_OPTIONS]),
  captureException: sink('error', [CAPTURE_OPTIONS]),
  log,
  info: log,
  warn: log,
  error: log,
  debug: log,
};

/** The LogRocket definition: the browser SDK with its `init` rules (JavaScript only). */
export const logrocket: VendorDefinition = {
  id: 'logrocket',
  name: 'LogRocket',
  role: 'session-replay',
  docs: 'https://docs.logrocket.com/reference/javascript-sdk',
  js: {
    modules: {
      logrocket: { default: 'sdk', namespace: 'sdk' },
      'logrocket/setup': { default: 'setup', namespace: 'setup' },
    },
    globals: { LogRocket: 'sdk' },
  },
  types: { sdk: SDK, setup: { '()': { returns: 'sdk' } } },
};
