/**
 * Test helper: a ReceiverRequest as the HTTP host would hand it over, and a decode shortcut that
 * routes and decodes in one step. Used only by this directory's tests.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { DEFAULT_LIMITS, type DecodeOutcome, type Limits, type ReceiverRequest } from '../types.js';
import { createPosthogReceiver } from './index.js';

/** Fixed clock for tests: 2024-01-02T03:04:05.000Z. */
export const RECEIVED_AT = Date.UTC(2024, 0, 2, 3, 4, 5);

/** A request for `path` (which may carry a query string) with `body`. */
export function request(
  method: string,
  path: string,
  body: string | Buffer = '',
  headers: IncomingHttpHeaders = {},
): ReceiverRequest {
  const [p, q] = path.split('?');
  return {
    method,
    path: p!,
    query: new URLSearchParams(q ?? ''),
    headers,
    body: typeof body === 'string' ? Buffer.from(body) : body,
    clientIp: '203.0.113.7',
    receivedAt: RECEIVED_AT,
  };
}

/** Route and decode `req` with the PostHog receiver; throws when the path has no route. */
export function decode(req: ReceiverRequest, limits: Limits = DEFAULT_LIMITS): DecodeOutcome {
  const receiver = createPosthogReceiver();
  const route = receiver.route(req.method, req.path);
  if (!route) throw new Error(`no route for ${req.path}`);
  return receiver.decode(route, req, limits);
}

/** The events of an `events` outcome (fails the test otherwise). */
export function eventsOf(o: DecodeOutcome) {
  if (o.kind !== 'events') throw new Error(`expected events, got ${JSON.stringify(o)}`);
  return o;
}
