/**
 * Pendo: the snippet's global `pendo` (`pendo.initialize({visitor: {id, email, full_name}, account:
 * {id, name}})`, `identify`, `updateOptions`, `track(name, properties)`) and the self-hosted agent
 * `@pendo/agent` (`await initialize(options)` → the same agent).
 *
 * Checked against @pendo/agent 2.291 (its README and the agent source's `identify`,
 * `updateOptions`, `track` and option list: `excludeAllText`, `disableCookies`,
 * `disablePersistence`, `localStorageOnly`).
 */
import { eventName, fields, namedFields, options, props, sink } from './specs.js';
import type { ConfigRule, Member, TypeSpec, VendorDefinition } from './types.js';

/** Visitor and account metadata, as `initialize`, `identify` and `updateOptions` take them. */
const OPTIONS = options(0, namedFields('visitor', 'account', 'parentAccount'));

/** Options read once, when the agent starts. */
const INIT_RULES: readonly ConfigRule[] = [
  {
    id: 'autocapture-text',
    arg: 0,
    when: [{ path: 'excludeAllText', notIn: [true] }],
    severity: 'warning',
    message:
      'Pendo captures the text of every element users click, which often shows names, emails and account details. Set `excludeAllText: true` (with `allowedText` for the labels you need), or turn text capture off in the app settings.',
  },
  {
    id: 'cookie-persistence',
    arg: 0,
    when: [
      { path: 'disableCookies', notIn: [true] },
      { path: 'localStorageOnly', notIn: [true] },
    ],
    severity: 'note',
    message:
      'The visitor and account ids persist in cookies sent with every request to your domain. Set `disableCookies: true` (memory only) or `localStorageOnly: true`.',
  },
];

/** `initialize(options)`: the visitor and account it starts with, and its risky options. */
const INITIALIZE: Member = { ...sink('identify', [OPTIONS]), config: INIT_RULES };

const AGENT: TypeSpec = {
  initialize: INITIALIZE,
  // `identify({visitor, account})` or `identify(visitorId, accountId)`: argument 0 is read as
  // fields so that both forms land once (an identity spec would read the object form twice).
  identify: sink('identify', [
    fields(0, ''),
    { index: 1, role: 'group-identity', path: 'account.id' },
  ]),
  updateOptions: sink('profile', [OPTIONS]),
  track: sink('event', [eventName(0), props(1)]),
};

/** Pendo definition: the snippet global and the self-hosted agent package. */
export const pendo: VendorDefinition = {
  id: 'pendo',
  name: 'Pendo',
  role: 'product-analytics',
  docs: 'https://agent.pendo.io/public/agent',
  js: {
    modules: { '@pendo/agent': { namespace: 'module' } },
    globals: { pendo: 'agent' },
  },
  types: {
    module: { initialize: { ...INITIALIZE, returns: 'agent' } },
    agent: AGENT,
  },
};
