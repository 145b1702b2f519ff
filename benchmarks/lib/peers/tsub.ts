/**
 * @segment/tsub: Segment's destination-filter engine. It detects nothing; it drops or keeps
 * properties by configured path. Benchmarked as the cost of the filtering Segment users rely on,
 * configured with a drop list of common personal-data field names.
 */
import { packageVersion } from './version.js';

/** Field names a typical Segment destination filter drops. */
export const DROPPED_FIELDS = [
  'email',
  'phone',
  'name',
  'first_name',
  'last_name',
  'address',
  'ip',
  'ssn',
  'card',
  'contact',
  'token',
  'password',
];

/** A tsub filter run: `run` mutates the event it is given (pass a copy). */
export interface TsubFilter {
  readonly name: string;
  readonly version: string;
  readonly usage: string;
  run(event: Record<string, unknown>): unknown;
}

/** The slice of @segment/tsub used here (a CommonJS module: its exports arrive as `default`). */
interface Tsub {
  matches(event: unknown, matcher: { type: string; ir: string }): boolean;
  transform(event: unknown, transformers: { type: string; config: unknown }[]): unknown;
}

/** The tsub peer with a `drop_properties` transformer over properties, traits and context.traits. */
export async function tsubFilter(): Promise<TsubFilter> {
  const tsub = ((await import('@segment/tsub' as string)) as { default: Tsub }).default;
  const version = packageVersion('@segment/tsub');
  const matcher = { type: 'all', ir: '' };
  const drop = Object.fromEntries(
    ['properties', 'traits', 'context.traits', 'event_properties', 'user_properties'].map((p) => [
      p,
      DROPPED_FIELDS,
    ]),
  );
  const transformers = [{ type: 'drop_properties', config: { drop } }];
  return {
    name: '@segment/tsub',
    version,
    usage:
      "matches(event, {type: 'all'}) then transform(event, [drop_properties of 12 field names])",
    run: (event) => (tsub.matches(event, matcher) ? tsub.transform(event, transformers) : event),
  };
}
