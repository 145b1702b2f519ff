/**
 * The Amplitude ↔ canonical field tables shared by the Amplitude receiver and exporter, so the
 * decoder and the encoder cannot drift apart (docs/wire-mapping.md, "## Amplitude").
 */

/** Amplitude identify operations that have a canonical profile operation, in Amplitude's order. */
export const OPERATION_TO_CANONICAL = {
  $clearAll: '$delete',
  $unset: '$unset',
  $setOnce: '$set_once',
  $set: '$set',
  $add: '$add',
  $append: '$append',
  $postInsert: '$union',
  $remove: '$remove',
} as const;

/** An Amplitude identify operation that maps to a canonical one. */
export type AmplitudeOperation = keyof typeof OPERATION_TO_CANONICAL;

/** Canonical profile operation → Amplitude identify operation (the inverse of the table above). */
export const OPERATION_FROM_CANONICAL: Readonly<Record<string, AmplitudeOperation>> =
  Object.fromEntries(
    Object.entries(OPERATION_TO_CANONICAL).map(([a, c]) => [c, a as AmplitudeOperation]),
  );

/** Event fields that map to `context.<path>` one to one (value copied as is). */
export const CONTEXT_FIELDS: readonly (readonly [string, readonly string[]])[] = [
  ['user_agent', ['userAgent']],
  ['language', ['locale']],
  ['os_name', ['os', 'name']],
  ['os_version', ['os', 'version']],
  ['carrier', ['network', 'carrier']],
  ['country', ['location', 'country']],
  ['region', ['location', 'region']],
  ['city', ['location', 'city']],
  ['dma', ['location', 'dma']],
  ['location_lat', ['location', 'latitude']],
  ['location_lng', ['location', 'longitude']],
];

/** `device_<x>` fields (other than `device_id`) go to `context.device.<x>`. */
export const DEVICE_PREFIX = 'device_';

/**
 * Event fields with a canonical place of their own. Nothing else is copied from or to
 * `context.amplitude`, so a key in `context.amplitude` can never smuggle one of these (an IP, an
 * identity, the API key) past the policy that minimized the canonical field.
 */
export const MAPPED_FIELDS: ReadonlySet<string> = new Set([
  'api_key',
  'user_id',
  'device_id',
  'event_type',
  'time',
  'insert_id',
  'ip',
  'library',
  'event_properties',
  'user_properties',
  'group_properties',
  'groups',
  ...CONTEXT_FIELDS.map(([k]) => k),
]);

/** True when `key` has a canonical place (a `MAPPED_FIELDS` member or a `device_<x>` field). */
export function isMapped(key: string): boolean {
  return MAPPED_FIELDS.has(key) || key.startsWith(DEVICE_PREFIX);
}

/** Amplitude's placeholder asking its server to use the upload request's address. */
export const REMOTE_IP = '$remote';
/** Event type of an Amplitude identify (user properties) event. */
export const IDENTIFY = '$identify';
/** Event type of an Amplitude group identify (group properties) event. */
export const GROUP_IDENTIFY = '$groupidentify';
