/** Converting vendor-shaped corpus events into canonical (Segment-spec) events, for policy tests and benchmarks. */

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * A vendor-shaped corpus event as a canonical (Segment spec) event. Amplitude's top-level device
 * and app fields (where the corpus plants its `context` items) go to `context`, so no planted
 * item is lost by the conversion itself.
 */
export function toCanonical(raw: unknown): Obj {
  if (!isObj(raw)) throw new Error('corpus event is not an object');
  if (typeof raw.type === 'string') return raw;
  if (typeof raw.event_type === 'string') {
    const { event_type, user_id, device_id, event_properties, user_properties, ...rest } = raw;
    return {
      type: 'track',
      event: event_type,
      ...(user_id !== undefined ? { userId: user_id } : {}),
      anonymousId: device_id ?? 'anon',
      properties: event_properties,
      traits: user_properties,
      context: rest,
    };
  }
  const props = isObj(raw.properties) ? raw.properties : {};
  const out: Obj = {
    type: 'track',
    event: raw.event,
    anonymousId: raw.distinct_id ?? props.distinct_id ?? 'anon',
    properties: props,
  };
  // PostHog's envelope: its timestamp and uuid have Segment counterparts.
  if (typeof raw.timestamp === 'string') out.timestamp = raw.timestamp;
  if (typeof raw.uuid === 'string') out.messageId = raw.uuid;
  return out;
}
