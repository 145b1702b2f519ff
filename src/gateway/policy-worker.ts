/**
 * A policy worker thread: compiles every destination's policy once (same config, same master
 * key, so the same pseudonyms as the main thread) and prepares the requests it is sent: decodes
 * the body with the vendor's receiver, checks the token, minimizes (src/gateway/prepare.ts). It
 * holds no outbox, no sockets and no exporter credentials. Messages: in `{id, request}` (a
 * WireRequest), out `{id, prepared}` or `{id, error}` (the error's class name only, never event
 * values).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Config } from '../config/schema.js';
import type { LedgerDay } from '../ledger/types.js';
import { createReceivers } from '../receivers/index.js';
import { createObserver } from './observe.js';
import { prepareWire, thrownName, type PrepareEnv, type WireRequest } from './prepare.js';
import { buildSteps, limitsOf, type SourceRuntime } from './runtime.js';

/** What the pool hands a worker at start. */
export interface WorkerInit {
  readonly config: Config;
  /** Only what the master key needs (`VEIL_MASTER_KEY`); the data dir is in the config. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** How often aggregated observations are sent to the gateway, ms. */
  readonly drainIntervalMs: number;
  /** The gateway's token table (`tokenKey` → source), tokens from the environment included. */
  readonly sources: readonly (readonly [string, SourceRuntime])[];
}

/** Observation keys beyond which the worker sends them at once. */
const MAX_KEYS = 20_000;
/** Ledger rows per message when a drain is sent in slices. */
const SLICE_ROWS = 250;

/** A request to prepare. */
export interface WorkerRequest {
  readonly id: number;
  readonly request: WireRequest;
}

async function main(): Promise<void> {
  const port = parentPort;
  if (port === null) return;
  const init = workerData as WorkerInit;
  let built: Awaited<ReturnType<typeof buildSteps>>;
  try {
    built = await buildSteps(init.config, init.env);
  } catch (e) {
    port.postMessage({ ready: false, error: (e as Error).message });
    return;
  }
  const env: PrepareEnv = {
    receivers: createReceivers(),
    sources: new Map(init.sources),
    steps: built.steps,
    limits: limitsOf(init.config),
  };
  // Observations are aggregated here and sent to the gateway in batches, not per request. A
  // drain's ledger rows go out in slices between requests, so a large drain never holds up
  // minimizing (nor, on arrival, the gateway's event loop) for long.
  const observer = createObserver(built.ledger, { inventory: init.config.inventory.enabled });
  const queued: Iterator<LedgerDay>[] = [];
  let sending = false;
  const slice = (rows: Iterator<LedgerDay>, max: number): LedgerDay[] => {
    const out: LedgerDay[] = [];
    while (out.length < max) {
      const r = rows.next();
      if (r.done === true) break;
      out.push(r.value);
    }
    return out;
  };
  const post = (ledger: LedgerDay[]) => {
    if (ledger.length > 0) port.postMessage({ deltas: { inventory: [], ledger } });
  };
  const pump = () => {
    const rows = queued[0];
    if (rows === undefined) {
      sending = false;
      return;
    }
    const out = slice(rows, SLICE_ROWS);
    if (out.length < SLICE_ROWS) queued.shift();
    post(out);
    setImmediate(pump);
  };
  /** Everything still queued, at once (before a drain answer, which must follow it). */
  const flushQueued = () => {
    for (const rows of queued.splice(0)) post(slice(rows, Infinity));
  };
  const send = () => {
    if (observer.size() === 0) return;
    const d = observer.drainLazy();
    if (d.inventory.length > 0)
      port.postMessage({ deltas: { inventory: d.inventory, ledger: [] } });
    queued.push(d.ledger);
    if (!sending) {
      sending = true;
      setImmediate(pump);
    }
  };
  setInterval(send, init.drainIntervalMs).unref();
  port.on('message', (m: WorkerRequest | { drain: number }) => {
    if ('drain' in m) {
      flushQueued();
      port.postMessage({ drained: m.drain, deltas: observer.drain() });
      return;
    }
    try {
      port.postMessage({ id: m.id, prepared: prepareWire(env, m.request, observer) });
      if (observer.size() > MAX_KEYS) send();
    } catch (e) {
      // Deterministic for these bytes: the gateway answers "bad request", not "retry later".
      port.postMessage({ id: m.id, threw: thrownName(e) });
    }
  });
  port.postMessage({ ready: true });
}

void main();
