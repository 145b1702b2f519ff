/**
 * Policy worker threads, so decoding and minimization use every core while the main thread
 * reads bodies, commits and answers. Each request goes to the least busy worker. A worker that
 * dies is replaced (a replacement that cannot start is tried again with growing waits), and the
 * requests it held are suspects: the replacement prepares them one at a time, alone, before it
 * takes new requests. A suspect that ends that fresh worker too is the cause (a body whose
 * decoding or policy needs more than the worker's heap limit, `server.policy_worker_max_heap_mb`)
 * and is refused with `PrepareKilledWorker`, so its SDK drops it instead of resending it forever;
 * the others are answered as usual. Nothing was acknowledged before, so nothing is lost.
 */
import { Worker } from 'node:worker_threads';
import type { Config } from '../config/schema.js';
import type { LedgerNotes, Observed } from './observe.js';
import type { WorkerInit, WorkerRequest } from './policy-worker.js';
import { PrepareKilledWorker, PrepareThrew, type Prepared, type WireRequest } from './prepare.js';
import { buildSources } from './runtime.js';

/** A pool of policy workers. */
export interface PolicyPool {
  readonly size: number;
  /**
   * Prepare `request` (decode, token, policy) in a worker. Rejects with `PrepareThrew` when
   * preparing threw, with `PrepareKilledWorker` when it ended a worker even alone, with another
   * error when no worker could prepare it (the gateway answers "retry later").
   */
  prepare(request: WireRequest): Promise<Prepared>;
  /** Ask every worker for the observations it holds; resolves when all answered. */
  drain(): Promise<void>;
  /** The live worker threads (for diagnostics and tests). */
  workers(): readonly Worker[];
  /** Terminate the workers (pending batches reject). Idempotent. */
  close(): Promise<void>;
}

interface WorkerMessage {
  readonly id?: number;
  readonly prepared?: Prepared;
  readonly error?: string;
  /** Preparing threw (see `PrepareThrew`): the class name of what was thrown. */
  readonly threw?: string;
  /** The ledger notes of the request answered (`prepared`). */
  readonly notes?: LedgerNotes;
  readonly deltas?: Observed;
  readonly drained?: number;
  /** Several requests answered at once (each as `id`, `prepared`, `notes`, `threw` above). */
  readonly answers?: readonly WorkerMessage[];
}

/** A request sent to a worker and not answered yet. */
interface Pending {
  readonly request: WireRequest;
  resolve(r: Prepared): void;
  reject(e: Error): void;
  /** Sent alone to a fresh worker after another worker died holding it. */
  readonly suspect: boolean;
}

interface Slot {
  worker: Worker;
  alive: boolean;
  /** Preparing suspects, one at a time: takes no new requests. */
  solo: boolean;
  pending: Map<number, Pending>;
}

const WORKER_URL = new URL('./policy-worker.js', import.meta.url);
/** A replacement that could not start is tried again after this long, then twice as long… */
const RESPAWN_FIRST_DELAY_MS = 1_000;
/** …up to this. */
const RESPAWN_MAX_DELAY_MS = 30_000;

/** Start a policy worker; resolves once it compiled its policies. */
export function spawn(init: WorkerInit): Promise<Worker> {
  const { policy_worker_max_heap_mb: heap, policy_worker_young_generation_mb: young } =
    init.config.server;
  const worker = new Worker(WORKER_URL, {
    workerData: init,
    resourceLimits: {
      // Most of what minimizing allocates dies within the request: the larger this is, the
      // fewer scavenges (each costs about what survives it, not what died).
      maxYoungGenerationSizeMb: young,
      // Over this, the worker ends alone (ERR_WORKER_OUT_OF_MEMORY) and is replaced.
      ...(heap !== undefined && { maxOldGenerationSizeMb: heap }),
    },
  });
  return new Promise((resolve, reject) => {
    const fail = (e: Error) => reject(e);
    worker.once('error', fail);
    worker.once('message', (m: { ready: boolean; error?: string }) => {
      worker.off('error', fail);
      if (m.ready) resolve(worker);
      else {
        void worker.terminate();
        reject(new Error(`policy worker failed to start: ${m.error ?? 'unknown'}`));
      }
    });
  });
}

/** Start `size` workers (size ≥ 1) for `config`; resolves when all compiled their policies. */
export async function createPolicyPool(
  config: Config,
  env: WorkerInit['env'],
  size: number,
  hooks: {
    /** A worker died (it is being replaced). */
    lost?: () => void;
    /** Aggregated observations from a worker. */
    observed?: (o: Observed) => void;
    /** The ledger notes of a request a worker prepared, before its answer is passed on. */
    notes?: (n: LedgerNotes) => void;
    /** How often workers send their observations, ms (default 1000). */
    drainIntervalMs?: number;
    /** First wait before starting a replacement again after one failed to start, ms (default 1000). */
    respawnDelayMs?: number;
    /** How a worker is started (tests replace it to make starts fail). */
    startWorker?: (init: WorkerInit) => Promise<Worker>;
  } = {},
): Promise<PolicyPool> {
  const onWorkerLost = hooks.lost ?? (() => {});
  const start = hooks.startWorker ?? spawn;
  const init: WorkerInit = {
    config,
    env: { VEIL_MASTER_KEY: env.VEIL_MASTER_KEY },
    drainIntervalMs: hooks.drainIntervalMs ?? 1000,
    // Missing token variables are reported by the gateway's own runtime (buildRuntime).
    sources: [...buildSources(config, env, [])],
  };
  const drains = new Map<number, () => void>();
  const retries = new Set<NodeJS.Timeout>();
  let closed = false;
  let nextId = 1;
  const slots: Slot[] = [];
  /** Requests a dead worker held, waiting to be prepared alone (`runSuspects`). */
  const suspects: Pending[] = [];

  const attach = (slot: Slot) => {
    const settle = (m: WorkerMessage): void => {
      if (m.id === undefined) return;
      const p = slot.pending.get(m.id);
      if (p === undefined) return;
      slot.pending.delete(m.id);
      if (m.prepared) {
        if (m.notes) hooks.notes?.(m.notes);
        p.resolve(m.prepared);
      } else if (m.threw !== undefined) p.reject(new PrepareThrew(m.threw));
      else p.reject(new Error(`policy worker: ${m.error ?? 'failed'}`));
    };
    slot.worker.on('message', (m: WorkerMessage) => {
      if (m.deltas) hooks.observed?.(m.deltas);
      if (m.drained !== undefined) drains.get(m.drained)?.();
      if (m.answers !== undefined) for (const a of m.answers) settle(a);
      else settle(m);
    });
    slot.worker.once('exit', () => {
      slot.alive = false;
      slot.solo = false;
      const held = [...slot.pending.values()];
      slot.pending.clear();
      for (const p of held) {
        if (closed) p.reject(new Error('policy worker exited'));
        // It was alone in a fresh worker, and that worker died too: it is the cause.
        else if (p.suspect) p.reject(new PrepareKilledWorker());
        else suspects.push(p);
      }
      if (closed) return;
      onWorkerLost();
      respawn(slot, hooks.respawnDelayMs ?? RESPAWN_FIRST_DELAY_MS);
    });
    slot.worker.on('error', () => {}); // 'exit' follows and handles it
  };
  /**
   * Start a replacement for `slot`'s dead worker. While it cannot start, the other workers take
   * the batches (or, with none alive, requests get "retry later") and it is tried again after
   * `delayMs`, doubling up to RESPAWN_MAX_DELAY_MS. A worker that finishes starting after the pool
   * was closed is terminated at once.
   */
  const respawn = (slot: Slot, delayMs: number): void => {
    if (closed) return;
    start(init).then(
      (w) => {
        if (closed) {
          void w.terminate();
          return;
        }
        slot.worker = w;
        slot.alive = true;
        attach(slot);
        if (!slots.some((s) => s.solo)) runSuspects(slot);
      },
      () => {
        if (closed) return;
        // No fresh worker to try the suspects on now: they get "retry later" (not proven to be
        // the cause), unless another replacement is already trying them.
        if (!slots.some((s) => s.solo))
          for (const p of suspects.splice(0)) p.reject(new Error('policy worker exited'));
        const next = Math.min(delayMs * 2, RESPAWN_MAX_DELAY_MS);
        const t = setTimeout(() => {
          retries.delete(t);
          respawn(slot, next);
        }, delayMs).unref();
        retries.add(t);
      },
    );
  };

  const send = (slot: Slot, p: Pending): void => {
    const id = nextId++;
    slot.pending.set(id, p);
    slot.worker.postMessage({ id, request: p.request } satisfies WorkerRequest);
  };
  /**
   * Prepare the suspects on `slot` (a fresh replacement) one at a time; it takes new requests
   * again once none is left.
   */
  const runSuspects = (slot: Slot): void => {
    const p = closed ? undefined : suspects.shift();
    slot.solo = p !== undefined;
    if (p === undefined) return;
    const next = () => {
      if (slot.alive && slot.solo) runSuspects(slot);
    };
    send(slot, {
      request: p.request,
      suspect: true,
      resolve: (r) => {
        p.resolve(r);
        next();
      },
      reject: (e) => {
        p.reject(e);
        next();
      },
    });
  };

  for (const worker of await Promise.all(Array.from({ length: size }, () => start(init)))) {
    const slot: Slot = { worker, alive: true, solo: false, pending: new Map() };
    attach(slot);
    slots.push(slot);
  }

  return {
    size,
    prepare(request) {
      if (closed) return Promise.reject(new Error('policy pool is closed'));
      let slot: Slot | undefined;
      for (const s of slots)
        if (s.alive && !s.solo && (slot === undefined || s.pending.size < slot.pending.size))
          slot = s;
      if (slot === undefined) return Promise.reject(new Error('no policy worker is running'));
      const target = slot;
      return new Promise((resolve, reject) => {
        send(target, { request, resolve, reject, suspect: false });
      });
    },
    async drain() {
      await Promise.all(
        slots
          .filter((s) => s.alive)
          .map((s) => {
            const id = nextId++;
            return new Promise<void>((resolve) => {
              const t = setTimeout(resolve, 5_000); // a stuck worker must not stop shutdown
              drains.set(id, () => {
                clearTimeout(t);
                drains.delete(id);
                resolve();
              });
              s.worker.postMessage({ drain: id });
            });
          }),
      );
    },
    workers: () => slots.filter((s) => s.alive).map((s) => s.worker),
    async close() {
      if (closed) return;
      closed = true;
      for (const t of retries) clearTimeout(t);
      for (const p of suspects.splice(0)) p.reject(new Error('policy pool is closed'));
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}
