/**
 * The admin API and health endpoints. `/healthz` (process up), `/readyz` (accepting: started,
 * not draining, outbox below its high-water mark) and `/metrics` (Prometheus text; labels hold
 * no event values) are open, as probes and scrapers expect. Everything under `/admin/` requires
 * `Authorization: Bearer <admin token>` (compared in constant time):
 *
 * - `GET  /admin/destinations` — state and outbox numbers per destination
 * - `POST /admin/destinations/NAME/pause|resume|cut` — the kill switch (cut answers the count)
 * - `POST /admin/outbox/retry[?destination=NAME]` — dead-lettered events back to the queue
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Outbox } from '../store/types.js';
import { json, send } from './http.js';
import type { Metrics } from './metrics.js';

/** What the admin handler needs. */
export interface AdminDeps {
  readonly outbox: Outbox;
  readonly metrics: Metrics;
  readonly token: string;
  readonly destinations: readonly string[];
  readonly ready: () => boolean;
  /** A destination's state changed through the API. */
  readonly changed: (destination: string) => void;
}

const digest = (s: string) => createHash('sha256').update(s).digest();

function authorized(req: IncomingMessage, token: string): boolean {
  const h = req.headers.authorization;
  const m = typeof h === 'string' ? /^Bearer\s+(\S+)$/i.exec(h) : null;
  return m !== null && timingSafeEqual(digest(m[1]!), digest(token));
}

/** Handle `/healthz`, `/readyz`, `/metrics` and `/admin/*`; false when the path is not ours. */
export async function admin(
  deps: AdminDeps,
  path: string,
  query: URLSearchParams,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<boolean> {
  if (path === '/healthz') return (send(res, json(200, { status: 'ok' })), true);
  if (path === '/readyz') {
    const ok = deps.ready();
    send(res, json(ok ? 200 : 503, { status: ok ? 'ready' : 'not ready' }));
    return true;
  }
  if (path === '/metrics') {
    const body = await deps.metrics.registry.metrics();
    const headers = { 'content-type': deps.metrics.registry.contentType };
    send(res, { status: 200, headers, body });
    return true;
  }
  if (!path.startsWith('/admin/')) return false;
  if (!authorized(req, deps.token)) {
    send(
      res,
      json(
        401,
        { error: 'admin API: missing or wrong bearer token' },
        { 'www-authenticate': 'Bearer' },
      ),
    );
    return true;
  }
  send(res, route(deps, req.method ?? 'GET', path, query));
  return true;
}

function route(deps: AdminDeps, method: string, path: string, query: URLSearchParams) {
  if (method === 'GET' && path === '/admin/destinations') {
    const st = new Map(deps.outbox.status().map((s) => [s.destination, s]));
    return json(200, {
      destinations: deps.destinations.map((d) => ({
        destination: d,
        state: deps.outbox.state(d),
        queued: st.get(d)?.queued ?? 0,
        dead: st.get(d)?.dead ?? 0,
        oldest_age_ms: st.get(d)?.oldestAgeMs ?? 0,
      })),
    });
  }
  const m = /^\/admin\/destinations\/([a-z0-9][a-z0-9_-]{0,62})\/(pause|resume|cut)$/.exec(path);
  if (m && method === 'POST') {
    const [, name, verb] = m as unknown as [string, string, 'pause' | 'resume' | 'cut'];
    if (!deps.destinations.includes(name))
      return json(404, { error: `unknown destination "${name}"` });
    const state = verb === 'pause' ? 'paused' : verb === 'resume' ? 'active' : 'cut';
    const discarded = deps.outbox.setState(name, state);
    deps.changed(name);
    return json(200, { destination: name, state, ...(verb === 'cut' ? { discarded } : {}) });
  }
  if (method === 'POST' && path === '/admin/outbox/retry') {
    const d = query.get('destination') ?? undefined;
    if (d !== undefined && !deps.destinations.includes(d))
      return json(404, { error: `unknown destination "${d}"` });
    return json(200, { requeued: deps.outbox.retryDead(d) });
  }
  return json(404, { error: `no admin route ${method} ${path}` });
}
