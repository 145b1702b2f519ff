/**
 * The PostHog receiver: posthog-js (`/e/`, `/i/v0/e/`, `/s/`, `/flags/`, `/array/<token>/config`)
 * and posthog-node (`/batch/`, `/flags/`) requests → canonical events, and the answers those
 * SDKs act on. Mapping: docs/wire-mapping.md, section "Posthog".
 */
import { isBodyError, isObject } from '../body.js';
import { parseCanonical } from '../../pipeline/event.js';
import type {
  DecodeOutcome,
  Decoded,
  Limits,
  Receiver,
  ReceiverRequest,
  Rejected,
  Route,
} from '../types.js';
import {
  ACCEPTED,
  NO_FLAGS,
  REMOTE_CONFIG,
  REPLAY_REFUSED,
  json,
  refusal,
  remoteConfigScript,
} from './answers.js';
import { eventToken, toCanonical } from './event.js';
import { envelope, parseBody } from './payload.js';
import { METHODS, configToken, matchRoute } from './routes.js';

function error(code: Extract<DecodeOutcome, { kind: 'error' }>['code'], message: string) {
  return { kind: 'error', code, message } as const;
}

/** Decode a capture request: every event validated; one token for the whole request. */
function decodeEvents(req: ReceiverRequest, limits: Limits): DecodeOutcome {
  const parsed = parseBody(req, limits);
  if (isBodyError(parsed)) return error(parsed.error, parsed.message);
  const env = envelope(parsed);
  if (isBodyError(env)) return error(env.error, env.message);
  if (env.events.length > limits.maxEventsPerRequest)
    return error(
      'too_many_events',
      `more than ${limits.maxEventsPerRequest} events in one request`,
    );
  const tokens = new Set<string>(env.token !== undefined ? [env.token] : []);
  const events: Decoded[] = [];
  const rejected: Rejected[] = [];
  env.events.forEach((raw, index) => {
    if (!isObject(raw)) {
      rejected.push({ index, problems: ['(root): an event is a JSON object'] });
      return;
    }
    const t = eventToken(raw);
    if (t !== undefined) tokens.add(t);
    for (const candidate of toCanonical(raw, req.clientIp, req.receivedAt)) {
      const r = parseCanonical(candidate);
      if (r.ok) events.push({ event: r.event });
      else rejected.push({ index, problems: r.problems });
    }
  });
  if (tokens.size > 1) return error('unauthorized', 'the events carry different project tokens');
  return { kind: 'events', token: [...tokens][0], events, rejected };
}

/** Token and identity of a replay upload or a flags request (body optional for flags). */
function decodeSide(route: Route, req: ReceiverRequest, limits: Limits): DecodeOutcome {
  if (route.name === 'posthog.config' || route.name === 'posthog.config_js')
    return { kind: 'side', token: configToken(req.path) };
  const queryToken = req.query.get('token') ?? req.query.get('api_key') ?? undefined;
  if (route.kind === 'flags' && req.body.length === 0 && req.query.get('data') === null)
    return { kind: 'side', token: queryToken };
  const parsed = parseBody(req, limits);
  if (isBodyError(parsed)) return error(parsed.error, parsed.message);
  const env = envelope(parsed);
  if (isBodyError(env)) return error(env.error, env.message);
  const first = env.events.find(isObject);
  const token = env.token ?? (first && eventToken(first)) ?? queryToken;
  const id =
    first?.distinct_id ?? (isObject(first?.properties) ? first.properties.distinct_id : undefined);
  const distinctId = typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
  return { kind: 'side', token, ...(distinctId !== undefined && { distinctId }) };
}

/** Create the PostHog receiver (stateless; one instance serves every request). */
export function createPosthogReceiver(): Receiver {
  return {
    vendor: 'posthog',
    route: (_method, path) => matchRoute(path),
    decode(route, req, limits) {
      try {
        if (!(METHODS[route.name] ?? []).includes(req.method.toUpperCase()))
          return error('method_not_allowed', `${route.name} does not accept this method`);
        return route.kind === 'events' ? decodeEvents(req, limits) : decodeSide(route, req, limits);
      } catch {
        // Belt and braces: nothing above should throw, but a decoder must never crash the host.
        return error('bad_request', 'the request could not be decoded');
      }
    },
    accepted: () => ACCEPTED,
    refused: (_route, _req, code, message, retryAfterSeconds) =>
      refusal(code, message, retryAfterSeconds),
    flags(route, req) {
      if (route.name === 'posthog.config') return json(200, REMOTE_CONFIG);
      if (route.name === 'posthog.config_js') return remoteConfigScript(configToken(req.path));
      return NO_FLAGS;
    },
    replayRefused: () => REPLAY_REFUSED,
  };
}
