/**
 * Input decoding for `veil check --format`: each NDJSON line is one payload in a vendor's wire
 * format (what an SDK would POST), decoded by the same receiver the gateway uses, so `check`
 * shows exactly what `serve` would forward. `canonical` lines are canonical events.
 */
import { parseCanonical, type CanonicalEvent } from '../pipeline/event.js';
import { isObject } from '../receivers/body.js';
import { createReceivers } from '../receivers/index.js';
import { DEFAULT_LIMITS, VENDORS, type Vendor } from '../receivers/types.js';

/** Input formats of `veil check`. */
export const CHECK_FORMATS = ['canonical', ...VENDORS] as const;
/** An input format. */
export type CheckFormat = (typeof CHECK_FORMATS)[number];

/** The events of one line, or its problems (`dotted.path: message`, never values). */
export interface LineEvents {
  readonly events: readonly CanonicalEvent[];
  readonly problems: readonly string[];
}

/** The route a line is posted to, and the body that route takes. */
function target(vendor: Vendor, value: unknown): { path: string; body: unknown } {
  switch (vendor) {
    case 'mixpanel': {
      // A line may be one update or a batch of them (`/engage` takes arrays, as `/track` does).
      const first: unknown = Array.isArray(value) ? value[0] : value;
      const profile = isObject(first) && ('$distinct_id' in first || '$group_key' in first);
      const groups = isObject(first) && '$group_key' in first;
      return { path: profile ? (groups ? '/groups' : '/engage') : '/track', body: value };
    }
    case 'segment':
      return {
        path: '/v1/batch',
        body: isObject(value) && 'batch' in value ? value : { batch: [value] },
      };
    case 'posthog':
      return { path: '/batch', body: value };
    case 'amplitude':
      return {
        path: '/2/httpapi',
        body: isObject(value) && 'events' in value ? value : { events: [value] },
      };
  }
}

const receivers = createReceivers();

/** Decode one parsed NDJSON line in `format`. */
export function decodeLine(format: CheckFormat, value: unknown): LineEvents {
  if (format === 'canonical') {
    const r = parseCanonical(value);
    return r.ok ? { events: [r.event], problems: [] } : { events: [], problems: r.problems };
  }
  const receiver = receivers.get(format)!;
  const { path, body } = target(format, value);
  const route = receiver.route('POST', path)!;
  const out = receiver.decode(
    route,
    {
      method: 'POST',
      path,
      query: new URLSearchParams(),
      headers: { 'content-type': 'application/json' },
      body: Buffer.from(JSON.stringify(body)),
      clientIp: '',
      receivedAt: Date.now(),
    },
    DEFAULT_LIMITS,
  );
  if (out.kind === 'error')
    return { events: [], problems: [`(root): ${out.message} (${out.code})`] };
  if (out.kind === 'side') return { events: [], problems: ['(root): not an event payload'] };
  const problems = out.rejected.flatMap((r) => r.problems.map((p) => `[${r.index}] ${p}`));
  return { events: out.events.map((d) => d.event), problems };
}
