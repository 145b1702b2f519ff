/**
 * Hotjar: `@hotjar/browser` (default export `Hotjar.identify(userId, attributes)`,
 * `Hotjar.event(name)`, `Hotjar.stateChange(path)`), `react-hotjar` (`hotjar.identify`, …), and
 * the tracking code's global `hj('identify', userId, attributes)`, `hj('event', name)`.
 *
 * Checked against @hotjar/browser 1.0 and react-hotjar 6.3 type declarations. Recording and
 * masking are set in Hotjar's site settings, not in code, so there are no config rules.
 */
import type { ArgSpec, Member, Sink, VendorDefinition } from './types.js';

const sink = (kind: Sink['kind'], args: readonly ArgSpec[]): Member => ({
  sinks: [{ kind, args }],
});
const identity = (index: number): ArgSpec => ({ index, role: 'identity', path: 'userId' });
const attributes = (index: number): ArgSpec => ({ index, role: 'fields', path: 'traits' });
// A page path may carry ids or search terms: the engine scans literal text.
const path = (index: number): ArgSpec => ({ index, role: 'message', path: 'page' });

/** `hj(command, …)`: the tracking code's queue. */
const HJ: Member = {
  sinks: [
    {
      kind: 'identify',
      when: { arg: 0, equals: ['identify'] },
      args: [identity(1), attributes(2)],
    },
    {
      kind: 'event',
      when: { arg: 0, equals: ['event'] },
      args: [{ index: 1, role: 'event-name' }],
    },
    { kind: 'page', when: { arg: 0, equals: ['stateChange'] }, args: [path(1)] },
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
      identify: sink('identify', [identity(0), attributes(1)]),
      event: sink('event', [{ index: 0, role: 'event-name' }]),
      stateChange: sink('page', [path(0)]),
    },
    'react-module': { hotjar: { type: 'hotjar' } },
    hj: { '()': HJ },
  },
};
