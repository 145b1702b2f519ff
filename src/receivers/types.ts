/**
 * The receiver contract. A receiver speaks one vendor's ingestion wire format: it maps a
 * method + path to a route, decodes a request body into canonical events, and builds the exact
 * answers that vendor's SDKs treat as success, as "retry later" and as "drop". The HTTP host
 * (src/gateway/) does the rest: body size limit, token → source lookup, policy, outbox commit,
 * CORS, metrics. Receivers are pure: no I/O, no clock reads except `req.receivedAt`.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { CanonicalEvent } from '../pipeline/event.js';

/** The vendor wire formats Veil speaks. */
export const VENDORS = ['mixpanel', 'segment', 'posthog', 'amplitude'] as const;
/** A vendor wire format. */
export type Vendor = (typeof VENDORS)[number];

/** What a route carries. */
export type RouteKind =
  /** Analytics events (track/page/screen/identify/group/alias …). */
  | 'events'
  /** Profile operations (Mixpanel `/engage`, `/groups`): decoded to identify/group events. */
  | 'profile'
  /** Feature flags / remote config (`/flags`, `/decide`, Mixpanel `settings/`): answered locally. */
  | 'flags'
  /** Session replay (`/s`, Mixpanel `record/`): refused by default. */
  | 'replay';

/** A matched route. `name` is a stable label for logs and metrics (`mixpanel.track`, …). */
export interface Route {
  readonly vendor: Vendor;
  readonly kind: RouteKind;
  readonly name: string;
}

/** One request as the HTTP host hands it over. */
export interface ReceiverRequest {
  readonly method: string;
  /** Path without the query string, as received (`/track/`, `/v1/batch`, …). */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  /** Raw body bytes, at most `limits.maxBodyBytes`; still compressed if the client compressed it. */
  readonly body: Buffer;
  /** The client address the request came from (after trusted-proxy handling). */
  readonly clientIp: string;
  /** When the request arrived, ms since the epoch. */
  readonly receivedAt: number;
}

/** Bounds every decoder enforces (src/receivers/body.ts implements them). */
export interface Limits {
  /** Bytes after decompression (gzip bombs): over → `too_large`. */
  readonly maxDecompressedBytes: number;
  /** Nesting depth of any JSON value: over → `too_deep`. */
  readonly maxDepth: number;
  /** Events in one request: over → `too_many_events`. */
  readonly maxEventsPerRequest: number;
  /**
   * JSON values in one request body (the root, every object member and array element, across
   * the lines of NDJSON): over → `too_large`. Bounds the memory minimizing takes.
   */
  readonly maxValues: number;
}

/** Default bounds. */
export const DEFAULT_LIMITS: Limits = {
  maxDecompressedBytes: 20 * 1024 * 1024,
  maxDepth: 32,
  maxEventsPerRequest: 2000,
  maxValues: 200_000,
};

/** Why a request was refused before any event was accepted; a metric label. */
export type RejectCode =
  | 'bad_json'
  | 'bad_base64'
  | 'bad_gzip'
  | 'bad_form'
  | 'bad_request'
  | 'too_large'
  | 'too_deep'
  | 'too_many_events'
  | 'unauthorized'
  | 'overloaded'
  | 'not_found'
  | 'method_not_allowed';

/** An event that could not become a canonical event; it is dropped and counted (`invalid_event`). */
export interface Rejected {
  /** Index of the event in the request's batch. */
  readonly index: number;
  /** `dotted.path: message` lines; never event values. */
  readonly problems: readonly string[];
}

/** One decoded event, ready for the policy. */
export interface Decoded {
  /** A valid canonical event; `messageId` is always set (kept from the vendor's dedupe id, else generated). */
  readonly event: CanonicalEvent;
}

/** What decoding a request produced. */
export type DecodeOutcome =
  | {
      readonly kind: 'events';
      /**
       * The project token / write key / API key the request carries (Basic auth, body, query or
       * the events' own token fields). `undefined` when none; the host answers 401.
       */
      readonly token: string | undefined;
      readonly events: readonly Decoded[];
      readonly rejected: readonly Rejected[];
    }
  | {
      /** Session replay or flags: the host decides (refuse / answer locally) from the source config. */
      readonly kind: 'side';
      readonly token: string | undefined;
      /** The identity the request carries (flags), for a forwarding host to pseudonymize. */
      readonly distinctId?: string;
    }
  | { readonly kind: 'error'; readonly code: RejectCode; readonly message: string };

/** An answer to the SDK. */
export interface WireResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** A vendor wire format. */
export interface Receiver {
  readonly vendor: Vendor;
  /** The route for `method` + `path` (trailing slash optional where the SDK varies), or undefined. */
  route(method: string, path: string): Route | undefined;
  /** Decode a request on `route`. Never throws on bad input: returns `kind: 'error'`. */
  decode(route: Route, req: ReceiverRequest, limits: Limits): DecodeOutcome;
  /** The answer the SDK treats as success after `accepted` events were committed. */
  accepted(route: Route, req: ReceiverRequest, accepted: number): WireResponse;
  /**
   * The answer for a refusal. For `overloaded` it must be a status the SDK retries (503 or 429
   * with `Retry-After: retryAfterSeconds`); for client errors one it does not retry forever.
   */
  refused(
    route: Route | undefined,
    req: ReceiverRequest,
    code: RejectCode,
    message: string,
    retryAfterSeconds?: number,
  ): WireResponse;
  /** The local answer to a flags/config request: no flags enabled, nothing to retry. */
  flags(route: Route, req: ReceiverRequest): WireResponse;
  /** The answer to a refused session-replay upload: one the SDK does not retry. */
  replayRefused(route: Route, req: ReceiverRequest): WireResponse;
}
