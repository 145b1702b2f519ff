/**
 * The Amplitude exporter: minimized canonical events → `POST {endpoint}/2/httpapi`
 * `{api_key, events, options:{min_id_length:1}}`, in chunks within `AMPLITUDE_LIMITS`. The
 * canonical `messageId` becomes `insert_id`, Amplitude's dedupe key, so a retried batch is
 * deduplicated by the vendor.
 */
import type { CanonicalEvent } from '../../pipeline/event.js';
import { chunk, isResult, post } from '../http.js';
import type { BatchLimits, Exporter, ExportResult, VendorExporterOptions } from '../types.js';
import { encodeEvent } from './encode.js';
import { verdict } from './verdict.js';

/** Amplitude's public ingestion endpoint (EU: https://api.eu.amplitude.com). */
export const DEFAULT_ENDPOINT = 'https://api2.amplitude.com';

/** Half of Amplitude's documented maximums (2000 events, 1 MB), leaving room for overhead. */
export const AMPLITUDE_LIMITS: BatchLimits = { maxEvents: 1000, maxBytes: 512 * 1024 };

interface Item {
  /** Index in the `send` batch. */
  readonly index: number;
  readonly json: string;
}

type Failure = { indexes: number[]; status?: number; message: string };

/**
 * Create the exporter. `send` never throws; results: `ok`; `permanent` with the failed indexes
 * (events Amplitude refused, `alias` events, single events too large); or the first
 * `retryable`/`throttled`/`too_large` result, after which the dispatcher retries the whole batch.
 */
export function createAmplitudeExporter(options: VendorExporterOptions): Exporter {
  const url = `${(options.endpoint ?? DEFAULT_ENDPOINT).replace(/\/+$/, '')}/2/httpapi`;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const head = `{"api_key":${JSON.stringify(options.credential)},"events":[`;
  const tail = '],"options":{"min_id_length":1}}';

  async function sendChunk(items: readonly Item[], signal: AbortSignal): Promise<ExportResult> {
    const body = `${head}${items.map((i) => i.json).join(',')}${tail}`;
    const headers = { 'content-type': 'application/json', accept: '*/*' };
    const reply = await post({ url, body, headers, timeoutMs, signal });
    return isResult(reply) ? reply : verdict(reply, items.length);
  }

  return {
    type: 'amplitude',
    limits: AMPLITUDE_LIMITS,
    async send(events: readonly CanonicalEvent[], signal: AbortSignal): Promise<ExportResult> {
      const items: Item[] = [];
      const fail: Failure = { indexes: [], message: '' };
      events.forEach((e, index) => {
        const a = encodeEvent(e);
        if (a) items.push({ index, json: JSON.stringify(a) });
        else {
          fail.indexes.push(index);
          fail.message = 'alias has no Amplitude HTTP V2 equivalent';
        }
      });
      const overhead = head.length + tail.length;
      const { maxEvents, maxBytes } = AMPLITUDE_LIMITS;
      for (const c of chunk(
        items,
        maxEvents,
        maxBytes,
        (i) => Buffer.byteLength(i.json),
        overhead,
      )) {
        const r = await sendChunk(c, signal);
        if (r.kind === 'ok') continue;
        if (r.kind === 'permanent') {
          fail.indexes.push(...(r.indexes ?? c.map((_, i) => i)).map((i) => c[i]!.index));
          fail.status = r.status;
          fail.message = r.message;
        } else if (r.kind === 'too_large' && c.length === 1) {
          fail.indexes.push(c[0]!.index);
          fail.message = `${r.message} (a single event)`;
        } else return r;
      }
      if (fail.indexes.length === 0) return { kind: 'ok' };
      return {
        kind: 'permanent',
        ...(fail.status !== undefined && { status: fail.status }),
        message: fail.message,
        indexes: fail.indexes.sort((a, b) => a - b),
      };
    },
    async close() {},
  };
}
