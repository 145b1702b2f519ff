/**
 * Pendo: the snippet's global `pendo` (`pendo.initialize({visitor: {id, email, full_name}, account:
 * {id, name}})`, `identify`, `updateOptions`, `track(name, properties)`) and the self-hosted agent
 * `@pendo/agent` (`await initialize(options)` → the same agent).
 *
 * Checked against @pendo/agent 2.291 (its README and the agent source's `identify`,
 * `updateOptions`, `track` and option list: `excludeAllText`, `disableCookies`,
 * `disablePersistence`, `localStorageOnly`).
 */
import type { ArgSpec, ConfigRule, Member, Sink, TypeSpec, VendorDefinition } from './types.js';

const sink = (kind: Sink['kind'], args: readonly ArgSpec[]): Member => ({
  sinks: [{ kind, args }],
});

/** Visitor and account metadata, as `initialize`, `identify` and `updateOptions` take them. */
const OPTIONS: ArgSpec = {
  index: 0,
  role: 'object',
  fields: {
    visitor: { role: 'fields', path: 'visitor' },
    account: { role: 'fields', path: 'account' },
    parentAccount: { role: 'fields', path: 'parentAccount' },
  },
};

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

const AGENT: TypeSpec = {
  initialize: { sinks: [{ kind: 'identify', args: [OPTIONS] }], config: INIT_RULES },
  // `identify({visitor, account})` or `identify(visitorId, accountId)`: argument 0 is read as
  // fields so that both forms land once (an identity spec would read the object form twice).
  identify: sink('identify', [
    { index: 0, role: 'fields', path: '' },
    { index: 1, role: 'group-identity', path: 'account.id' },
  ]),
  updateOptions: sink('profile', [OPTIONS]),
  track: sink('event', [
    { index: 0, role: 'event-name' },
    { index: 1, role: 'fields', path: 'properties' },
  ]),
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
    module: {
      initialize: {
        returns: 'agent',
        sinks: [{ kind: 'identify', args: [OPTIONS] }],
        config: INIT_RULES,
      },
    },
    agent: AGENT,
  },
};
