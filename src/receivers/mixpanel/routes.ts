/**
 * Mixpanel routes as the host hands them over (prefix `/mixpanel` already stripped). Every path
 * is matched with or without its trailing slash, since mixpanel-browser adds one (`track/`) and
 * mixpanel (node) does not (`/track`).
 */
import type { Route } from '../types.js';

const table: Record<string, Route> = {
  '/track': { vendor: 'mixpanel', kind: 'events', name: 'mixpanel.track' },
  '/import': { vendor: 'mixpanel', kind: 'events', name: 'mixpanel.import' },
  '/engage': { vendor: 'mixpanel', kind: 'profile', name: 'mixpanel.engage' },
  '/groups': { vendor: 'mixpanel', kind: 'profile', name: 'mixpanel.groups' },
  '/decide': { vendor: 'mixpanel', kind: 'flags', name: 'mixpanel.decide' },
  '/flags': { vendor: 'mixpanel', kind: 'flags', name: 'mixpanel.flags' },
  '/flags/definitions': { vendor: 'mixpanel', kind: 'flags', name: 'mixpanel.flags_definitions' },
  '/settings': { vendor: 'mixpanel', kind: 'flags', name: 'mixpanel.settings' },
  '/record': { vendor: 'mixpanel', kind: 'replay', name: 'mixpanel.record' },
};

/**
 * The route for `path` (any method: a wrong method is refused by `decode` as
 * `method_not_allowed`, so the SDK gets a 405 rather than a 404), or undefined.
 */
export function mixpanelRoute(path: string): Route | undefined {
  const p = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  return Object.hasOwn(table, p) ? table[p] : undefined;
}

/** Methods each route kind takes: flags and settings are GETs, replay uploads are POSTs. */
export function methodAllowed(route: Route, method: string): boolean {
  const m = method.toUpperCase();
  if (route.kind === 'replay') return m === 'POST';
  return m === 'GET' || m === 'POST';
}
