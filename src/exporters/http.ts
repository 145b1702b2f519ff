/**
 * Shared HTTP sending for exporters: one POST with a timeout, and the classification every
 * exporter uses (docs/principles.md): 2xx ok; 408 and 5xx retryable; 429 throttled (Retry-After
 * honoured, seconds or HTTP date); 413 too large; other 4xx permanent; network errors and
 * timeouts retryable. Response bodies are read (bounded) for messages but never logged whole.
 */
import type { ExportResult } from './types.js';

/** Default wait when a 429 carries no usable Retry-After. */
export const DEFAULT_THROTTLE_MS = 30_000;
const MAX_MESSAGE = 300;

/** Milliseconds from `now` named by a Retry-After header value, or undefined. */
export function parseRetryAfter(
  value: string | null,
  now: number = Date.now(),
): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : Math.max(0, t - now);
}

/** The outcome class of an HTTP status (2xx → ok). */
export function classifyStatus(
  status: number,
  retryAfter: string | null,
  message: string,
  now: number = Date.now(),
): ExportResult {
  if (status >= 200 && status < 300) return { kind: 'ok' };
  const msg = `HTTP ${status}${message ? `: ${message.slice(0, MAX_MESSAGE)}` : ''}`;
  if (status === 429) {
    return {
      kind: 'throttled',
      retryAfterMs: parseRetryAfter(retryAfter, now) ?? DEFAULT_THROTTLE_MS,
      message: msg,
    };
  }
  if (status === 413) return { kind: 'too_large', message: msg };
  if (status === 408 || status >= 500) {
    const ra = parseRetryAfter(retryAfter, now);
    // A 503 with Retry-After is the vendor asking for a pause: honour it like a 429.
    if (ra !== undefined && status === 503)
      return { kind: 'throttled', retryAfterMs: ra, message: msg };
    return { kind: 'retryable', status, message: msg };
  }
  return { kind: 'permanent', status, message: msg };
}

/** A finished HTTP exchange. */
export interface HttpReply {
  readonly status: number;
  readonly headers: Headers;
  /** The response body as text, at most 64 KiB. */
  readonly text: string;
}

/** What to send. */
export interface HttpRequest {
  readonly url: string;
  readonly body: string | Uint8Array;
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly signal: AbortSignal;
  readonly method?: 'POST' | 'GET';
}

/**
 * POST (by default) once. Resolves to the reply, or to a `retryable` result on timeout,
 * abort or network error. Never throws.
 */
export async function post(req: HttpRequest): Promise<HttpReply | ExportResult> {
  const timeout = AbortSignal.timeout(req.timeoutMs);
  const signal = AbortSignal.any([timeout, req.signal]);
  try {
    const res = await fetch(req.url, {
      method: req.method ?? 'POST',
      headers: req.headers,
      ...(req.method === 'GET' ? {} : { body: req.body }),
      signal,
      redirect: 'error',
    });
    const text = (await res.text()).slice(0, 65_536);
    return { status: res.status, headers: res.headers, text };
  } catch (e) {
    if (timeout.aborted) return { kind: 'retryable', message: `timeout after ${req.timeoutMs} ms` };
    if (req.signal.aborted) return { kind: 'retryable', message: 'aborted (shutting down)' };
    const cause = (e as { cause?: { code?: string } }).cause?.code;
    return { kind: 'retryable', message: `network error${cause ? ` (${cause})` : ''}` };
  }
}

/** True when `v` is an ExportResult rather than a reply. */
export function isResult(v: HttpReply | ExportResult): v is ExportResult {
  return 'kind' in v;
}

/** POST and classify by status only (for endpoints whose body carries no extra verdict). */
export async function postAndClassify(req: HttpRequest): Promise<ExportResult> {
  const r = await post(req);
  if (isResult(r)) return r;
  return classifyStatus(r.status, r.headers.get('retry-after'), r.text);
}

/**
 * Split `items` into consecutive chunks of at most `maxItems` items and `maxBytes` encoded
 * bytes (`size(item)` plus `overhead` per chunk). An item larger than `maxBytes` on its own gets
 * a chunk of its own (the vendor decides; usually a permanent error for that item).
 */
export function chunk<T>(
  items: readonly T[],
  maxItems: number,
  maxBytes: number,
  size: (item: T) => number,
  overhead = 64,
): T[][] {
  const out: T[][] = [];
  let cur: T[] = [];
  let bytes = overhead;
  for (const it of items) {
    const n = size(it) + 1;
    if (cur.length > 0 && (cur.length >= maxItems || bytes + n > maxBytes)) {
      out.push(cur);
      cur = [];
      bytes = overhead;
    }
    cur.push(it);
    bytes += n;
  }
  if (cur.length > 0) out.push(cur);
  return out;
}

/**
 * GET or POST a feature-flag request; the answer when the vendor said 200 within `timeoutMs`,
 * else undefined (the caller answers locally).
 */
export async function fetchFlags(
  req: HttpRequest,
): Promise<{ contentType: string; body: string } | undefined> {
  const r = await post(req);
  if (isResult(r) || r.status !== 200) return undefined;
  return { contentType: r.headers.get('content-type') ?? 'application/json', body: r.text };
}
