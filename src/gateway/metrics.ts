/**
 * The gateway's Prometheus metrics (prom-client, one registry per gateway so tests can run
 * several). Labels are closed sets (vendors, route names, destinations, reasons, categories):
 * never event values or tokens.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Every metric the gateway updates. */
export interface Metrics {
  readonly registry: Registry;
  /** Requests answered, by vendor, route and status. */
  readonly requests: Counter<'vendor' | 'route' | 'status'>;
  /** Requests refused before decoding finished, by vendor and reject code. */
  readonly refused: Counter<'vendor' | 'code'>;
  /** Events decoded from accepted requests, by source. */
  readonly received: Counter<'source'>;
  /** Events committed to the outbox, by destination. */
  readonly committed: Counter<'destination'>;
  /** Events dropped, by destination (or `-` before routing) and reason. */
  readonly dropped: Counter<'destination' | 'reason'>;
  /** Fields found carrying a category before minimization, by destination and category. */
  readonly findings: Counter<'destination' | 'category'>;
  /** Events delivered to the destination. */
  readonly forwarded: Counter<'destination'>;
  /** Failed delivery attempts by destination and kind (retryable/throttled/permanent/too_large). */
  readonly exportFailures: Counter<'destination' | 'kind'>;
  /** Events moved to the dead-letter table. */
  readonly deadLettered: Counter<'destination'>;
  /** Seconds one delivery request took. */
  readonly exportLatency: Histogram<'destination'>;
  /** Queued events per destination (sampled at scrape). */
  readonly outboxDepth: Gauge<'destination'>;
  /** Age in seconds of the oldest queued event per destination (sampled at scrape). */
  readonly outboxAge: Gauge<'destination'>;
  /** Side-channel requests (flags answered locally, replay refused) by vendor and kind. */
  readonly side: Counter<'vendor' | 'kind'>;
  /** Data-map drift alerts (new event, new field, new category in a field). */
  readonly drift: Counter<'destination' | 'kind'>;
  /** Events the inventory and ledger missed because observing them failed (a fault). */
  readonly observeFailed: Counter<'destination'>;
}

/** Per-destination outbox numbers for the gauges. */
export type DepthSource = () => readonly {
  destination: string;
  queued: number;
  oldestAgeMs: number;
}[];

/** Create the registry and metrics; `depth` is read at every scrape. */
export function createMetrics(depth: DepthSource): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'veil_process_' });
  const reg = [registry];
  const counter = <L extends string>(name: string, help: string, labelNames: L[]) =>
    new Counter<L>({ name, help, labelNames, registers: reg });
  const m: Omit<Metrics, 'outboxDepth' | 'outboxAge'> = {
    registry,
    requests: counter('veil_requests_total', 'Requests answered', ['vendor', 'route', 'status']),
    refused: counter('veil_refused_requests_total', 'Requests refused', ['vendor', 'code']),
    received: counter('veil_received_events_total', 'Events decoded', ['source']),
    committed: counter('veil_committed_events_total', 'Events committed to the outbox', [
      'destination',
    ]),
    dropped: counter('veil_dropped_events_total', 'Events dropped', ['destination', 'reason']),
    findings: counter('veil_findings_total', 'Fields carrying a category before minimization', [
      'destination',
      'category',
    ]),
    forwarded: counter('veil_forwarded_events_total', 'Events delivered', ['destination']),
    exportFailures: counter('veil_export_failures_total', 'Failed delivery attempts', [
      'destination',
      'kind',
    ]),
    deadLettered: counter('veil_dead_lettered_events_total', 'Events dead-lettered', [
      'destination',
    ]),
    exportLatency: new Histogram({
      name: 'veil_export_latency_seconds',
      help: 'Seconds one delivery request took',
      labelNames: ['destination'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: reg,
    }),
    side: counter('veil_side_channel_requests_total', 'Side-channel requests', ['vendor', 'kind']),
    drift: counter('veil_drift_alerts_total', 'Data-map drift alerts', ['destination', 'kind']),
    observeFailed: counter(
      'veil_observe_failures_total',
      'Events the inventory and ledger missed: observing them failed',
      ['destination'],
    ),
  };
  const outboxDepth = new Gauge({
    name: 'veil_outbox_depth',
    help: 'Queued events',
    labelNames: ['destination'],
    registers: reg,
    collect() {
      for (const d of depth()) this.set({ destination: d.destination }, d.queued);
    },
  });
  const outboxAge = new Gauge({
    name: 'veil_outbox_oldest_age_seconds',
    help: 'Age of the oldest queued event',
    labelNames: ['destination'],
    registers: reg,
    collect() {
      for (const d of depth()) this.set({ destination: d.destination }, d.oldestAgeMs / 1000);
    },
  });
  return { ...m, outboxDepth, outboxAge };
}
