/**
 * An HTTP load generator on loopback (node:http, keep-alive agent): a closed loop (N connections,
 * each sends its next request when the previous answer arrived) for the maximum rate, and an open
 * loop (requests sent at fixed times whatever the answers) for latency at a given rate, so the
 * latency includes any queueing in front of the server.
 */
import { Agent, request } from 'node:http';
import type { Body } from './segment-batches.js';

/** Where and how to send. */
export interface Target {
  /** Base URL, `http://127.0.0.1:PORT`. */
  readonly url: string;
  /** Request path, `/segment/v1/batch`. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** What one load run observed. Latencies in ms, in send order. */
export interface LoadResult {
  readonly requests: number;
  /** Events in requests answered 2xx. */
  readonly ackedEvents: number;
  /** Status code (or `error`) → count. */
  readonly statuses: Readonly<Record<string, number>>;
  /** Wall time from the first send to the last answer, in seconds. */
  readonly seconds: number;
  readonly latenciesMs: readonly number[];
  /** CPU time of this (load generator) process ÷ wall time: 1 = one core busy. */
  readonly loadCpu: number;
}

function post(agent: Agent, t: Target, body: Body): Promise<number> {
  return new Promise((resolve) => {
    const u = new URL(t.path, t.url);
    const req = request(
      {
        agent,
        host: u.hostname,
        port: u.port,
        path: u.pathname,
        method: 'POST',
        headers: { ...t.headers, 'content-length': String(body.bytes.length) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', () => resolve(-1));
      },
    );
    req.on('error', () => resolve(-1));
    req.end(body.bytes);
  });
}

/** Collects answers of one run. */
function recorder(n: number) {
  const latencies = new Array<number>(n).fill(NaN);
  const statuses: Record<string, number> = {};
  let acked = 0;
  const cpu0 = process.cpuUsage();
  return {
    record(i: number, status: number, ms: number, events: number): void {
      latencies[i] = ms;
      const key = status < 0 ? 'error' : String(status);
      statuses[key] = (statuses[key] ?? 0) + 1;
      if (status >= 200 && status < 300) acked += events;
    },
    result(seconds: number): LoadResult {
      const cpu = process.cpuUsage(cpu0);
      const loadCpu = (cpu.user + cpu.system) / 1e6 / seconds;
      return {
        requests: n,
        ackedEvents: acked,
        statuses,
        seconds,
        latenciesMs: latencies,
        loadCpu,
      };
    },
  };
}

/** Send every body once over `connections` keep-alive connections, each one request at a time. */
export async function closedLoop(
  t: Target,
  bodies: readonly Body[],
  connections: number,
): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const rec = recorder(bodies.length);
  let next = 0;
  const t0 = performance.now();
  const worker = async (): Promise<void> => {
    for (let i = next++; i < bodies.length; i = next++) {
      const sent = performance.now();
      const status = await post(agent, t, bodies[i]!);
      rec.record(i, status, performance.now() - sent, bodies[i]!.events);
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  const seconds = (performance.now() - t0) / 1000;
  agent.destroy();
  return rec.result(seconds);
}

/**
 * Send body i at `i / requestsPerSecond` seconds after the start (open loop). Latency is measured
 * from that scheduled time, so time spent waiting for a free connection or behind a slow server
 * counts. At most `maxConnections` are open at once.
 */
export async function openLoop(
  t: Target,
  bodies: readonly Body[],
  requestsPerSecond: number,
  maxConnections = 64,
): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: maxConnections });
  const rec = recorder(bodies.length);
  const interval = 1000 / requestsPerSecond;
  const answers: Promise<void>[] = [];
  const t0 = performance.now();
  let i = 0;
  await new Promise<void>((done) => {
    const tick = (): void => {
      const now = performance.now();
      for (; i < bodies.length && t0 + i * interval <= now; i++) {
        const due = t0 + i * interval;
        const k = i;
        answers.push(
          post(agent, t, bodies[k]!).then((status) =>
            rec.record(k, status, performance.now() - due, bodies[k]!.events),
          ),
        );
      }
      if (i >= bodies.length) done();
      else setTimeout(tick, Math.max(0, t0 + i * interval - performance.now()));
    };
    tick();
  });
  await Promise.all(answers);
  const seconds = (performance.now() - t0) / 1000;
  agent.destroy();
  return rec.result(seconds);
}

/** The `p`-th percentile (0–100, nearest rank) of `xs`; NaN when empty. */
export function percentile(xs: readonly number[], p: number): number {
  const sorted = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}
