/**
 * The Mixpanel exporter: minimized canonical events to Mixpanel's ingestion API. Events go to
 * `POST /track?verbose=1&ip=0`, user profile operations to `/engage?verbose=1&ip=0`, group
 * profile operations to `/groups?verbose=1&ip=0`, each as a form body `data=<JSON array>`
 * (the format every Mixpanel SDK uses), at most 2000 records and 2 MB of JSON per request
 * (Mixpanel's documented limits for /track, /engage and /groups). `ip=0` stops Mixpanel from
 * geolocating Veil's own address; an event's surviving `context.ip` is sent as its `ip` / `$ip`.
 */
import type { CanonicalEvent } from '../../pipeline/event.js';
import { chunk, classifyStatus, fetchFlags, isResult, post } from '../http.js';
import type { ExportResult, Exporter, VendorExporterOptions } from '../types.js';
import { encodeEvent, type Target } from './encode.js';

/** Mixpanel's public ingestion endpoint (US); EU residency is `https://api-eu.mixpanel.com`. */
export const DEFAULT_ENDPOINT = 'https://api.mixpanel.com';
const MAX_EVENTS = 2000;
const MAX_BYTES = 2_000_000;
const QUERY: Record<Target, string> = {
  track: '/track?verbose=1&ip=0',
  engage: '/engage?verbose=1&ip=0',
  groups: '/groups?verbose=1&ip=0',
};

interface Item {
  readonly index: number;
  readonly json: string;
}

/**
 * Read Mixpanel's verbose verdict from a 2xx body: `{"status":1}` (or `1`) is success,
 * `{"status":0,"error":…}` (or `0`) a permanent failure of the whole request. The project token
 * is masked out of the vendor's message.
 */
export function verdict(status: number, text: string, token: string): ExportResult {
  const t = text.trim();
  let v: unknown = t;
  try {
    v = JSON.parse(t);
  } catch {
    // a non-JSON body: judged below
  }
  const s = typeof v === 'object' && v !== null ? (v as { status?: unknown }).status : v;
  if (s === 1 || s === '1') return { kind: 'ok' };
  const err = typeof v === 'object' && v !== null ? (v as { error?: unknown }).error : undefined;
  const said = typeof err === 'string' ? err.split(token).join('[token]').slice(0, 200) : '';
  return {
    kind: 'permanent',
    status,
    message: `HTTP ${status}: Mixpanel refused the batch${said ? `: ${said}` : ' (no success verdict)'}`,
  };
}

/** Flag requests wait at most this long before the SDK is answered locally. */
const FLAGS_TIMEOUT_MS = 3_000;

/** Create a Mixpanel exporter for one project (`credential` is its project token). */
export function createMixpanelExporter(options: VendorExporterOptions): Exporter {
  const base = (options.endpoint ?? DEFAULT_ENDPOINT).replace(/\/+$/, '');
  const token = options.credential;
  const timeoutMs = options.timeoutMs ?? 10_000;

  async function sendChunk(target: Target, items: readonly Item[], signal: AbortSignal) {
    const body = `data=${encodeURIComponent(`[${items.map((i) => i.json).join(',')}]`)}`;
    const r = await post({
      url: base + QUERY[target],
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      timeoutMs,
      signal,
    });
    if (isResult(r)) return r;
    if (r.status < 200 || r.status >= 300) {
      const msg = r.text.split(token).join('[token]');
      return classifyStatus(r.status, r.headers.get('retry-after'), msg);
    }
    return verdict(r.status, r.text, token);
  }

  async function send(events: readonly CanonicalEvent[], signal: AbortSignal) {
    const groups: Record<Target, Item[]> = { track: [], engage: [], groups: [] };
    const failed: number[] = [];
    const messages: string[] = [];
    events.forEach((e, index) => {
      const enc = encodeEvent(e, token);
      if ('error' in enc) {
        failed.push(index);
        messages.push(enc.error);
      } else groups[enc.target].push({ index, json: JSON.stringify(enc.record) });
    });
    for (const target of ['track', 'engage', 'groups'] as const) {
      for (const items of chunk(groups[target], MAX_EVENTS, MAX_BYTES, (i) =>
        Buffer.byteLength(i.json),
      )) {
        const r = await sendChunk(target, items, signal);
        if (r.kind === 'ok') continue;
        if (r.kind !== 'permanent') return r;
        failed.push(...items.map((i) => i.index));
        messages.push(`/${target}: ${r.message}`);
      }
    }
    if (failed.length === 0) return { kind: 'ok' } as const;
    const message = [...new Set(messages)].join('; ').slice(0, 500);
    return { kind: 'permanent', message, indexes: failed.sort((a, b) => a - b) } as const;
  }

  return {
    type: 'mixpanel',
    limits: { maxEvents: MAX_EVENTS, maxBytes: MAX_BYTES },
    send,
    // Only the (pseudonymized) distinct id goes in the flags context: no device id, no custom
    // properties the SDK may have added.
    flags: (distinctId, signal) =>
      fetchFlags({
        method: 'GET',
        url: `${base}/flags?${new URLSearchParams({ context: JSON.stringify({ distinct_id: distinctId }), token }).toString()}`,
        body: '',
        headers: { authorization: `Basic ${Buffer.from(`${token}:`).toString('base64')}` },
        timeoutMs: Math.min(timeoutMs, FLAGS_TIMEOUT_MS),
        signal,
      }),
    close: () => Promise.resolve(),
  };
}
