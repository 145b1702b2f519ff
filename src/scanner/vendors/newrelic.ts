/**
 * New Relic: the browser agent's global `newrelic` (`setCustomAttribute(name, value)`,
 * `setUserId`, `addPageAction(name, attributes)`, `recordCustomEvent`, `noticeError(error,
 * attributes)`, `log`, `interaction().setAttribute`), the npm browser agent
 * `@newrelic/browser-agent` (`new BrowserAgent({init, info, loader_config})` → the same API), and
 * the Node agent `newrelic` (`addCustomAttribute(s)`, `recordCustomEvent`, `noticeError`,
 * `setUserID`, `recordLogEvent`).
 *
 * Checked against @newrelic/browser-agent 1.322 (type declarations; defaults in
 * `src/common/config/init.js`) and @types/newrelic for newrelic 13. The Node agent's own
 * configuration lives in `newrelic.js` (`exports.config`), which is not a call and is not checked.
 */
import { eventName, fields, id, keyed, message, options, sink } from './specs.js';
import type { ArgSpec, ConfigRule, Member, TypeSpec, VendorDefinition } from './types.js';

const attributes = (index: number): ArgSpec => fields(index, 'attributes');
/** `setCustomAttribute(name, value)`: the value lands at `attributes.<name>`. */
const KEYED = keyed('attributes');
const EVENT_NAME = eventName(0);
const ERROR = message(0, 'error');

/** `new BrowserAgent({init: {session_replay, privacy}, …})`. */
const AGENT_RULES: readonly ConfigRule[] = [
  {
    id: 'session-replay-inputs-unmasked',
    arg: 0,
    when: [
      { path: 'init.session_replay.enabled', in: [true] },
      { path: 'init.session_replay.mask_all_inputs', in: [false] },
    ],
    severity: 'error',
    message:
      'Session replay records what users type into inputs (`mask_all_inputs: false`). Keep the default `mask_all_inputs: true`.',
  },
  {
    id: 'session-replay-text-unmasked',
    arg: 0,
    when: [
      { path: 'init.session_replay.enabled', in: [true] },
      { path: 'init.session_replay.mask_text_selector', in: ['', null] },
    ],
    severity: 'error',
    message:
      'Session replay records all text on screen (`mask_text_selector` emptied). Keep the default `"*"` and unmask with `nr-unmask`-style selectors only where needed.',
  },
  {
    id: 'cookie-persistence',
    arg: 0,
    when: [{ path: 'init.privacy.cookies_enabled', notIn: [false] }],
    severity: 'note',
    message:
      'The browser agent keeps a session id (and the user id set with `setUserId`) in first-party storage across page loads. Set `init: {privacy: {cookies_enabled: false}}` if sessions need not be tracked.',
  },
];

const BROWSER: TypeSpec = {
  setCustomAttribute: sink('context', [KEYED]),
  setUserId: sink('identify', [id(0)]),
  addPageAction: sink('event', [EVENT_NAME, attributes(1)]),
  recordCustomEvent: sink('event', [EVENT_NAME, attributes(1)]),
  noticeError: sink('error', [ERROR, attributes(1)]),
  log: sink('context', [
    message(0, 'log'),
    options(1, { customAttributes: fields(undefined, 'attributes') }),
  ]),
  interaction: { returns: 'interaction' },
};

/** `newrelic.interaction()`: every method returns the interaction, so calls chain. */
const INTERACTION: TypeSpec = {
  setAttribute: { returns: 'interaction', sinks: [{ kind: 'context', args: [KEYED] }] },
  setName: { returns: 'interaction' },
  actionText: { returns: 'interaction' },
  save: { returns: 'interaction' },
  end: { returns: 'interaction' },
  ignore: { returns: 'interaction' },
};

const NODE: TypeSpec = {
  addCustomAttribute: sink('context', [KEYED]),
  addCustomAttributes: sink('context', [attributes(0)]),
  addCustomSpanAttribute: sink('context', [KEYED]),
  addCustomSpanAttributes: sink('context', [attributes(0)]),
  recordCustomEvent: sink('event', [EVENT_NAME, attributes(1)]),
  noticeError: sink('error', [ERROR, attributes(1)]),
  setUserID: sink('identify', [id(0)]),
  recordLogEvent: sink('context', [options(0, { message: message(undefined, 'log') })]),
};

const AGENT_CLASS: Member = { returns: 'browser', config: AGENT_RULES };
const LOADERS: TypeSpec = {
  BrowserAgent: AGENT_CLASS,
  Agent: AGENT_CLASS,
  MicroAgent: { returns: 'browser' },
};

/** New Relic definition: browser agent (global and npm) and Node agent. */
export const newrelic: VendorDefinition = {
  id: 'newrelic',
  name: 'New Relic',
  role: 'monitoring',
  // The browser agent's `info.licenseKey` (NRJS-…) is in every page the agent runs on.
  publicKeys: ['newrelic_browser_api_token'],
  docs: 'https://docs.newrelic.com/docs/browser/new-relic-browser/browser-apis/using-browser-apis/',
  js: {
    modules: {
      newrelic: { default: 'node', namespace: 'node' },
      '@newrelic/browser-agent': { namespace: 'loaders' },
      '@newrelic/browser-agent/loaders/browser-agent': { namespace: 'loaders' },
      '@newrelic/browser-agent/loaders/agent': { namespace: 'loaders' },
      '@newrelic/browser-agent/loaders/micro-agent': { namespace: 'loaders' },
    },
    globals: { newrelic: 'browser' },
  },
  types: { browser: BROWSER, interaction: INTERACTION, node: NODE, loaders: LOADERS },
};
