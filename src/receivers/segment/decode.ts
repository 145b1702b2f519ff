/**
 * Decoding of Segment requests into canonical events. The canonical event is the Segment spec,
 * so this is mostly envelope handling (batch-level `writeKey`, `context`, `integrations`,
 * `sentAt`), `messageId` generation, time normalization and taking the write key out.
 */
import { randomUUID } from 'node:crypto';
import {
  basicUser,
  inflateBody,
  isBodyError,
  isObject,
  parseJson,
  utf8,
  type BodyError,
} from '../body.js';
import type { DecodeOutcome, Decoded, Limits, ReceiverRequest, Rejected } from '../types.js';
import { parseCanonical } from '../../pipeline/event.js';
import type { SegmentRoute } from './routes.js';
import { isCanonicalIso } from '../../pipeline/time.js';

type Json = Record<string, unknown>;

/** What every event of one request shares. */
interface Envelope {
  readonly raws: readonly unknown[];
  readonly context: Json | undefined;
  readonly integrations: Json | undefined;
  readonly sentAt: unknown;
  /** The batch-level (or single event's) `writeKey`, when a non-empty string. */
  readonly writeKey: string | undefined;
}

function error(e: BodyError): DecodeOutcome {
  return { kind: 'error', code: e.error, message: e.message };
}

function nonEmpty(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** The body as a JSON value: inflated when gzip/deflate, strict UTF-8, depth-checked. */
function readJson(req: ReceiverRequest, limits: Limits): unknown {
  const bytes = inflateBody(req.body, req.headers, limits);
  if (isBodyError(bytes)) return bytes;
  const text = utf8(bytes);
  if (isBodyError(text)) return text;
  return parseJson(text, limits);
}

function envelopeOf(route: SegmentRoute, body: Json, limits: Limits): Envelope | DecodeOutcome {
  const writeKey = nonEmpty(body.writeKey);
  if (route.type !== undefined) {
    return {
      raws: [body],
      context: undefined,
      integrations: undefined,
      sentAt: undefined,
      writeKey,
    };
  }
  const batch = body.batch;
  if (!Array.isArray(batch))
    return { kind: 'error', code: 'bad_request', message: 'batch: expected an array of events' };
  if (batch.length > limits.maxEventsPerRequest)
    return {
      kind: 'error',
      code: 'too_many_events',
      message: `${batch.length} events in one request (at most ${limits.maxEventsPerRequest})`,
    };
  return {
    raws: batch,
    context: isObject(body.context) ? body.context : undefined,
    integrations: isObject(body.integrations) ? body.integrations : undefined,
    sentAt: body.sentAt,
    writeKey,
  };
}

/** An ISO 8601 UTC string for a date string or epoch number (below 1e11 means seconds). */
export function normalizeTime(v: unknown): unknown {
  if (typeof v === 'number' && Number.isFinite(v)) {
    const d = new Date(v < 1e11 ? v * 1000 : v);
    return Number.isNaN(d.getTime()) ? v : d.toISOString();
  }
  if (typeof v !== 'string' || isCanonicalIso(v)) return v;
  const t = Date.parse(v);
  return Number.isNaN(t) ? v : new Date(t).toISOString();
}

/** Batch-level values first, the event's own values win (shallow, like Segment's API). */
function merged(shared: Json | undefined, own: unknown): unknown {
  if (shared === undefined || (own !== undefined && !isObject(own))) return own;
  return { ...shared, ...(own ?? {}) };
}

function messageIdOf(v: unknown): string | undefined {
  if (typeof v === 'string' && v !== '') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (v === undefined || v === null || v === '') return randomUUID();
  return undefined;
}

/** One raw event → a canonical event, or its problems (paths and messages, never values). */
function normalize(
  raw: unknown,
  route: SegmentRoute,
  env: Envelope,
  token: string | undefined,
  receivedAt: number,
): Decoded | readonly string[] {
  if (!isObject(raw)) return ['(root): an event must be a JSON object'];
  const { writeKey, ...ev } = raw;
  if (typeof writeKey === 'string' && token !== undefined && writeKey !== token)
    return ["writeKey: differs from the request's write key"];
  if (route.type !== undefined) ev.type = route.type;
  if (env.context !== undefined) ev.context = merged(env.context, ev.context);
  if (env.integrations !== undefined) ev.integrations = merged(env.integrations, ev.integrations);
  if (ev.sentAt === undefined && env.sentAt !== undefined) ev.sentAt = env.sentAt;
  const messageId = messageIdOf(ev.messageId);
  if (messageId === undefined) return ['messageId: expected a string'];
  ev.messageId = messageId;
  ev.timestamp =
    ev.timestamp === undefined || ev.timestamp === null
      ? new Date(receivedAt).toISOString()
      : normalizeTime(ev.timestamp);
  const parsed = parseCanonical(ev);
  return parsed.ok ? { event: parsed.event } : parsed.problems;
}

/**
 * Decode a Segment request on `route`. The write key comes from Basic auth, else the body's
 * `writeKey`, else the first event's; an event whose own `writeKey` names another key is
 * rejected (it must not ride on someone else's credential). Never throws.
 */
export function decodeSegment(
  route: SegmentRoute,
  req: ReceiverRequest,
  limits: Limits,
): DecodeOutcome {
  if (req.method.toUpperCase() !== 'POST')
    return { kind: 'error', code: 'method_not_allowed', message: 'Segment routes take POST only' };
  const body = readJson(req, limits);
  if (isBodyError(body)) return error(body);
  if (!isObject(body))
    return { kind: 'error', code: 'bad_request', message: 'the body must be a JSON object' };
  const env = envelopeOf(route, body, limits);
  if ('kind' in env) return env;
  const firstKey = env.raws
    .map((r) => (isObject(r) ? nonEmpty(r.writeKey) : undefined))
    .find(Boolean);
  const token = basicUser(req.headers) ?? env.writeKey ?? firstKey;
  const events: Decoded[] = [];
  const rejected: Rejected[] = [];
  env.raws.forEach((raw, index) => {
    const r = normalize(raw, route, env, token, req.receivedAt);
    if ('event' in r) events.push(r);
    else rejected.push({ index, problems: r });
  });
  return { kind: 'events', token, events, rejected };
}
