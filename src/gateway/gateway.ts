/**
 * The gateway host (`veil serve`): wires receivers, policy steps, the outbox, the dispatcher,
 * metrics and the admin API into one HTTP server. `start()` listens; `shutdown()` stops intake
 * (new requests get "retry later"), waits for in-flight requests, lets deliveries finish within
 * the grace period, closes the outbox. Shutdown is idempotent and safe before start.
 */
import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pino, type Logger } from 'pino';
import type { Config } from '../config/schema.js';
import { createDetector } from '../engine/detect.js';
import { openCountryDatabase } from '../policy/generalize/ip.js';
import { loadMasterKey } from '../policy/keys.js';
import { createReceivers } from '../receivers/index.js';
import type { Receiver } from '../receivers/types.js';
import { openSqliteOutbox } from '../store/sqlite/outbox.js';
import type { Outbox } from '../store/types.js';
import { admin } from './admin.js';
import { createDispatcher, type DispatchEvent } from './dispatch.js';
import { createBodyBudget, json, send } from './http.js';
import { ingest, RETRY_AFTER_S, type IngestDeps } from './ingest.js';
import { createMetrics, type Metrics } from './metrics.js';
import { createPolicyPool, type PolicyPool } from './policy-pool.js';
import { createRecordKeeper, flushIntervalMs } from './records.js';
import { createAlertSink } from '../inventory/alerts.js';
import type { DriftAlert } from '../inventory/drift.js';
import { createLedgerPseudonymizer } from '../ledger/subject.js';
import { createLedgerTally, createObserver, type LedgerNotes, type Observed } from './observe.js';
import { buildRuntime, limitsOf } from './runtime.js';

/** Subject-days tallied on the main thread beyond which the record keeper flushes at once. */
const MAX_TALLIED = 50_000;

/** Injected settings (not user config). */
export interface GatewaySettings {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly log?: Logger;
  readonly now?: () => number;
  /** The outbox to use instead of `<data_dir>/veil.db` (tests inject a controllable one). */
  readonly outbox?: Outbox;
  /**
   * The receivers the main thread decodes with instead of the built-in ones (tests inject a
   * faulty one). Policy workers always use the built-in receivers.
   */
  readonly receivers?: ReadonlyMap<string, Receiver>;
}

/** A running (or ready to run) gateway. */
export interface Gateway {
  /** Listen; resolves to the base URL (`http://127.0.0.1:8787`). */
  start(): Promise<string>;
  /** Stop intake, drain, flush, close. Idempotent. */
  shutdown(): Promise<void>;
  readonly metrics: Metrics;
  readonly outbox: Outbox;
  /** The policy worker threads, when `server.policy_workers` > 0. */
  readonly pool: PolicyPool | undefined;
  /** Where the admin token was read from (env var name or file path). */
  readonly adminTokenSource: string;
}

/** The admin token: from the env var the config names, else `<data_dir>/admin.token` (0600). */
function adminToken(config: Config, env: GatewaySettings['env']): { token: string; from: string } {
  const v = config.admin.token_env;
  if (v !== undefined) {
    const t = env[v];
    if (t === undefined || t.length < 16)
      throw new Error(`admin.token_env: ${v} must hold at least 16 characters`);
    return { token: t, from: `$${v}` };
  }
  const file = join(config.data_dir, 'admin.token');
  try {
    return { token: readFileSync(file, 'utf8').trim(), from: file };
  } catch {
    const token = randomBytes(24).toString('base64url');
    writeFileSync(file, token + '\n', { mode: 0o600, flag: 'wx' });
    return { token, from: file };
  }
}

/** Build a gateway from a validated config. Throws VEIL_E_CONFIG_INVALID when it cannot run. */
export async function createGateway(config: Config, settings: GatewaySettings): Promise<Gateway> {
  const log = settings.log ?? pino({ level: 'silent' });
  const now = settings.now ?? Date.now;
  mkdirSync(config.data_dir, { recursive: true, mode: 0o700 });
  const master = loadMasterKey({ env: settings.env, dataDir: config.data_dir, create: true })!;
  const countries = config.geoip
    ? await openCountryDatabase(config.geoip.country_database)
    : undefined;
  const rt = buildRuntime(config, settings.env, {
    master,
    detector: createDetector(),
    ...(countries ? { countries } : {}),
  });
  const { token, from } = adminToken(config, settings.env);
  const outbox =
    settings.outbox ??
    openSqliteOutbox({
      path: join(config.data_dir, 'veil.db'),
      highWater: config.outbox.high_water,
      synchronous: config.outbox.synchronous,
    });
  const metrics = createMetrics(() =>
    outbox
      .status()
      .map((s) => ({ destination: s.destination, queued: s.queued, oldestAgeMs: s.oldestAgeMs })),
  );
  const dispatcher = createDispatcher({
    outbox,
    destinations: [...rt.destinations.values()].map((d) => ({
      name: d.name,
      exporter: d.exporter,
    })),
    retry: { maxMs: config.outbox.retry_max_backoff_ms, budgetMs: config.outbox.retry_budget_ms },
    now,
    shutdownGraceMs: config.server.shutdown_grace_ms,
    onResult: (e) => observe(metrics, log, e),
  });
  const webhookUrl =
    config.inventory.drift_webhook_url ??
    (config.inventory.drift_webhook_url_env === undefined
      ? undefined
      : settings.env[config.inventory.drift_webhook_url_env]);
  const sink = webhookUrl
    ? createAlertSink({
        log,
        webhookUrl,
        timeoutMs: config.inventory.drift_webhook_timeout_ms,
        logAlerts: false,
      })
    : undefined;
  const workers = policyWorkers(config.server.policy_workers);
  const observing = config.inventory.enabled || config.ledger.enabled;
  // The ledger's subjects are tallied on this thread: from the notes the workers' answers carry,
  // or by the observer here without workers. The tally keeps the ledger's write-ahead journal,
  // which the outbox commits with the rows of the events counted (docs/ledger.md, "Crashes").
  const tally = config.ledger.enabled
    ? createLedgerTally(createLedgerPseudonymizer(master), { journal: true })
    : undefined;
  // Without workers the main thread observes; the record keeper pulls at every flush.
  const observer =
    observing && workers === 0
      ? createObserver(tally, { inventory: config.inventory.enabled })
      : undefined;
  let records: ReturnType<typeof createRecordKeeper>;
  try {
    records = createRecordKeeper(config, {
      log,
      metrics,
      ...(sink && { alerts: (a: DriftAlert[]) => void sink(a) }),
      ...(observer && { pull: () => observer.drain() }),
      ...(tally && workers > 0 && { pullLedger: () => tally.drain() }),
      ...(tally && {
        journal: {
          entries: () => outbox.journal(),
          epoch: () => tally.epoch(),
          resume: (e: number) => tally.startAt(e),
          written: (e: number) => void outbox.dropJournal(e),
        },
      }),
    });
  } catch (e) {
    await outbox.close();
    throw e;
  }
  if (tally && records) outbox.attachJournal(tally);
  const pool =
    workers > 0
      ? await createPolicyPool(config, settings.env, workers, {
          lost: () => log.error('a policy worker died; replacing it'),
          ...(records && { observed: (o: Observed) => records.observed(o) }),
          ...(tally &&
            records &&
            workers > 0 && {
              notes: (n: LedgerNotes) => {
                tally.add(n);
                if (tally.size() > MAX_TALLIED) records.flush();
              },
            }),
          // Workers aggregate for as long as the record keeper does before it writes.
          drainIntervalMs: flushIntervalMs(config),
        })
      : undefined;
  let draining = false;
  let started = false;
  let inflight = 0;
  let idle: (() => void) | undefined;
  const outboxRoom = () => config.outbox.high_water - outbox.depth();
  const deps: IngestDeps = {
    receivers: settings.receivers ?? createReceivers(),
    sources: rt.sources,
    destinations: rt.destinations,
    outbox,
    metrics,
    log,
    steps: new Map([...rt.destinations].map(([n, d]) => [n, d.step])),
    ...(pool && { pool }),
    observe: records !== undefined,
    ...(observer && { observer }),
    limits: limitsOf(config),
    maxBodyBytes: config.server.max_body_bytes,
    trustProxy: config.server.trust_proxy,
    corsOrigins: config.server.cors_origins,
    bodies: createBodyBudget(config.server.max_bodies_in_flight_bytes),
    draining: () => draining,
    outboxRoom,
    committed: (ds) => ds.forEach((d) => dispatcher.kick(d)),
    now,
  };
  const adminDeps = {
    outbox,
    metrics,
    token,
    destinations: [...rt.destinations.keys()],
    ready: () => started && !draining && outboxRoom() > 0,
    changed: (d: string) => dispatcher.kick(d),
  };

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://veil.invalid');
    if (await admin(adminDeps, url.pathname, url.searchParams, req, res)) return;
    const m = /^\/([a-z]+)(\/.*)?$/.exec(url.pathname);
    const receiver = m ? deps.receivers.get(m[1]!) : undefined;
    if (receiver === undefined) {
      send(
        res,
        json(404, {
          error: 'not found: vendor routes live under /mixpanel, /segment, /posthog, /amplitude',
        }),
      );
      return;
    }
    await ingest(deps, receiver, m![2] ?? '/', req, res, url.searchParams);
  }

  const server: Server = createServer((req, res) => {
    inflight++;
    route(req, res)
      .catch((e: unknown) => {
        // Unexpected: answer "retry later" so nothing the SDK holds is lost.
        log.error({ err: (e as Error)?.name ?? 'Error' }, 'request failed');
        send(
          res,
          json(
            503,
            { error: 'internal error; retry later' },
            { 'retry-after': String(RETRY_AFTER_S) },
          ),
        );
      })
      .finally(() => {
        if (--inflight === 0 && idle) idle();
      });
  });
  server.keepAliveTimeout = 5_000;
  server.requestTimeout = 60_000;
  server.headersTimeout = 30_000;

  let closing: Promise<void> | undefined;
  return {
    metrics,
    outbox,
    pool,
    adminTokenSource: from,
    async start() {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.server.port, config.server.host, () => resolve());
      });
      started = true;
      // A single gateway owns the embedded outbox: leases found now were held by a process
      // that died mid-delivery. Redeliver them now rather than after the lease expires.
      const released = outbox.releaseLeases();
      if (released > 0) log.warn({ rows: released }, 'redelivering rows leased by a previous run');
      dispatcher.start();
      const a = server.address() as AddressInfo;
      const host = a.family === 'IPv6' ? `[${a.address}]` : a.address;
      log.info({ url: `http://${host}:${a.port}` }, 'listening');
      return `http://${host}:${a.port}`;
    },
    shutdown() {
      closing ??= (async () => {
        draining = true;
        if (started) {
          await new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeIdleConnections();
          });
          if (inflight > 0) await new Promise<void>((r) => (idle = r));
        }
        await dispatcher.shutdown();
        await pool?.drain();
        await pool?.close();
        records?.close();
        await outbox.close();
        for (const d of rt.destinations.values()) await d.exporter.close();
        log.info('stopped');
      })();
      return closing;
    },
  };
}

/** Worker threads for `server.policy_workers` (`auto`: one per core beyond the first, ≤ 4). */
export function policyWorkers(setting: number | 'auto'): number {
  return setting === 'auto' ? Math.min(4, Math.max(0, availableParallelism() - 1)) : setting;
}

/** Dispatcher results → metrics and logs (destination, kind, counts; never event values). */
function observe(metrics: Metrics, log: Logger, e: DispatchEvent): void {
  const destination = e.destination;
  if (e.latencyMs > 0) metrics.exportLatency.observe({ destination }, e.latencyMs / 1000);
  switch (e.kind) {
    case 'delivered':
      metrics.forwarded.inc({ destination }, e.count);
      return;
    case 'retry':
    case 'throttled':
    case 'split':
      metrics.exportFailures.inc({ destination, kind: e.kind }, 1);
      log.warn({ destination, kind: e.kind, count: e.count }, 'delivery will be retried');
      return;
    case 'error':
      log.error({ destination }, 'outbox error during delivery');
      return;
    default:
      metrics.deadLettered.inc({ destination }, e.count);
      metrics.exportFailures.inc({ destination, kind: e.kind }, 1);
      log.error({ destination, kind: e.kind, count: e.count }, 'events dead-lettered');
  }
}
