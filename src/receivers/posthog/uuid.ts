/**
 * Stable UUIDs for PostHog. PostHog's dedupe field `uuid` must be a UUID, so ids that are not
 * UUIDs (a Segment `messageId`, the second event split from one `$identify`) are replaced by a
 * UUID derived from their SHA-256: the same input always yields the same UUID, so retries dedupe.
 */
import { createHash } from 'node:crypto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True when `s` is a UUID in the canonical 8-4-4-4-12 hex form (any version). */
export function isUuid(s: string): boolean {
  return UUID.test(s);
}

/** A version-5-shaped UUID derived from SHA-256 of `input`; deterministic. */
export function derivedUuid(input: string): string {
  const h = createHash('sha256').update(input, 'utf8').digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** `id` itself when it is a UUID, else `derivedUuid(id)`. */
export function uuidFor(id: string): string {
  return isUuid(id) ? id : derivedUuid(id);
}
