/**
 * The Amplitude receiver: HTTP V2 (`POST /2/httpapi`) and Batch (`POST /batch`) ingestion, as
 * sent by `@amplitude/analytics-node`, `@amplitude/analytics-browser` and direct API clients, and
 * session-replay uploads (`/sessions/v2/track`), which are refused by default. Mounted by the host
 * under `/amplitude`; paths here are without that prefix.
 */
import { bearer } from '../body.js';
import type { Receiver, ReceiverRequest, Route } from '../types.js';
import { acceptedAnswer, flagsAnswer, refusedAnswer, replayRefusedAnswer } from './answers.js';
import { decodeRequest } from './decode.js';

const ROUTES: Readonly<Record<string, Route>> = {
  '/2/httpapi': { vendor: 'amplitude', kind: 'events', name: 'amplitude.httpapi' },
  '/batch': { vendor: 'amplitude', kind: 'events', name: 'amplitude.batch' },
  '/sessions/v2/track': { vendor: 'amplitude', kind: 'replay', name: 'amplitude.replay' },
};

function replayToken(req: ReceiverRequest): string | undefined {
  return bearer(req.headers) ?? req.query.get('api_key') ?? undefined;
}

/**
 * Create the Amplitude receiver. `route` matches a path with or without a trailing slash, for any
 * method (`decode` answers `method_not_allowed` for anything but POST). Pure: no I/O, no clock.
 */
export function createAmplitudeReceiver(): Receiver {
  return {
    vendor: 'amplitude',
    route(_method, path) {
      const p = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
      return Object.hasOwn(ROUTES, p) ? ROUTES[p] : undefined;
    },
    decode(route, req, limits) {
      if (route.kind === 'replay') {
        const device = req.query.get('device_id');
        return {
          kind: 'side',
          token: replayToken(req),
          ...(device !== null && device !== '' && { distinctId: device }),
        };
      }
      return decodeRequest(req, limits);
    },
    accepted(_route, req, accepted) {
      return acceptedAnswer(accepted, req.body.length, req.receivedAt);
    },
    refused(_route, _req, code, message, retryAfterSeconds) {
      return refusedAnswer(code, message, retryAfterSeconds);
    },
    flags() {
      return flagsAnswer();
    },
    replayRefused() {
      return replayRefusedAnswer();
    },
  };
}
