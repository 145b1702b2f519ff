/**
 * A policy worker thread: compiles every destination's policy once (same config, same master
 * key, so the same pseudonyms as the main thread) and prepares the requests it is sent: decodes
 * the body with the vendor's receiver, checks the token, minimizes (src/gateway/prepare.ts). It
 * holds no outbox, no sockets and no exporter credentials. Messages: in `{id, request}` (a
 * WireRequest), out `{id, prepared, notes?}` (`notes`: the request's ledger notes) or `{id,
 * threw}` (the thrown error's class name only, never event values), several of them at once as
 * `{answers: […]}` when requests were waiting, and now and then `{deltas}` (the inventory
 * aggregated here).
 */
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import type { Config } from '../config/schema.js';
import { createReceivers } from '../receivers/index.js';
import { createObserver, type LedgerNotes } from './observe.js';
import {
  prepareWire,
  thrownName,
  type PrepareEnv,
  type Prepared,
  type WireRequest,
} from './prepare.js';
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
/** Requests answered together at most, and the work (ms) after which an answer goes anyway. */
const BATCH_MAX = 16;
const BATCH_MS = 2;

/** The answer to one request: prepared (with its ledger notes), or what it threw. */
export type WorkerAnswer =
  | { readonly id: number; readonly prepared: Prepared; readonly notes?: LedgerNotes }
  | { readonly id: number; readonly threw: string };

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
  /** Prepare one request: its answer. */
  const answer = (m: WorkerRequest): WorkerAnswer => {
    try {
      const prepared = prepareWire(env, m.request, observer);
      const notes = observer.takeNotes();
      return notes === undefined ? { id: m.id, prepared } : { id: m.id, prepared, notes };
    } catch (e) {
      // Nothing of a request that threw is committed, so its ledger notes are dropped.
      observer.takeNotes();
      // Deterministic for these bytes: the gateway answers "bad request", not "retry later".
      return { id: m.id, threw: thrownName(e) };
    }
  };
  const onMessage = (m: WorkerRequest | { drain: number }): void => {
    if ('drain' in m) {
      port.postMessage({ drained: m.drain, deltas: observer.drain() });
      return;
    }
    // Requests already waiting are prepared now and answered together, in one message: the
    // gateway then commits them in one transaction (one fsync) instead of one each. At most
    // BATCH_MAX requests or BATCH_MS of work per answer, so the first one is not held long.
    const answers = [answer(m)];
    const until = performance.now() + BATCH_MS;
    while (answers.length < BATCH_MAX && performance.now() < until) {
      const next = receiveMessageOnPort(port) as
        { message: WorkerRequest | { drain: number } } | undefined;
      if (next === undefined) break;
      if ('drain' in next.message) {
        // A drain asks for what was aggregated so far: answer what is prepared first.
        flush(answers);
        answers.length = 0;
        onMessage(next.message);
        continue;
      }
      answers.push(answer(next.message));
    }
    flush(answers);
    if (observer.size() > MAX_KEYS) send();
  };
  const flush = (answers: WorkerAnswer[]): void => {
    if (answers.length === 1) port.postMessage(answers[0]);
    else if (answers.length > 1) port.postMessage({ answers });
  };
  port.on('message', onMessage);
  port.postMessage({ ready: true });
}

void main();
