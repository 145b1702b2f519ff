/**
 * Segment ingestion routes, as seen after the host strips the `/segment` mount prefix: the
 * HTTP API's `/v1/<type>` and `/v1/batch` (`/v1/import` is its legacy alias), and the
 * one-letter paths analytics.js (analytics-next) uses (`/v1/t`, `/v1/i`, …, `/v1/b`, `/b`).
 */
import type { Route } from '../types.js';

/** The Segment event types a single-event route implies. */
export type SegmentType = 'track' | 'identify' | 'page' | 'screen' | 'group' | 'alias';

/** A Segment route: either one event of a fixed type, or a batch of typed events. */
export interface SegmentRoute extends Route {
  readonly vendor: 'segment';
  readonly kind: 'events';
  /** The type a single-event route forces; undefined for batch routes. */
  readonly type: SegmentType | undefined;
}

function single(type: SegmentType): SegmentRoute {
  return { vendor: 'segment', kind: 'events', name: `segment.${type}`, type };
}

const BATCH: SegmentRoute = {
  vendor: 'segment',
  kind: 'events',
  name: 'segment.batch',
  type: undefined,
};
const IMPORT: SegmentRoute = { ...BATCH, name: 'segment.import' };

const TABLE: ReadonlyMap<string, SegmentRoute> = new Map([
  ['/v1/track', single('track')],
  ['/v1/identify', single('identify')],
  ['/v1/page', single('page')],
  ['/v1/screen', single('screen')],
  ['/v1/group', single('group')],
  ['/v1/alias', single('alias')],
  ['/v1/t', single('track')],
  ['/v1/i', single('identify')],
  ['/v1/p', single('page')],
  ['/v1/s', single('screen')],
  ['/v1/g', single('group')],
  ['/v1/a', single('alias')],
  ['/v1/batch', BATCH],
  ['/v1/b', BATCH],
  ['/b', BATCH],
  ['/v1/import', IMPORT],
]);

/**
 * The route for `path` (one trailing slash optional), whatever the method: the decoder answers
 * `method_not_allowed` for anything but POST, so a GET on a known path is not a 404.
 */
export function matchRoute(path: string): SegmentRoute | undefined {
  const p = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  return TABLE.get(p);
}

/** True when `route` is one of this module's routes (a route object made elsewhere is not). */
export function isSegmentRoute(route: Route): route is SegmentRoute {
  return route.vendor === 'segment' && 'type' in route;
}
