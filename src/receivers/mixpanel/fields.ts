/**
 * Field helpers shared by the Mixpanel event and profile decoders. They remove a field from a
 * (copied) record only when it has the expected type, so a malformed vendor field stays where it
 * was and is scanned by the policy like any other property.
 */

/** A mutable copy of a decoded record. */
export type Bag = Record<string, unknown>;

/** Remove and return `bag[key]` when it is a non-empty string. */
export function takeString(bag: Bag, key: string): string | undefined {
  const v = bag[key];
  if (typeof v !== 'string' || v === '') return undefined;
  delete bag[key];
  return v;
}

/** Remove and return `bag[key]` as an id (non-empty string, or finite number as a string). */
export function takeId(bag: Bag, key: string): string | undefined {
  const v = bag[key];
  if (typeof v === 'number' && Number.isFinite(v)) {
    delete bag[key];
    return String(v);
  }
  return takeString(bag, key);
}

/** Remove and return `bag[key]` when it is a finite number. */
export function takeNumber(bag: Bag, key: string): number | undefined {
  const v = bag[key];
  if (typeof v !== 'number' || !Number.isFinite(v)) return undefined;
  delete bag[key];
  return v;
}

const MAX_MS = 8.64e15;

/**
 * An epoch time in seconds (below 1e11, fractions allowed: mixpanel-browser sends
 * `Date.now() / 1000`) or milliseconds, as an ISO 8601 string; undefined when not a valid time.
 */
export function epochToIso(v: unknown): string | undefined {
  const n = typeof v === 'string' && /^\d+(\.\d+)?$/.test(v.trim()) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) return undefined;
  const ms = Math.round(n < 1e11 ? n * 1000 : n);
  return ms > MAX_MS ? undefined : new Date(ms).toISOString();
}

/** Mixpanel's anonymous distinct id prefix (simplified ID merge). */
export const DEVICE_PREFIX = '$device:';

/**
 * Canonical identities from Mixpanel's `distinct_id`, `$device_id` and `$user_id`: the user is
 * `$user_id`, else a `distinct_id` that is neither `$device:X` nor the device id; the anonymous
 * id is `$device_id`, else the X of `$device:X`.
 */
export function identities(
  distinct: string | undefined,
  device: string | undefined,
  user: string | undefined,
): { userId?: string; anonymousId?: string } {
  const fromDistinct =
    distinct !== undefined && distinct.startsWith(DEVICE_PREFIX)
      ? distinct.slice(DEVICE_PREFIX.length) || undefined
      : undefined;
  const plainDistinct =
    distinct !== undefined && !distinct.startsWith(DEVICE_PREFIX) && distinct !== device
      ? distinct
      : undefined;
  return compact({ userId: user ?? plainDistinct, anonymousId: device ?? fromDistinct });
}

/** `o` without its undefined values and without empty nested objects (shallow). */
export function compact<T extends Record<string, unknown>>(o: T): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined) continue;
    if (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0)
      continue;
    out[k] = v;
  }
  return out as Partial<T>;
}
