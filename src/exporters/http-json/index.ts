/**
 * The generic `http` destination: POSTs minimized canonical events to any JSON endpoint (a
 * customer's own collector, a warehouse loader). Body shape, `Content-Type: application/json`:
 *
 *     {"batch":[<canonical event>, …]}
 *
 * Each event keeps its `messageId`, the receiver's dedupe key: deliveries are at-least-once, so
 * the same event may arrive twice (after a timeout, a crash, or a partly sent batch) and the
 * endpoint should deduplicate on it. Outcomes follow src/exporters/http.ts: 2xx ok, 408/5xx
 * retryable, 429 (or 503 + Retry-After) throttled, 413 too large, other 4xx permanent. The
 * response body is not quoted in messages (a generic endpoint may echo event values back).
 */
import type { CanonicalEvent } from '../../pipeline/event.js';
import { chunk, classifyStatus, isResult, post } from '../http.js';
import type { BatchLimits, ExportResult, Exporter } from '../types.js';

/** Options of the generic HTTP exporter. */
export interface HttpExporterOptions {
  /** The endpoint to POST to (http or https). */
  readonly url: string;
  /** Extra request headers (authorization …); Content-Type is always application/json. */
  readonly headers: Readonly<Record<string, string>>;
  /** Per-request timeout in ms. */
  readonly timeoutMs: number;
}

/** Batching limits of the generic HTTP destination. */
export const HTTP_JSON_LIMITS: BatchLimits = { maxEvents: 500, maxBytes: 5 * 1024 * 1024 };

/** Bytes of `{"batch":[` + `]}`. */
const OVERHEAD = 12;

/**
 * Create the exporter. `send` splits the events into requests within HTTP_JSON_LIMITS and sends
 * them in order, stopping at the first failure, whose result it returns (earlier requests were
 * delivered; the dispatcher resends the whole batch, hence possible duplicates). An event whose
 * own encoding exceeds maxBytes makes the whole batch `too_large` without any request, so the
 * dispatcher's halving isolates and dead-letters it.
 */
export function createHttpExporter(options: HttpExporterOptions): Exporter {
  const headers = { ...options.headers, 'content-type': 'application/json' };
  const limits = HTTP_JSON_LIMITS;

  async function sendOne(lines: readonly string[], signal: AbortSignal): Promise<ExportResult> {
    const body = `{"batch":[${lines.join(',')}]}`;
    const r = await post({ url: options.url, body, headers, timeoutMs: options.timeoutMs, signal });
    if (isResult(r)) return r;
    return classifyStatus(r.status, r.headers.get('retry-after'), '');
  }

  return {
    type: 'http',
    limits,
    async send(events: readonly CanonicalEvent[], signal: AbortSignal): Promise<ExportResult> {
      if (signal.aborted) return { kind: 'retryable', message: 'aborted (shutting down)' };
      let lines: string[];
      try {
        lines = events.map((e) => JSON.stringify(e));
      } catch {
        return { kind: 'permanent', message: 'an event cannot be encoded as JSON' };
      }
      const size = (s: string) => Buffer.byteLength(s, 'utf8');
      if (lines.some((l) => size(l) + OVERHEAD > limits.maxBytes))
        return { kind: 'too_large', message: `an event exceeds ${limits.maxBytes} bytes` };
      for (const part of chunk(lines, limits.maxEvents, limits.maxBytes, size, OVERHEAD)) {
        const r = await sendOne(part, signal);
        if (r.kind !== 'ok') return r;
      }
      return { kind: 'ok' };
    },
    async close() {
      // fetch's connection pool is global; nothing to release.
    },
  };
}
