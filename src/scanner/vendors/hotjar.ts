/**
 * Hotjar: `@hotjar/browser` (default export `Hotjar.identify(userId, attributes)`,
 * `Hotjar.event(name)`, `Hotjar.stateChange(path)`), `react-hotjar` (`hotjar.identify`, …), and
 * the tracking code's global `hj('identify', userId, attributes)`, `hj('event', name)`.
 *
 * Checked against @hotjar/browser 1.0 and react-hotjar 6.3 type declarations. Recording and
 * masking are set in Hotjar's site settings, not in code, so there are no config rules.
 */
import { command, eventName, fields, id, message, sink } from './specs.js';
import type { ArgSpec, Member, VendorDefinition } from './types.js';

const attributes = (index: number): ArgSpec => fields(index, 'traits');
// A page path may carry ids or search terms: the engine scans literal text.
const path = (index: number): ArgSpec => message(index, 'page');

/** `hj(command, …)`: the tracking code's queue. */
const HJ: Member = {
  sinks: [
    command('identify', 'identify', [id(1), attributes(2)]),
    command('event', 'event', [eventName(1)]),
    command('stateChange', 'page', [path(1)]),
  ],
};

/** Hotjar definition: the npm packages and the tracking code global. */
export const hotjar: VendorDefinition = {
  id: 'hotjar',
  name: 'Hotjar',
  role: 'session-replay',
  docs: 'https://help.hotjar.com/hc/en-us/articles/360033640653-Identify-API-Reference',
  js: {
    modules: {
      '@hotjar/browser': { default: 'hotjar', namespace: 'hotjar' },
      'react-hotjar': { namespace: 'react-module' },
    },
    globals: { hj: 'hj' },
  },
  types: {
    hotjar: {
      identify: sink('identify', [id(0), attributes(1)]),
      event: sink('event', [eventName(0)]),
      stateChange: sink('page', [path(0)]),
    },
    'react-module': { hotjar: { type: 'hotjar' } },
    hj: { '()': HJ },
  },
};
