/**
 * A policy worker thread: compiles every destination's policy once (same config, same master
 * key, so the same pseudonyms as the main thread) and prepares the requests it is sent: decodes
 * the body with the vendor's receiver, checks the token, minimizes (src/gateway/prepare.ts). It
 * holds no outbox, no sockets and no exporter credentials. Messages: in `{id, request}` (a
 * WireRequest), out `{id, prepared, notes?}` (`notes`: the request's ledger notes) or `{id,
 * error}` (the error's class name only, never event values), and now and then `{deltas}` (the
 * inventory aggregated here).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Config } from '../config/schema.js';
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
  // The inventory is aggregated here and sent to the gateway in batches, not per request; the
  // ledger's subjects are tallied on the main thread, from the notes each answer carries.
  const observer = createObserver(built.ledger === undefined ? undefined : 'notes', {
    inventory: init.config.inventory.enabled,
  });
  const send = () => {
    if (observer.size() === 0) return;
    const d = observer.drain();
    if (d.inventory.length > 0) port.postMessage({ deltas: d });
  };
  setInterval(send, init.drainIntervalMs).unref();
  port.on('message', (m: WorkerRequest | { drain: number }) => {
    if ('drain' in m) {
      port.postMessage({ drained: m.drain, deltas: observer.drain() });
      return;
    }
    try {
      const prepared = prepareWire(env, m.request, observer);
      const notes = observer.takeNotes();
      port.postMessage(
        notes === undefined ? { id: m.id, prepared } : { id: m.id, prepared, notes },
      );
      if (observer.size() > MAX_KEYS) send();
    } catch (e) {
      // Nothing of a request that threw is committed, so its ledger notes are dropped.
      observer.takeNotes();
      // Deterministic for these bytes: the gateway answers "bad request", not "retry later".
      port.postMessage({ id: m.id, threw: thrownName(e) });
    }
  });
  port.postMessage({ ready: true });
}

void main();
