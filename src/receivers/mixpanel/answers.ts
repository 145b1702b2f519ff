/**
 * The answers Mixpanel's SDKs read. mixpanel-browser (2.83) and mixpanel (node, 0.24) treat a
 * 200 whose body is `1` (or, with `verbose=1`, JSON `{"status":1}`) as success; the browser
 * batcher always asks for verbose, retries on 5xx, 429 and timeouts, halves the batch on 413 and
 * deletes the batch on any other status.
 */
import type { RejectCode, ReceiverRequest, Route, WireResponse } from '../types.js';

const JSON_TYPE = { 'content-type': 'application/json' };
const TEXT_TYPE = { 'content-type': 'text/plain; charset=utf-8' };

function json(status: number, body: unknown, extra: Record<string, string> = {}): WireResponse {
  return { status, headers: { ...JSON_TYPE, ...extra }, body: JSON.stringify(body) };
}

/**
 * `/import` answers like Mixpanel's import API (`{"code":200,…}`) for HTTP API clients; the
 * mixpanel node SDK also posts to `/import` but always sends `verbose=0|1` and judges the answer
 * like `/track` (`1` / `{"status":1}`), so a request with `verbose` gets the legacy answer.
 */
function importApi(route: Route | undefined, req: ReceiverRequest): boolean {
  return route?.name === 'mixpanel.import' && !req.query.has('verbose');
}

function verbose(req: ReceiverRequest): boolean {
  const v = req.query.get('verbose');
  return v !== null && v !== '0' && v !== '';
}

/** Success after `n` records were committed. */
export function acceptedAnswer(route: Route, req: ReceiverRequest, n: number): WireResponse {
  if (importApi(route, req)) return json(200, { code: 200, num_records_imported: n, status: 'OK' });
  if (verbose(req)) return json(200, { status: 1, error: null });
  return { status: 200, headers: TEXT_TYPE, body: '1' };
}

const STATUS: Record<RejectCode, number> = {
  bad_json: 400,
  bad_base64: 400,
  bad_gzip: 400,
  bad_form: 400,
  bad_request: 400,
  too_large: 413,
  // 413, not 400: mixpanel-browser halves its batch on 413 instead of deleting it.
  too_many_events: 413,
  too_deep: 400,
  unauthorized: 401,
  overloaded: 503,
  not_found: 404,
  method_not_allowed: 405,
};

const REASON: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  405: 'Method Not Allowed',
  413: 'Payload Too Large',
  503: 'Service Unavailable',
};

/** A refusal; `overloaded` is a 503 with `Retry-After` (the browser batcher retries 5xx). */
export function refusedAnswer(
  route: Route | undefined,
  req: ReceiverRequest,
  code: RejectCode,
  message: string,
  retryAfterSeconds?: number,
): WireResponse {
  const status = STATUS[code];
  const extra: Record<string, string> =
    code === 'overloaded'
      ? { 'retry-after': String(Math.max(1, Math.ceil(retryAfterSeconds ?? 1))) }
      : {};
  if (code === 'method_not_allowed') extra.allow = route?.kind === 'replay' ? 'POST' : 'GET, POST';
  if (importApi(route, req)) {
    const body = { code: status, error: message, status: REASON[status], num_records_imported: 0 };
    return json(status, body, extra);
  }
  if (route === undefined || verbose(req))
    return json(status, { status: 0, error: message }, extra);
  return { status, headers: { ...TEXT_TYPE, ...extra }, body: '0' };
}

/**
 * "No flags": `/flags` → `{"flags":{}}` (mixpanel-browser and mixpanel node read `flags` and
 * throw when it is missing), `/flags/definitions` → `{"flags":[]}` (node local evaluation
 * iterates it), `/settings` → `{}` (no `sdk_config`: nothing changes, recording stays off),
 * legacy `/decide` → an empty decide answer.
 */
export function flagsAnswer(route: Route): WireResponse {
  switch (route.name) {
    case 'mixpanel.flags_definitions':
      return json(200, { flags: [] });
    case 'mixpanel.settings':
      return json(200, {});
    case 'mixpanel.decide':
      return json(200, {
        config: { enable_collect_everything: false },
        notifications: [],
        featureFlags: [],
        flags: {},
      });
    default:
      return json(200, { flags: {} });
  }
}

/**
 * A refused session-replay upload: 403 with a JSON body. The recorder's batcher parses the
 * body, sees neither 5xx, 429 nor 413, and deletes the batch instead of retrying.
 */
export function replayAnswer(): WireResponse {
  return json(403, { status: 0, error: 'session replay is not accepted by this gateway' });
}
