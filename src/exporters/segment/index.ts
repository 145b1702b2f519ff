/**
 * The Segment exporter: `POST {endpoint}/v1/batch` with the write key as the Basic auth user
 * name, at most 480 KiB per request (Segment's limit is 500 KB; analytics-node keeps the same
 * margin) and 32 KB per event. Segment answers `200 {"success":true}`; a 2xx whose body says
 * `success: false` is not taken as delivery.
 */
import type { CanonicalEvent } from '../../pipeline/event.js';
import { chunk, classifyStatus, isResult, post } from '../http.js';
import type { BatchLimits, ExportResult, Exporter, VendorExporterOptions } from '../types.js';
import { encodeEvent } from './encode.js';

/** Segment's public tracking API. */
export const DEFAULT_ENDPOINT = 'https://api.segment.io';

/** Batching limits: no documented event count, so a count that keeps requests small. */
export const SEGMENT_LIMITS: BatchLimits = { maxEvents: 1000, maxBytes: 480 * 1024 };

interface Item {
  readonly index: number;
  readonly json: string;
}

/** A 2xx body that explicitly reports failure, or undefined when the body agrees (or is empty). */
function bodyVerdict(text: string): string | undefined {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof v === 'object' && v !== null && (v as { success?: unknown }).success === false)
    return 'Segment answered 2xx with success: false';
  return undefined;
}

/** Create a Segment destination exporter. */
export function createSegmentExporter(options: VendorExporterOptions): Exporter {
  const url = `${(options.endpoint ?? DEFAULT_ENDPOINT).replace(/\/+$/, '')}/v1/batch`;
  const auth = `Basic ${Buffer.from(`${options.credential}:`).toString('base64')}`;
  const timeoutMs = options.timeoutMs ?? 10_000;

  async function sendChunk(items: readonly Item[], signal: AbortSignal): Promise<ExportResult> {
    const body = `{"batch":[${items.map((i) => i.json).join(',')}],"sentAt":${JSON.stringify(new Date().toISOString())}}`;
    const r = await post({
      url,
      body,
      headers: { 'content-type': 'application/json', authorization: auth },
      timeoutMs,
      signal,
    });
    if (isResult(r)) return r;
    const result = classifyStatus(r.status, r.headers.get('retry-after'), r.text);
    if (result.kind !== 'ok') return result;
    const failure = bodyVerdict(r.text);
    return failure === undefined
      ? result
      : { kind: 'retryable', status: r.status, message: failure };
  }

  return {
    type: 'segment',
    limits: SEGMENT_LIMITS,
    async send(events: readonly CanonicalEvent[], signal: AbortSignal): Promise<ExportResult> {
      const { items, failures } = encodeAll(events);
      const chunks = chunk(items, SEGMENT_LIMITS.maxEvents, SEGMENT_LIMITS.maxBytes, itemBytes);
      for (const c of chunks) {
        const r = await sendChunk(c, signal);
        if (r.kind === 'ok') continue;
        // Earlier chunks were delivered; a retry resends them with the same messageIds, which
        // Segment deduplicates.
        if (r.kind !== 'permanent') return r;
        failures.add(
          c.map((i) => i.index),
          r.message,
          r.status,
        );
      }
      return failures.result();
    },
    async close(): Promise<void> {},
  };
}

const itemBytes = (i: Item): number => Buffer.byteLength(i.json);

/** Permanent failures gathered across encoding and chunks, reported once with their indexes. */
class Failures {
  private readonly indexes: number[] = [];
  private readonly reasons = new Set<string>();
  private status: number | undefined;

  add(indexes: readonly number[], reason: string, status?: number): void {
    this.indexes.push(...indexes);
    this.reasons.add(reason);
    if (status !== undefined) this.status = status;
  }

  result(): ExportResult {
    if (this.indexes.length === 0) return { kind: 'ok' };
    return {
      kind: 'permanent',
      ...(this.status === undefined ? {} : { status: this.status }),
      message: [...this.reasons].join('; '),
      indexes: [...this.indexes].sort((a, b) => a - b),
    };
  }
}

function encodeAll(events: readonly CanonicalEvent[]): { items: Item[]; failures: Failures } {
  const items: Item[] = [];
  const failures = new Failures();
  events.forEach((e, index) => {
    const enc = encodeEvent(e);
    if (enc.ok) items.push({ index, json: enc.json });
    else failures.add([index], enc.message);
  });
  return { items, failures };
}
