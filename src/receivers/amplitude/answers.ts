/**
 * The answers Amplitude's SDKs understand. The SDKs (analytics-core `BaseTransport.buildResponse`)
 * read the verdict from the JSON body's `code`, not from the HTTP status, so every answer carries
 * `code` equal to its status:
 * - 200 + `code: 200` → success, the events are removed from the SDK's queue;
 * - 429 → retried (events listed in `throttled_events` after the SDK's 30 s throttle pause);
 * - 413 → the SDK halves its batch and retries (a single event is dropped);
 * - 400 with `missing_field`, or 4xx whose `error` starts with "Invalid API key" → dropped now;
 *   other 4xx → retried up to `flushMaxRetries`, then dropped; 5xx → retried with backoff.
 */
import type { RejectCode, WireResponse } from '../types.js';
import { DEFAULT_LIMITS } from '../types.js';

const JSON_TYPE = { 'content-type': 'application/json' };

/** Default Retry-After (s) of an overload answer: the SDK's own throttle pause. */
export const DEFAULT_RETRY_AFTER_S = 30;

// Every index a batch can have, so the SDK applies its 30 s throttle pause to each event instead of
// retrying at its flush interval (1 s in browsers). Serialized once.
const ALL_INDEXES = JSON.stringify(
  Array.from({ length: DEFAULT_LIMITS.maxEventsPerRequest }, (_, i) => i),
);

function answer(status: number, body: string, headers: Record<string, string> = {}): WireResponse {
  return { status, headers: { ...JSON_TYPE, ...headers }, body };
}

/** Success after `accepted` events were committed: exactly Amplitude's HTTP V2 success body. */
export function acceptedAnswer(accepted: number, payloadBytes: number, at: number): WireResponse {
  return answer(
    200,
    JSON.stringify({
      code: 200,
      events_ingested: accepted,
      payload_size_bytes: payloadBytes,
      server_upload_time: at,
    }),
  );
}

/** The answer to a refusal; `message` must quote no event values (it is sent to the client). */
export function refusedAnswer(
  code: RejectCode,
  message: string,
  retryAfterSeconds?: number,
): WireResponse {
  switch (code) {
    case 'overloaded': {
      const s = Math.max(1, Math.ceil(retryAfterSeconds ?? DEFAULT_RETRY_AFTER_S));
      const error = JSON.stringify('Too many requests: overloaded, retry later');
      const body = `{"code":429,"error":${error},"throttled_events":${ALL_INDEXES}}`;
      return answer(429, body, { 'retry-after': String(s) });
    }
    case 'unauthorized':
      // The SDK drops a batch at once when `error` starts with "Invalid API key".
      return answer(401, JSON.stringify({ code: 401, error: 'Invalid API key' }));
    case 'too_large':
    case 'too_many_events':
      return answer(413, JSON.stringify({ code: 413, error: `Payload too large: ${message}` }));
    case 'not_found':
      return answer(404, JSON.stringify({ code: 404, error: message }));
    case 'method_not_allowed':
      return answer(405, JSON.stringify({ code: 405, error: message }), { allow: 'POST' });
    default:
      // Malformed data never gets better: `missing_field` makes the SDK drop it instead of
      // retrying the same bytes `flushMaxRetries` times.
      return answer(400, JSON.stringify({ code: 400, error: message, missing_field: 'events' }));
  }
}

/** No flags: Amplitude's ingestion hosts serve none; an empty object parses as "nothing set". */
export function flagsAnswer(): WireResponse {
  return answer(200, '{}');
}

/** A refused session-replay upload: a 4xx, which the replay SDK does not retry. */
export function replayRefusedAnswer(): WireResponse {
  return answer(403, JSON.stringify({ code: 403, error: 'session replay is disabled' }));
}
