/**
 * One SDK request, end to end: route → bounded body → decode → token check → policy per
 * destination (fail closed; these three in a policy worker when there are any, see prepare.ts)
 * → outbox commit → the vendor's success answer. The answer is sent
 * only after the commit resolved (ack after commit); storage trouble and overload answer the
 * status the SDK retries. Nothing here logs or counts event values.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PolicyPool } from './policy-pool.js';
import type { Observer } from './observe.js';
import {
  PrepareKilledWorker,
  prepareOrThrow,
  PrepareThrew,
  toWire,
  type Prepared,
  type PrepareEnv,
} from './prepare.js';
import type { Receiver, ReceiverRequest, Route, RejectCode } from '../receivers/types.js';
import { OutboxFullError, type Outbox } from '../store/types.js';
import {
  clientIp,
  corsHeaders,
  preflightHeaders,
  readBody,
  send,
  TOO_BUSY,
  TOO_LARGE,
  type BodyBudget,
} from './http.js';
import type { Metrics } from './metrics.js';
import { tokenKey, type DestinationRuntime, type SourceRuntime } from './runtime.js';
import type { Logger } from 'pino';
import type { FlagsAnswer } from '../exporters/types.js';

/** Seconds an SDK is asked to wait when Veil is overloaded or its storage is failing. */
export const RETRY_AFTER_S = 5;

/** What the ingest handler needs. */
export interface IngestDeps extends PrepareEnv {
  readonly destinations: ReadonlyMap<string, DestinationRuntime>;
  readonly outbox: Outbox;
  readonly metrics: Metrics;
  readonly log: Logger;
  /** Policy worker threads, when configured. */
  readonly pool?: PolicyPool;
  /**
   * Observe what the policy did (inventory and ledger). With a pool, the workers observe and
   * `observer` is unused; without one, the main thread's `observer` does. False: nothing.
   */
  readonly observe: boolean;
  readonly observer?: Observer;
  readonly maxBodyBytes: number;
  readonly trustProxy: boolean;
  readonly corsOrigins: readonly string[];
  /** Bytes of request bodies held at once, bounded (`server.max_bodies_in_flight_bytes`). */
  readonly bodies: BodyBudget;
  /** True while shutting down: new requests get "retry later". */
  readonly draining: () => boolean;
  /**
   * Rows the outbox can still take: a request that could pass it is refused ("retry later")
   * after its token is checked and before any policy runs, so nothing of it is minimized or
   * counted in the inventory and the ledger (the SDK sends it again later, and only the try
   * that is committed counts).
   */
  readonly outboxRoom: () => number;
  /** Called with the destinations that got new rows. */
  readonly committed: (destinations: readonly string[]) => void;
  readonly now: () => number;
}

interface Ctx {
  readonly res: ServerResponse;
  readonly receiver: Receiver;
  readonly route: Route | undefined;
  readonly req: ReceiverRequest;
  readonly cors: Record<string, string>;
}

/** Handle a request under `/{vendor}/…`; `rest` is the path after the prefix. */
export async function ingest(
  deps: IngestDeps,
  receiver: Receiver,
  rest: string,
  http: IncomingMessage,
  res: ServerResponse,
  query: URLSearchParams,
): Promise<void> {
  const origin = typeof http.headers.origin === 'string' ? http.headers.origin : undefined;
  const cors = corsHeaders(origin, deps.corsOrigins);
  if (http.method === 'OPTIONS') {
    res.writeHead(204, {
      ...cors,
      ...(cors['access-control-allow-origin'] ? preflightHeaders(http) : {}),
    });
    res.end();
    return;
  }
  const route = receiver.route(http.method ?? 'GET', rest);
  const base = {
    method: http.method ?? 'GET',
    path: rest,
    query,
    headers: http.headers,
    clientIp: clientIp(http, deps.trustProxy),
    receivedAt: deps.now(),
  };
  const empty: Ctx = { res, receiver, route, req: { ...base, body: Buffer.alloc(0) }, cors };
  if (route === undefined)
    return refuse(deps, empty, 'not_found', `no ${receiver.vendor} route ${rest}`);
  if (deps.draining()) return refuse(deps, empty, 'overloaded', 'shutting down');
  // The body's bytes stay reserved until the request is answered (its bytes, or a copy in a
  // policy worker, are held that long).
  const reserved = { bytes: 0 };
  try {
    const body = await readBody(http, deps.maxBodyBytes, deps.bodies, reserved);
    if (body === undefined) return; // client went away
    if (body === TOO_LARGE)
      return refuse(deps, empty, 'too_large', `body exceeds ${deps.maxBodyBytes} bytes`, {
        close: true,
      });
    if (body === TOO_BUSY)
      return refuse(deps, empty, 'overloaded', 'too many request bodies in flight', {
        close: true,
        label: 'bodies_in_flight',
      });
    const ctx: Ctx = { ...empty, req: { ...base, body } };
    await handle(deps, ctx, route);
  } finally {
    deps.bodies.release(reserved.bytes);
  }
}

async function handle(deps: IngestDeps, ctx: Ctx, route: Route): Promise<void> {
  const { receiver, req } = ctx;
  let p: Prepared;
  try {
    p = await prepared(deps, receiver, route, req);
  } catch (e) {
    if (e instanceof PrepareThrew) {
      // The same bytes would throw again: "retry later" would make the SDK resend them forever
      // (and hold back the batches queued behind them). Nothing was committed or forwarded.
      // Counted apart from malformed input (`code="prepare_threw"`): it is a fault to alert on.
      deps.log.error({ err: e.thrown }, 'preparing threw; request refused');
      return refuse(deps, ctx, 'bad_request', 'the request could not be processed', {
        label: 'prepare_threw',
      });
    }
    if (e instanceof PrepareKilledWorker) {
      // Alone, it ended a fresh worker: resending it would end the next one. Counted apart.
      deps.log.error({ err: e.name }, 'preparing ended a policy worker; request refused');
      return refuse(
        deps,
        ctx,
        'too_large',
        'the request needs more memory than a policy worker has',
        {
          label: 'prepare_killed_worker',
        },
      );
    }
    // A policy worker died or failed: nothing was committed, so "retry later" loses nothing.
    deps.log.error({ err: (e as Error).name }, 'preparing failed');
    return refuse(deps, ctx, 'overloaded', 'policy unavailable');
  }
  if (p.kind === 'refuse') return refuse(deps, ctx, p.code, p.message);
  if (p.kind === 'side') {
    const source = deps.sources.get(tokenKey(receiver.vendor, p.token));
    if (source === undefined) return refuse(deps, ctx, 'unauthorized', 'unknown token');
    return side(deps, ctx, route, source, p.distinctId);
  }
  deps.metrics.received.inc({ source: p.source }, p.accepted + p.rejected);
  if (p.rejected > 0)
    deps.metrics.dropped.inc({ destination: '-', reason: 'invalid_event' }, p.rejected);
  for (const [destination, n] of p.cut)
    deps.metrics.dropped.inc({ destination, reason: 'destination_cut' }, n);
  const r = p.result;
  for (const [destination, reason, n] of r.dropped)
    deps.metrics.dropped.inc({ destination, reason }, n);
  for (const [destination, category, n] of r.findings)
    deps.metrics.findings.inc({ destination, category }, n);
  for (const [destination, n] of r.observeFailed ?? []) {
    deps.metrics.observeFailed.inc({ destination }, n);
    deps.log.error(
      { destination, events: n },
      'observing failed: inventory and ledger miss events',
    );
  }
  const rows = r.rows;
  try {
    await deps.outbox.enqueue(rows);
  } catch (e) {
    if (!(e instanceof OutboxFullError))
      deps.log.error({ err: (e as Error).name }, 'outbox commit failed');
    return refuse(
      deps,
      ctx,
      'overloaded',
      e instanceof OutboxFullError ? 'outbox full' : 'storage unavailable',
    );
  }
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.destination, (counts.get(row.destination) ?? 0) + 1);
  for (const [destination, n] of counts) deps.metrics.committed.inc({ destination }, n);
  deps.committed([...counts.keys()]);
  reply(deps, ctx, receiver.accepted(route, req, p.accepted));
}

/**
 * Decode, token check and every destination's policy (fail closed), in a policy worker when
 * there are any (the body's bytes go there; the events never come back to this thread, only
 * the rows to commit). Destinations that are cut get nothing. Rejects (throws, without workers)
 * with `PrepareThrew` when preparing threw, with another error when a worker failed.
 */
function prepared(
  deps: IngestDeps,
  receiver: Receiver,
  route: Route,
  req: ReceiverRequest,
): Promise<Prepared> | Prepared {
  const cut: string[] = [];
  for (const name of deps.destinations.keys())
    if (deps.outbox.state(name) === 'cut') cut.push(name);
  const room = deps.outboxRoom();
  if (deps.pool)
    return deps.pool.prepare(toWire(receiver.vendor, route, req, { cut, room }, deps.observe));
  return prepareOrThrow(deps, receiver, route, req, {
    cut,
    room,
    ...(deps.observe && deps.observer && { observer: deps.observer }),
  });
}

/** Session replay is refused; flag requests are answered locally or by the vendor. */
async function side(
  deps: IngestDeps,
  ctx: Ctx,
  route: Route,
  source: SourceRuntime,
  distinctId: string | undefined,
): Promise<void> {
  const { receiver, req } = ctx;
  if (route.kind === 'replay') {
    deps.metrics.side.inc({ vendor: receiver.vendor, kind: 'replay_refused' });
    deps.metrics.dropped.inc({ destination: '-', reason: 'session_replay_refused' });
    return reply(deps, ctx, receiver.replayRefused(route, req));
  }
  const answer = await forwardFlags(deps, source, distinctId);
  deps.metrics.side.inc({
    vendor: receiver.vendor,
    kind: answer ? 'flags_forwarded' : 'flags_local',
  });
  if (answer === undefined) return reply(deps, ctx, receiver.flags(route, req));
  reply(deps, ctx, {
    status: 200,
    headers: { 'content-type': answer.contentType },
    body: answer.body,
  });
}

/**
 * Ask the flags destination's vendor, with only the identity, pseudonymized exactly as that
 * destination's events carry it (its policy decides; no identity after the policy → local
 * answer). A paused or cut destination gets nothing. Undefined: answer locally.
 */
async function forwardFlags(
  deps: IngestDeps,
  source: SourceRuntime,
  distinctId: string | undefined,
): Promise<FlagsAnswer | undefined> {
  const d = source.flagsVia === undefined ? undefined : deps.destinations.get(source.flagsVia);
  if (d?.exporter.flags === undefined || distinctId === undefined) return undefined;
  if (deps.outbox.state(d.name) !== 'active') return undefined;
  const device = source.vendor === 'mixpanel' && distinctId.startsWith('$device:');
  const id = device ? distinctId.slice('$device:'.length) : distinctId;
  let pseudo: string | undefined;
  try {
    const r = d.step({
      type: 'identify',
      ...(device ? { anonymousId: id } : { userId: id }),
      messageId: 'flags',
    });
    const e = r.kind === 'ok' ? r.value.event : undefined;
    pseudo = device ? e?.anonymousId : e?.userId;
  } catch {
    return undefined; // fail closed: never forward an identity the policy could not process
  }
  if (typeof pseudo !== 'string' || pseudo === id) return undefined;
  return d.exporter.flags(device ? `$device:${pseudo}` : pseudo, AbortSignal.timeout(4_000));
}

function reply(deps: IngestDeps, ctx: Ctx, r: import('../receivers/types.js').WireResponse): void {
  deps.metrics.requests.inc({
    vendor: ctx.receiver.vendor,
    route: ctx.route?.name ?? '-',
    status: String(r.status),
  });
  send(ctx.res, r, ctx.cors);
}

function refuse(
  deps: IngestDeps,
  ctx: Ctx,
  code: RejectCode,
  message: string,
  { close = false, label = code }: { close?: boolean; label?: string } = {},
): void {
  deps.metrics.refused.inc({ vendor: ctx.receiver.vendor, code: label });
  const retry = code === 'overloaded' ? RETRY_AFTER_S : undefined;
  const r = ctx.receiver.refused(ctx.route, ctx.req, code, message, retry);
  deps.metrics.requests.inc({
    vendor: ctx.receiver.vendor,
    route: ctx.route?.name ?? '-',
    status: String(r.status),
  });
  send(ctx.res, r, ctx.cors, close);
}
