/**
 * Canonical events → Segment spec events (the inverse of src/receivers/segment/decode.ts). The
 * canonical event is the Segment spec, so encoding is close to the identity: `messageId` stays
 * the dedupe id, transport-only fields are dropped, and `context.ip` is pinned to "0.0.0.0"
 * when absent so Segment does not record (and geolocate) Veil's own address.
 */
import type { CanonicalEvent } from '../../pipeline/event.js';

/** The IP Segment is told when the event carries none: Segment fills in the request IP otherwise. */
export const NO_IP = '0.0.0.0';

/** Segment's documented per-event limit, in bytes of JSON. */
export const MAX_EVENT_BYTES = 32 * 1024;

/** An encoded event, or why it cannot be sent to Segment (a message without event values). */
export type Encoded =
  | { readonly ok: true; readonly event: Record<string, unknown>; readonly json: string }
  | { readonly ok: false; readonly message: string };

/**
 * Encode one canonical event. Profile operations other than `$set` (Mixpanel `$set_once`,
 * `$unset` …) have no Segment equivalent: sending them as a plain identify would overwrite or
 * set traits the source meant to keep or remove, so they are refused rather than distorted.
 */
export function encodeEvent(e: CanonicalEvent): Encoded {
  const operation = e.operation;
  if (operation !== undefined && operation !== '$set')
    return { ok: false, message: `profile operation ${operation} has no Segment equivalent` };
  const event: Record<string, unknown> = { ...e };
  // `operation` is implied by identify; `sentAt` is set per request (Segment derives the event
  // time from sentAt - timestamp, so a stale client sentAt would shift it by the queue delay);
  // a source `writeKey` must never reach the destination.
  for (const k of ['operation', 'sentAt', 'writeKey']) delete event[k];
  const context: Record<string, unknown> = { ...(e.context ?? {}) };
  if (typeof context.ip !== 'string' || context.ip === '') context.ip = NO_IP;
  event.context = context;
  const json = JSON.stringify(event);
  if (Buffer.byteLength(json) > MAX_EVENT_BYTES)
    return { ok: false, message: `event exceeds Segment's ${MAX_EVENT_BYTES} bytes per event` };
  return { ok: true, event, json };
}
