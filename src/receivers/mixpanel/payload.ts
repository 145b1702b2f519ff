/**
 * Extract the JSON records of a Mixpanel ingestion request, in every encoding the SDKs and the
 * HTTP API use: `data=` in the query (GET, mixpanel node), a form body `data=` holding base64
 * (mixpanel-browser's default for self-hosted hosts, mixpanel node batches) or raw JSON
 * (`api_payload_format: 'json'`), a JSON body (object or array), NDJSON (`/import`), each
 * optionally gzip-compressed. Every byte goes through src/receivers/body.ts, so its bounds apply.
 */
import {
  BodyError,
  decodeBase64,
  inflateBody,
  isBodyError,
  mediaType,
  parseForm,
  parseJson,
  parseNdjson,
  utf8,
} from '../body.js';
import type { Limits, ReceiverRequest } from '../types.js';

/** Parse a `data` value: raw JSON when it starts like JSON, else (URL-safe or standard) base64. */
export function parseData(value: string, limits: Limits): unknown {
  const t = value.trim();
  if (t.startsWith('{') || t.startsWith('[')) return parseJson(t, limits);
  // mixpanel (node) posts `data=<base64>` without URL-encoding it, so a form parser turns its
  // `+` into spaces: put them back (base64 has no spaces of its own).
  const bytes = decodeBase64(t.replace(/ /g, '+'));
  if (isBodyError(bytes)) return bytes;
  const text = utf8(bytes);
  return isBodyError(text) ? text : parseJson(text, limits);
}

function fromBody(text: string, req: ReceiverRequest, limits: Limits): unknown {
  const t = text.trim();
  const type = mediaType(req.headers);
  if (type === 'application/x-ndjson' || type === 'application/jsonl') {
    return parseNdjson(t, limits);
  }
  if (t.startsWith('{') || t.startsWith('[')) {
    const v = parseJson(t, limits);
    // An NDJSON body sent without its media type: one JSON value per line.
    if (isBodyError(v) && v.error === 'bad_json' && t.includes('\n')) {
      const nd = parseNdjson(t, limits);
      return isBodyError(nd) ? v : nd;
    }
    return v;
  }
  const data = parseForm(t).get('data');
  if (data === null) return new BodyError('bad_form', 'the form body has no data field');
  return parseData(data, limits);
}

/**
 * The records (JSON values, not yet checked) of `req`, at most `limits.maxEventsPerRequest`;
 * or a BodyError. An empty body falls back to the query's `data`.
 */
export function mixpanelRecords(req: ReceiverRequest, limits: Limits): unknown[] | BodyError {
  let value: unknown;
  const inflated = inflateBody(req.body, req.headers, limits);
  if (isBodyError(inflated)) return inflated;
  if (inflated.length > 0) {
    const text = utf8(inflated);
    if (isBodyError(text)) return text;
    value = fromBody(text, req, limits);
  } else {
    const q = req.query.get('data');
    if (q === null) return new BodyError('bad_request', 'the request carries no data');
    value = parseData(q, limits);
  }
  if (isBodyError(value)) return value;
  const list = Array.isArray(value) ? value : [value];
  if (list.length > limits.maxEventsPerRequest) {
    return new BodyError(
      'too_many_events',
      `${list.length} records in one request; at most ${limits.maxEventsPerRequest}`,
    );
  }
  return list;
}
