/**
 * Mixpanel: `mixpanel-browser` (default export and the snippet's `window.mixpanel`), the Node
 * library `mixpanel` (`Mixpanel.init(token)` → client whose calls take the distinct id), and the
 * Python library `mixpanel` (`Mixpanel(token)`).
 */
import { eventName, fields, groupId, id, pairs, props, sink } from './specs.js';
import type { VendorDefinition } from './types.js';

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
      'mixpanel-browser': {
        default: 'browser',
        namespace: 'browser',
        types: {
          Mixpanel: 'browser',
          OverridedMixpanel: 'browser',
          People: 'browser-people',
          Group: 'browser-group',
        },
      },
      mixpanel: {
        default: 'node-module',
        namespace: 'node-module',
        types: { Mixpanel: 'node', People: 'node-people', Groups: 'node-groups' },
      },
    },
    globals: { mixpanel: 'browser' },
  },
  python: { modules: { mixpanel: { namespace: 'python-module' } } },
  types: {
    browser: {
      init: { returns: 'browser', config: INIT_RULES },
      track: sink('event', [eventName(0), props(1)]),
      track_pageview: { sinks: [{ kind: 'page', event: '$mp_web_page_view', args: [props(0)] }] },
      identify: sink('identify', [id(0)]),
      alias: sink('alias', [id(0), id(1, 'previousId')]),
      register: sink('profile', [props(0)]),
      register_once: sink('profile', [props(0)]),
      set_group: sink('group', [
        { index: 0, role: 'value', path: 'groups', key: 'group_key' },
        groupId(1),
      ]),
      add_group: sink('group', [groupId(1)]),
      get_group: { returns: 'browser-group' },
      people: { type: 'browser-people' },
    },
    'browser-people': {
      set: sink('profile', [pairs(0)]),
      set_once: sink('profile', [pairs(0)]),
      append: sink('profile', [pairs(0)]),
      union: sink('profile', [pairs(0)]),
      increment: sink('profile', [pairs(0)]),
    },
    'browser-group': {
      set: sink('group', [pairs(0)]),
      set_once: sink('group', [pairs(0)]),
      union: sink('group', [pairs(0)]),
    },
    'node-module': { init: { returns: 'node' } },
    node: {
      track: sink('event', [eventName(0), props(1)]),
      import: sink('event', [eventName(0), props(2)]),
      alias: sink('alias', [id(0), id(1, 'alias')]),
      people: { type: 'node-people' },
      groups: { type: 'node-groups' },
    },
    'node-people': {
      set: sink('profile', [id(0), pairs(1)]),
      set_once: sink('profile', [id(0), pairs(1)]),
      append: sink('profile', [id(0), pairs(1)]),
      union: sink('profile', [id(0), pairs(1)]),
      increment: sink('profile', [id(0), pairs(1)]),
      track_charge: sink('profile', [id(0), props(2)]),
    },
    'node-groups': {
      set: sink('group', [groupId(1), pairs(2)]),
      set_once: sink('group', [groupId(1), pairs(2)]),
    },
    'python-module': { Mixpanel: { returns: 'python' } },
    python: {
      track: sink('event', [
        id(0, 'userId', 'distinct_id'),
        eventName(1, 'event_name'),
        props(2, 'properties'),
      ]),
      import_data: sink('event', [
        id(2, 'userId', 'distinct_id'),
        eventName(3, 'event_name'),
        props(5, 'properties'),
      ]),
      alias: sink('alias', [id(0, 'alias', 'alias_id'), id(1, 'userId', 'original')]),
      ...Object.fromEntries(
        ['people_set', 'people_set_once', 'people_append', 'people_union', 'people_increment'].map(
          (m) => [
            m,
            sink('profile', [id(0, 'userId', 'distinct_id'), fields(1, 'traits', 'properties')]),
          ],
        ),
      ),
      group_set: sink('group', [groupId(1, 'group_id'), fields(2, 'traits', 'properties')]),
    },
  },
};
