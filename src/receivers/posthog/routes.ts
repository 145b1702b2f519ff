/**
 * PostHog routes, as seen after the host stripped its `/posthog` prefix. Trailing slashes are
 * optional everywhere (posthog-js uses `/e/`, posthog-node `/batch/`, `/flags/`).
 */
import type { Route, RouteKind } from '../types.js';

const EXACT: Readonly<Record<string, readonly [RouteKind, string]>> = {
  '/e': ['events', 'posthog.capture'],
  '/i/v0/e': ['events', 'posthog.capture'],
  '/capture': ['events', 'posthog.capture'],
  '/track': ['events', 'posthog.capture'],
  '/engage': ['events', 'posthog.engage'],
  '/batch': ['events', 'posthog.batch'],
  '/s': ['replay', 'posthog.replay'],
  '/flags': ['flags', 'posthog.flags'],
  '/decide': ['flags', 'posthog.flags'],
};

const CONFIG = /^\/array\/([^/]{1,256})\/config(\.js)?$/;

/** The methods each route name accepts. */
export const METHODS: Readonly<Record<string, readonly string[]>> = {
  'posthog.capture': ['GET', 'POST'],
  'posthog.engage': ['GET', 'POST'],
  'posthog.batch': ['POST'],
  'posthog.replay': ['POST'],
  'posthog.flags': ['GET', 'POST'],
  'posthog.config': ['GET'],
  'posthog.config_js': ['GET'],
};

/** The route for `path` (any method; `decode` answers `method_not_allowed`), or undefined. */
export function matchRoute(path: string): Route | undefined {
  const p = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  const hit = Object.hasOwn(EXACT, p) ? EXACT[p] : undefined;
  if (hit) return { vendor: 'posthog', kind: hit[0], name: hit[1] };
  const m = CONFIG.exec(p);
  if (m)
    return {
      vendor: 'posthog',
      kind: 'flags',
      name: m[2] ? 'posthog.config_js' : 'posthog.config',
    };
  return undefined;
}

/** The project token in an `/array/<token>/config[.js]` path, or undefined. */
export function configToken(path: string): string | undefined {
  const p = path.endsWith('/') ? path.slice(0, -1) : path;
  const m = CONFIG.exec(p);
  if (!m) return undefined;
  try {
    return decodeURIComponent(m[1]!);
  } catch {
    return undefined;
  }
}
