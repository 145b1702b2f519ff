/**
 * The answers posthog-js and posthog-node act on. posthog-js retries a request whenever the
 * status is not exactly 200 and is < 400 or ≥ 500 (its retry queue), so success is exactly
 * `200 {"status":1}` and overload is 503 (a 429 is a 4xx to posthog-js: it would drop the
 * batch). Both SDKs drop 4xx without retry, the right end for malformed data.
 */
import type { RejectCode, WireResponse } from '../types.js';

const JSON_TYPE = { 'content-type': 'application/json' } as const;

/** A JSON answer. */
export function json(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): WireResponse {
  return { status, headers: { ...JSON_TYPE, ...headers }, body: JSON.stringify(body) };
}

/** `200 {"status":1}`: what both SDKs treat as success. */
export const ACCEPTED: WireResponse = json(200, { status: 1 });

const STATUS: Partial<Record<RejectCode, number>> = {
  unauthorized: 401,
  too_large: 413,
  not_found: 404,
  method_not_allowed: 405,
};

/** A refusal in PostHog's error shape; `overloaded` is 503 with `Retry-After` (≥ 1 s). */
export function refusal(
  code: RejectCode,
  message: string,
  retryAfterSeconds?: number,
): WireResponse {
  if (code === 'overloaded') {
    const seconds = Math.max(1, Math.ceil(retryAfterSeconds ?? 1));
    return json(
      503,
      { type: 'server_error', code, detail: message },
      { 'retry-after': String(seconds) },
    );
  }
  const type = code === 'unauthorized' ? 'authentication_error' : 'validation_error';
  return json(STATUS[code] ?? 400, { type, code, detail: message });
}

/**
 * `/flags` and `/decide`: no flags. Read by posthog-node's `normalizeFlagsResponse` (v2 `flags`)
 * and posthog-js (v1 `featureFlags`/`featureFlagPayloads`); `errorsWhileComputingFlags: false`
 * keeps both from treating the answer as partial.
 */
export const NO_FLAGS: WireResponse = json(200, {
  flags: {},
  featureFlags: {},
  featureFlagPayloads: {},
  errorsWhileComputingFlags: false,
  quotaLimited: [],
  sessionRecording: false,
  supportedCompression: ['gzip', 'gzip-js'],
});

/** Remote config (`/array/<token>/config`): nothing enabled, no flags to load, no recording. */
export const REMOTE_CONFIG = {
  supportedCompression: ['gzip', 'gzip-js'],
  hasFeatureFlags: false,
  sessionRecording: false,
  autocaptureExceptions: false,
  heatmaps: false,
  surveys: false,
  siteApps: [],
};

const TOKEN = /^[A-Za-z0-9_-]{1,128}$/;

/**
 * `/array/<token>/config.js`: the script posthog-js loads, which registers the config under
 * `window._POSTHOG_REMOTE_CONFIG[token]`. A token outside `[A-Za-z0-9_-]` registers nothing.
 */
export function remoteConfigScript(token: string | undefined): WireResponse {
  const body =
    token !== undefined && TOKEN.test(token)
      ? `(function(){var w=window;w._POSTHOG_REMOTE_CONFIG=w._POSTHOG_REMOTE_CONFIG||{};` +
        `w._POSTHOG_REMOTE_CONFIG[${JSON.stringify(token)}]=${JSON.stringify({ config: REMOTE_CONFIG, siteApps: [] })};})();`
      : '';
  return { status: 200, headers: { 'content-type': 'application/javascript' }, body };
}

/**
 * A refused replay upload: a 4xx (posthog-js does not retry it) whose body lists `recordings`
 * as quota limited, which makes posthog-js's rate limiter hold back further uploads for a minute.
 */
export const REPLAY_REFUSED: WireResponse = json(400, {
  type: 'validation_error',
  code: 'replay_disabled',
  detail: 'session replay is not accepted by this gateway',
  quota_limited: ['recordings'],
});
