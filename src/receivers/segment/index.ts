/**
 * The Segment receiver: the HTTP tracking API (`/v1/<type>`, `/v1/batch`, `/v1/import`) and
 * analytics.js's short paths (`/v1/t` … `/b`), mounted by the host under `/segment`.
 *
 * Answers, checked against @segment/analytics-node 3.1 (publisher.ts) and analytics-next:
 * any status < 400 is success; 429 (with Retry-After) and 5xx are retried; 400/401/403/413 are
 * dropped without retry. Success is `200 {"success":true}`, as Segment's own API answers.
 */
import type { Receiver, ReceiverRequest, RejectCode, Route, WireResponse } from '../types.js';
import { decodeSegment } from './decode.js';
import { isSegmentRoute, matchRoute } from './routes.js';

const JSON_HEADERS = { 'content-type': 'application/json' } as const;

/** Retry-After sent with `overloaded` when the host names none, in seconds. */
export const DEFAULT_RETRY_AFTER_SECONDS = 5;

const STATUS: Readonly<Record<RejectCode, number>> = {
  bad_json: 400,
  bad_base64: 400,
  bad_gzip: 400,
  bad_form: 400,
  bad_request: 400,
  too_deep: 400,
  too_many_events: 400,
  // Segment answers 400 for oversize; 413 is dropped by both SDKs exactly like 400 and is what
  // Veil's receiver contract expects for oversize bodies.
  too_large: 413,
  unauthorized: 401,
  // Both SDKs retry 429 (analytics-node without spending its retry budget when Retry-After is set).
  overloaded: 429,
  not_found: 404,
  method_not_allowed: 405,
};

function reply(status: number, body: unknown, extra: Record<string, string> = {}): WireResponse {
  return { status, headers: { ...JSON_HEADERS, ...extra }, body: JSON.stringify(body) };
}

/** The answer for a refusal with `code` (see STATUS); `message` must quote no event values. */
export function segmentRefusal(
  code: RejectCode,
  message: string,
  retryAfterSeconds?: number,
): WireResponse {
  const status = STATUS[code];
  if (code !== 'overloaded') return reply(status, { success: false, code, message });
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS));
  return reply(status, { success: false, code, message }, { 'retry-after': String(seconds) });
}

/** Create the Segment receiver (stateless; one instance can serve every source). */
export function createSegmentReceiver(): Receiver {
  return {
    vendor: 'segment',
    route(_method: string, path: string): Route | undefined {
      return matchRoute(path);
    },
    decode(route, req, limits) {
      if (!isSegmentRoute(route))
        return { kind: 'error', code: 'not_found', message: 'not a Segment route' };
      return decodeSegment(route, req, limits);
    },
    accepted(): WireResponse {
      return reply(200, { success: true });
    },
    refused(_route, _req: ReceiverRequest, code, message, retryAfterSeconds) {
      return segmentRefusal(code, message, retryAfterSeconds);
    },
    // Segment has no flags endpoint on its tracking API (analytics.js reads its settings from
    // the CDN); answer an empty settings object so nothing is enabled and nothing retried.
    flags(): WireResponse {
      return reply(200, { integrations: {} });
    },
    // Nothing on Segment's tracking API is session replay; a refusal that no SDK retries.
    replayRefused(): WireResponse {
      return reply(403, {
        success: false,
        code: 'replay_refused',
        message: 'session replay is not accepted',
      });
    },
  };
}
