/**
 * Decoding of an Amplitude HTTP V2 / Batch API request body `{api_key, events:[…], options?,
 * client_upload_time?}` (JSON, optionally gzip or deflate) into canonical events.
 */
import { inflateBody, isBodyError, isObject, parseJson, utf8, type BodyError } from '../body.js';
import type { DecodeOutcome, Decoded, Limits, ReceiverRequest, Rejected } from '../types.js';
import { parseCanonical } from '../../pipeline/event.js';
import { toCanonical, type EventEnv } from './event.js';

function refuse(e: BodyError): DecodeOutcome {
  return { kind: 'error', code: e.error, message: e.message };
}

/** The request body as a JSON value, or a refusal. */
function readBody(req: ReceiverRequest, limits: Limits): unknown {
  const bytes = inflateBody(req.body, req.headers, limits);
  if (isBodyError(bytes)) return bytes;
  const text = utf8(bytes);
  if (isBodyError(text)) return text;
  return parseJson(text, limits);
}

function tokenOf(body: Record<string, unknown>, req: ReceiverRequest): string | undefined {
  if (typeof body.api_key === 'string' && body.api_key !== '') return body.api_key;
  const q = req.query.get('api_key');
  return q === null || q === '' ? undefined : q;
}

/**
 * Decode an events request. Never throws: a body that is not a JSON object with an `events` array
 * is `bad_request`; more events than `limits.maxEventsPerRequest` is `too_many_events`; an event
 * that does not become a valid canonical event is listed in `rejected` under its batch index. The
 * `api_key` is returned as `token` and never copied into an event.
 */
export function decodeRequest(req: ReceiverRequest, limits: Limits): DecodeOutcome {
  if (req.method !== 'POST')
    return { kind: 'error', code: 'method_not_allowed', message: 'only POST is allowed' };
  const body = readBody(req, limits);
  if (isBodyError(body)) return refuse(body);
  if (!isObject(body))
    return { kind: 'error', code: 'bad_request', message: 'the body is not a JSON object' };
  if (!Array.isArray(body.events))
    return { kind: 'error', code: 'bad_request', message: '"events" is missing or not an array' };
  if (body.events.length > limits.maxEventsPerRequest)
    return {
      kind: 'error',
      code: 'too_many_events',
      message: `more than ${limits.maxEventsPerRequest} events in one request`,
    };
  const upload = body.client_upload_time;
  const env: EventEnv = {
    clientIp: req.clientIp,
    receivedAt: req.receivedAt,
    ...(typeof upload === 'string' && !Number.isNaN(Date.parse(upload)) && { sentAt: upload }),
  };
  const events: Decoded[] = [];
  const rejected: Rejected[] = [];
  body.events.forEach((raw: unknown, index) => {
    if (!isObject(raw)) {
      rejected.push({ index, problems: ['(root): an event must be a JSON object'] });
      return;
    }
    const problems: string[] = [];
    for (const candidate of toCanonical(raw, env)) {
      const r = parseCanonical(candidate);
      if (r.ok) events.push({ event: r.event });
      else problems.push(...r.problems);
    }
    if (problems.length > 0) rejected.push({ index, problems });
  });
  return { kind: 'events', token: tokenOf(body, req), events, rejected };
}
