/**
 * Mixpanel: `mixpanel-browser` (default export and the snippet's `window.mixpanel`), the Node
 * library `mixpanel` (`Mixpanel.init(token)` → client whose calls take the distinct id), and the
 * Python library `mixpanel` (`Mixpanel(token)`).
 */
import type { ArgSpec, Sink, VendorDefinition } from './types.js';

const props = (index: number, path = 'properties'): ArgSpec => ({ index, role: 'fields', path });
const pairs = (index: number, path: string): ArgSpec => ({
  index,
  role: 'fields',
  path,
  pair: true,
});
const profile = (args: readonly ArgSpec[]): { sinks: readonly Sink[] } => ({
  sinks: [{ kind: 'profile', args }],
});

/** `mixpanel.init(token, config)` options that leak by default or on purpose. */
const INIT_RULES = [
  {
    id: 'session-replay-unmasked',
    arg: 1,
    when: [
      { path: 'record_sessions_percent', present: true },
      { path: 'record_mask_text_selector', in: ['', null] },
    ],
    severity: 'error',
    message:
      'Session replay is on with text masking turned off: everything users see and type on screen is recorded. Keep the default `record_mask_text_selector`.',
  },
  {
    id: 'ip-collection',
    arg: 1,
    when: [{ path: 'ip', notIn: [false] }],
    severity: 'warning',
    message:
      'Mixpanel receives the client IP and geolocates it (the `ip` option defaults to true). Set `ip: false`.',
  },
  {
    id: 'cookie-persistence',
    arg: 1,
    when: [
      { path: 'persistence', notIn: ['localStorage'] },
      { path: 'disable_persistence', notIn: [true] },
    ],
    severity: 'note',
    message:
      'The distinct id and super properties persist in a cookie sent with every request to your domain. Use `persistence: "localStorage"` or `disable_persistence: true`.',
  },
] as const;

export const mixpanel: VendorDefinition = {
  id: 'mixpanel',
  name: 'Mixpanel',
  role: 'product-analytics',
  docs: 'https://docs.mixpanel.com/docs/tracking-methods/sdks/javascript',
  js: {
    modules: {
      'mixpanel-browser': { default: 'browser', namespace: 'browser' },
      mixpanel: { default: 'node-module', namespace: 'node-module' },
    },
    globals: { mixpanel: 'browser' },
  },
  python: { modules: { mixpanel: { namespace: 'python-module' } } },
  types: {
    browser: {
      init: { returns: 'browser', config: INIT_RULES },
      track: { sinks: [{ kind: 'event', args: [{ index: 0, role: 'event-name' }, props(1)] }] },
      track_pageview: { sinks: [{ kind: 'page', event: '$mp_web_page_view', args: [props(0)] }] },
      identify: {
        sinks: [{ kind: 'identify', args: [{ index: 0, role: 'identity', path: 'userId' }] }],
      },
      alias: {
        sinks: [
          {
            kind: 'alias',
            args: [
              { index: 0, role: 'identity', path: 'userId' },
              { index: 1, role: 'identity', path: 'previousId' },
            ],
          },
        ],
      },
      register: profile([props(0)]),
      register_once: profile([props(0)]),
      set_group: {
        sinks: [
          {
            kind: 'group',
            args: [
              { index: 0, role: 'value', path: 'groups', key: 'group_key' },
              { index: 1, role: 'group-identity', path: 'groupId' },
            ],
          },
        ],
      },
      add_group: {
        sinks: [{ kind: 'group', args: [{ index: 1, role: 'group-identity', path: 'groupId' }] }],
      },
      get_group: { returns: 'browser-group' },
      people: { type: 'browser-people' },
    },
    'browser-people': {
      set: profile([pairs(0, 'traits')]),
      set_once: profile([pairs(0, 'traits')]),
      append: profile([pairs(0, 'traits')]),
      union: profile([pairs(0, 'traits')]),
      increment: profile([pairs(0, 'traits')]),
    },
    'browser-group': {
      set: { sinks: [{ kind: 'group', args: [pairs(0, 'traits')] }] },
      set_once: { sinks: [{ kind: 'group', args: [pairs(0, 'traits')] }] },
      union: { sinks: [{ kind: 'group', args: [pairs(0, 'traits')] }] },
    },
    'node-module': { init: { returns: 'node' } },
    node: {
      track: { sinks: [{ kind: 'event', args: [{ index: 0, role: 'event-name' }, props(1)] }] },
      import: { sinks: [{ kind: 'event', args: [{ index: 0, role: 'event-name' }, props(2)] }] },
      alias: {
        sinks: [
          {
            kind: 'alias',
            args: [
              { index: 0, role: 'identity', path: 'userId' },
              { index: 1, role: 'identity', path: 'alias' },
            ],
          },
        ],
      },
      people: { type: 'node-people' },
      groups: { type: 'node-groups' },
    },
    'node-people': {
      set: profile([{ index: 0, role: 'identity', path: 'userId' }, pairs(1, 'traits')]),
      set_once: profile([{ index: 0, role: 'identity', path: 'userId' }, pairs(1, 'traits')]),
      append: profile([{ index: 0, role: 'identity', path: 'userId' }, pairs(1, 'traits')]),
      union: profile([{ index: 0, role: 'identity', path: 'userId' }, pairs(1, 'traits')]),
      increment: profile([{ index: 0, role: 'identity', path: 'userId' }, pairs(1, 'traits')]),
      track_charge: profile([{ index: 0, role: 'identity', path: 'userId' }, props(2)]),
    },
    'node-groups': {
      set: {
        sinks: [
          {
            kind: 'group',
            args: [{ index: 1, role: 'group-identity', path: 'groupId' }, pairs(2, 'traits')],
          },
        ],
      },
      set_once: {
        sinks: [
          {
            kind: 'group',
            args: [{ index: 1, role: 'group-identity', path: 'groupId' }, pairs(2, 'traits')],
          },
        ],
      },
    },
    'python-module': { Mixpanel: { returns: 'python' } },
    python: {
      track: {
        sinks: [
          {
            kind: 'event',
            args: [
              { index: 0, keyword: 'distinct_id', role: 'identity', path: 'userId' },
              { index: 1, keyword: 'event_name', role: 'event-name' },
              { index: 2, keyword: 'properties', role: 'fields', path: 'properties' },
            ],
          },
        ],
      },
      import_data: {
        sinks: [
          {
            kind: 'event',
            args: [
              { index: 2, keyword: 'distinct_id', role: 'identity', path: 'userId' },
              { index: 3, keyword: 'event_name', role: 'event-name' },
              { index: 5, keyword: 'properties', role: 'fields', path: 'properties' },
            ],
          },
        ],
      },
      alias: {
        sinks: [
          {
            kind: 'alias',
            args: [
              { index: 0, keyword: 'alias_id', role: 'identity', path: 'alias' },
              { index: 1, keyword: 'original', role: 'identity', path: 'userId' },
            ],
          },
        ],
      },
      ...Object.fromEntries(
        ['people_set', 'people_set_once', 'people_append', 'people_union', 'people_increment'].map(
          (m) => [
            m,
            profile([
              { index: 0, keyword: 'distinct_id', role: 'identity', path: 'userId' },
              { index: 1, keyword: 'properties', role: 'fields', path: 'traits' },
            ]),
          ],
        ),
      ),
      group_set: {
        sinks: [
          {
            kind: 'group',
            args: [
              { index: 1, keyword: 'group_id', role: 'group-identity', path: 'groupId' },
              { index: 2, keyword: 'properties', role: 'fields', path: 'traits' },
            ],
          },
        ],
      },
    },
  },
};
