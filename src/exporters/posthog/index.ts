/**
 * The PostHog exporter: `POST {endpoint}/batch/` with `{api_key, batch:[…], sent_at}` (the
 * request posthog-node makes), at most 1000 events and 20 MB per request. Success is a 2xx whose
 * body does not say otherwise; PostHog answers `{"status":1}`, errors as
 * `{"type":"validation_error","code":…,"detail":…}`.
 */
import type { CanonicalEvent } from '../../pipeline/event.js';
import { chunk, classifyStatus, fetchFlags, isResult, post } from '../http.js';
import type { BatchLimits, ExportResult, Exporter, VendorExporterOptions } from '../types.js';
import { encodable, encodeEvent } from './encode.js';

/** PostHog US cloud ingestion. */
export const DEFAULT_ENDPOINT = 'https://us.i.posthog.com';

/** 1000 events (a sane request) and PostHog's 20 MB request limit, less room for the envelope. */
export const POSTHOG_LIMITS: BatchLimits = { maxEvents: 1000, maxBytes: 20 * 1024 * 1024 - 4096 };

/**
 * The verdict a 2xx body carries: a failure message when the body is JSON saying `status: 0`
 * or carrying an error `type`/`error`, else undefined (success, also for non-JSON bodies).
 */
export function bodyFailure(text: string): string | undefined {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  const o = v as Record<string, unknown>;
  const failed =
    o.status === 0 || o.status === '0' || typeof o.error === 'string' || typeof o.type === 'string';
  if (!failed) return undefined;
  const detail = [o.code, o.detail ?? o.error].filter((x) => typeof x === 'string').join(': ');
  return `PostHog refused the batch${detail ? ` (${detail.slice(0, 300)})` : ''}`;
}

interface Piece {
  readonly index: number;
  readonly json: string;
}

/** Create a PostHog exporter sending to `options.endpoint` (default {@link DEFAULT_ENDPOINT}). */
export function createPosthogExporter(options: VendorExporterOptions): Exporter {
  const base = (options.endpoint ?? DEFAULT_ENDPOINT).replace(/\/+$/, '');
  const url = `${base}/batch/`;
  const timeoutMs = options.timeoutMs ?? 10_000;

  async function sendChunk(pieces: readonly Piece[], signal: AbortSignal): Promise<ExportResult> {
    const body =
      `{"api_key":${JSON.stringify(options.credential)},` +
      `"batch":[${pieces.map((p) => p.json).join(',')}],` +
      `"sent_at":${JSON.stringify(new Date().toISOString())}}`;
    const reply = await post({
      url,
      body,
      headers: { 'content-type': 'application/json' },
      timeoutMs,
      signal,
    });
    if (isResult(reply)) return reply;
    const result = classifyStatus(reply.status, reply.headers.get('retry-after'), reply.text);
    if (result.kind !== 'ok') return result;
    const failure = bodyFailure(reply.text);
    return failure === undefined
      ? result
      : { kind: 'permanent', status: reply.status, message: failure };
  }

  return {
    type: 'posthog',
    limits: POSTHOG_LIMITS,
    async send(events: readonly CanonicalEvent[], signal: AbortSignal): Promise<ExportResult> {
      const failed: number[] = [];
      const pieces: Piece[] = [];
      events.forEach((e, index) => {
        if (encodable(e)) pieces.push({ index, json: JSON.stringify(encodeEvent(e)) });
        else failed.push(index);
      });
      const size = (p: Piece) => Buffer.byteLength(p.json);
      let message = `${failed.length} identify events use an operation PostHog cannot express`;
      let status: number | undefined;
      for (const part of chunk(
        pieces,
        POSTHOG_LIMITS.maxEvents,
        POSTHOG_LIMITS.maxBytes,
        size,
        256,
      )) {
        const r = await sendChunk(part, signal);
        if (r.kind === 'ok') continue;
        // Earlier chunks were accepted; a retry re-sends them with the same uuids (deduped).
        if (r.kind !== 'permanent') return r;
        failed.push(...part.map((p) => p.index));
        message = r.message;
        status = r.status;
      }
      if (failed.length === 0) return { kind: 'ok' };
      const indexes = failed.sort((a, b) => a - b);
      return { kind: 'permanent', ...(status !== undefined && { status }), message, indexes };
    },
    // Only the (pseudonymized) distinct id is sent: no person or group properties.
    flags: (distinctId, signal) =>
      fetchFlags({
        url: `${base}/flags/?v=2`,
        body: JSON.stringify({ api_key: options.credential, distinct_id: distinctId }),
        headers: { 'content-type': 'application/json' },
        timeoutMs: Math.min(timeoutMs, 3_000),
        signal,
      }),
    close: async () => {},
  };
}
