/**
 * PostHog request bodies → a parsed JSON value. The encodings posthog-js and posthog-node use:
 * gzip (detected by the magic bytes 1f 8b whatever the Content-Type, or Content-Encoding),
 * `data=<base64>` forms (`?compression=base64`, sendBeacon), `data=<json>` forms, plain JSON,
 * and GET `?data=`. Every byte goes through src/receivers/body.ts, so its limits apply.
 */
import {
  BodyError,
  decodeBase64,
  inflateBody,
  isBodyError,
  isObject,
  mediaType,
  parseForm,
  parseJson,
  utf8,
} from '../body.js';
import type { Limits, ReceiverRequest } from '../types.js';

/** Parse a JSON text or a base64 of one (`base64` forced by `?compression=base64`). */
function parseData(data: string, base64: boolean, limits: Limits): unknown {
  const t = data.trimStart();
  if (!base64 && (t.startsWith('{') || t.startsWith('['))) return parseJson(data, limits);
  // URLSearchParams turns a raw `+` into a space; spaces are never base64, so put them back.
  const bytes = decodeBase64(data.replace(/ /g, '+'));
  if (isBodyError(bytes)) return bytes;
  if (bytes.length > limits.maxDecompressedBytes)
    return new BodyError(
      'too_large',
      `decoded payload exceeds ${limits.maxDecompressedBytes} bytes`,
    );
  const text = utf8(bytes);
  return isBodyError(text) ? text : parseJson(text, limits);
}

/** The request body (or GET `?data=`) as a parsed JSON value, or a BodyError. */
export function parseBody(req: ReceiverRequest, limits: Limits): unknown {
  const compression = (req.query.get('compression') ?? '').toLowerCase();
  if (compression === 'lz64')
    return new BodyError('bad_request', 'compression "lz64" is not supported');
  const base64 = compression === 'base64';
  if (req.method === 'GET') {
    const data = req.query.get('data');
    if (data === null) return new BodyError('bad_request', 'a GET capture needs a data parameter');
    return parseData(data, base64, limits);
  }
  const raw = inflateBody(req.body, req.headers, limits);
  if (isBodyError(raw)) return raw;
  const text = utf8(raw);
  if (isBodyError(text)) return text;
  if (text.trim() === '') return new BodyError('bad_request', 'the body is empty');
  const form = mediaType(req.headers) === 'application/x-www-form-urlencoded';
  if (form || text.startsWith('data=')) {
    const data = parseForm(text).get('data');
    if (data === null) return new BodyError('bad_form', 'the form has no data field');
    return parseData(data, base64, limits);
  }
  return base64 ? parseData(text, true, limits) : parseJson(text, limits);
}

/** The events of a parsed body and the token at its top level. */
export interface Envelope {
  readonly events: readonly unknown[];
  readonly token: string | undefined;
}

/** `{batch:[…], api_key}`, `[…]`, `{data:[…]}` or one event object → its events. */
export function envelope(value: unknown): Envelope | BodyError {
  if (Array.isArray(value)) return { events: value, token: undefined };
  if (!isObject(value))
    return new BodyError('bad_request', 'the payload is not an object or array');
  const token = [value.api_key, value.token].find((v) => typeof v === 'string' && v !== '');
  const t = token as string | undefined;
  if (Array.isArray(value.batch)) return { events: value.batch, token: t };
  if (Array.isArray(value.data)) return { events: value.data, token: t };
  if (value.batch !== undefined || value.data !== undefined)
    return new BodyError('bad_request', 'batch is not an array');
  return { events: [value], token: undefined };
}
