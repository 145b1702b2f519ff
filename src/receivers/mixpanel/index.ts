/**
 * The Mixpanel receiver: `/track`, `/import`, `/engage`, `/groups` decoded to canonical events;
 * `/decide`, `/flags`, `/settings` answered locally; `/record` (session replay) refused. See
 * docs/wire-mapping.md (## Mixpanel) for the field mapping.
 */
import { basicUser, isBodyError, isObject, parseJson } from '../body.js';
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
import { acceptedAnswer, flagsAnswer, refusedAnswer, replayAnswer } from './answers.js';
import { type Candidate, decodeEvent } from './event.js';
import { mixpanelRecords } from './payload.js';
import { decodeProfile } from './profile.js';
import { methodAllowed, mixpanelRoute } from './routes.js';

function candidates(route: Route, records: readonly unknown[], ip: string | undefined) {
  const out: { index: number; c: Candidate }[] = [];
  records.forEach((r, index) => {
    if (route.kind === 'events') out.push({ index, c: decodeEvent(r, ip) });
    else
      for (const c of decodeProfile(r, route.name === 'mixpanel.groups', ip))
        out.push({ index, c });
  });
  return out;
}

function side(route: Route, req: ReceiverRequest, limits: Limits): DecodeOutcome {
  const token = basicUser(req.headers) ?? req.query.get('token') ?? undefined;
  const raw = route.kind === 'flags' ? req.query.get('context') : null;
  const ctx = raw === null ? undefined : parseJson(raw, limits);
  const id = isObject(ctx) ? ctx.distinct_id : undefined;
  const distinctId = typeof id === 'string' && id !== '' ? id : undefined;
  return { kind: 'side', token, ...(distinctId === undefined ? {} : { distinctId }) };
}

function decode(route: Route, req: ReceiverRequest, limits: Limits): DecodeOutcome {
  if (!methodAllowed(route, req.method))
    return {
      kind: 'error',
      code: 'method_not_allowed',
      message: `${req.method} is not allowed here`,
    };
  if (route.kind === 'flags' || route.kind === 'replay') return side(route, req, limits);
  const records = mixpanelRecords(req, limits);
  if (isBodyError(records)) return { kind: 'error', code: records.error, message: records.message };
  const ip = req.query.get('ip') === '1' ? req.clientIp : undefined;
  const events: Decoded[] = [];
  const rejected: Rejected[] = [];
  const tokens = new Set<string>();
  for (const { index, c } of candidates(route, records, ip)) {
    if ('problems' in c) {
      rejected.push({ index, problems: c.problems });
      continue;
    }
    if (c.token !== undefined) tokens.add(c.token);
    const parsed = parseCanonical(c.value);
    if (parsed.ok) events.push({ event: parsed.event });
    else rejected.push({ index, problems: parsed.problems });
  }
  if (tokens.size > 1)
    return {
      kind: 'error',
      code: 'bad_request',
      message: 'records carry different project tokens',
    };
  // `/import` authenticates with HTTP Basic (project secret, service account or token as the
  // user name); the events' own `token` is not a credential there.
  const token = route.name === 'mixpanel.import' ? basicUser(req.headers) : [...tokens][0];
  return { kind: 'events', token, events, rejected };
}

/** Create the Mixpanel receiver (stateless; one instance serves every request). */
export function createMixpanelReceiver(): Receiver {
  return {
    vendor: 'mixpanel',
    route: (_method, path) => mixpanelRoute(path),
    decode,
    accepted: acceptedAnswer,
    refused: refusedAnswer,
    flags: (route) => flagsAnswer(route),
    replayRefused: () => replayAnswer(),
  };
}
