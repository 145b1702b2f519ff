/**
 * Reading Amplitude's answer. The HTTP V2 API puts its verdict in the JSON body (`code`, and for
 * 400 the indexes of the events it refused), so a 200 whose body says otherwise is not success.
 */
import type { ExportResult } from '../types.js';
import { classifyStatus, type HttpReply } from '../http.js';
import { isObject } from '../../receivers/body.js';

const INDEX_FIELDS = [
  'events_with_invalid_fields',
  'events_with_missing_fields',
  'events_with_invalid_id_lengths',
] as const;

function parse(text: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(text);
    return isObject(v) ? v : {};
  } catch {
    return {};
  }
}

/** Indexes (0 ≤ i < count, ascending) that a 400 body names as refused; empty when none. */
export function refusedIndexes(body: Record<string, unknown>, count: number): number[] {
  const found = new Set<number>();
  const add = (v: unknown): void => {
    if (Array.isArray(v))
      for (const i of v) if (Number.isInteger(i) && i >= 0 && i < count) found.add(i as number);
  };
  for (const f of INDEX_FIELDS) {
    const m = body[f];
    if (isObject(m)) Object.values(m).forEach(add);
  }
  add(body.silenced_events);
  return [...found].sort((a, b) => a - b);
}

/** The error text of a body, without anything that may quote a credential. */
function errorText(body: Record<string, unknown>): string {
  const e = typeof body.error === 'string' ? body.error : '';
  // Amplitude's "Invalid API key: <key>" quotes the key.
  return e.startsWith('Invalid API key') ? 'Invalid API key' : e.slice(0, 200);
}

/**
 * Classify one reply to a request of `count` events: the body's `code` decides when the HTTP
 * status is 2xx; a 400 naming some events (and no `missing_field`) is permanent for those only.
 */
export function verdict(reply: HttpReply, count: number, now: number = Date.now()): ExportResult {
  const body = parse(reply.text);
  const ok = reply.status >= 200 && reply.status < 300;
  const status = ok && typeof body.code === 'number' ? body.code : reply.status;
  const r = classifyStatus(status, reply.headers.get('retry-after'), errorText(body), now);
  if (r.kind !== 'permanent' || status !== 400 || body.missing_field) return r;
  const indexes = refusedIndexes(body, count);
  return indexes.length > 0 ? { ...r, indexes } : r;
}
