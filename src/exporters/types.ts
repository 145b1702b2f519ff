/**
 * The exporter contract. An exporter encodes minimized canonical events into one vendor's (or a
 * file's, or a JSON endpoint's) wire format, sends one batch, and classifies the outcome. It does
 * not retry by itself: the dispatcher (src/gateway/dispatch.ts) owns retries, backoff, the time
 * budget and the dead-letter table, so every exporter behaves the same way under failure.
 */
import type { CanonicalEvent } from '../pipeline/event.js';

/** The outcome of sending one batch. */
export type ExportResult =
  /** Every event was accepted. */
  | { readonly kind: 'ok' }
  /**
   * Will never succeed as sent (4xx other than 408/429; invalid payload): dead-letter now.
   * `indexes` names the events the vendor rejected when it says so (the rest were accepted);
   * absent means the whole batch.
   */
  | {
      readonly kind: 'permanent';
      readonly status?: number;
      readonly message: string;
      readonly indexes?: readonly number[];
    }
  /** 5xx, 408, timeouts, connection errors: retry with backoff. */
  | { readonly kind: 'retryable'; readonly status?: number; readonly message: string }
  /** 429 (or a vendor's throttle answer): retry no earlier than `retryAfterMs` from now. */
  | { readonly kind: 'throttled'; readonly retryAfterMs: number; readonly message: string }
  /** The batch is too large for the vendor (413): the dispatcher halves it and retries. */
  | { readonly kind: 'too_large'; readonly message: string };

/** A vendor's flags answer, relayed to the SDK as is. */
export interface FlagsAnswer {
  readonly contentType: string;
  readonly body: string;
}

/** Per-exporter batching limits (the vendor's documented maximums). */
export interface BatchLimits {
  readonly maxEvents: number;
  /** Upper bound of one encoded request body in bytes. */
  readonly maxBytes: number;
}

/** Sends minimized events to one destination. */
export interface Exporter {
  /** Destination type (`mixpanel`, `file`, …). */
  readonly type: string;
  readonly limits: BatchLimits;
  /**
   * Send `events` (already minimized, each with a `messageId` that becomes the vendor's dedupe
   * id) as one or more requests within `limits`. Never throws: every failure is a result.
   * `signal` aborts an in-flight request at shutdown (the result is then `retryable`).
   */
  send(events: readonly CanonicalEvent[], signal: AbortSignal): Promise<ExportResult>;
  /**
   * Vendors with feature flags (Mixpanel, PostHog): ask the vendor which flags are on for
   * `distinctId` (already pseudonymized; nothing else about the person is sent) and return its
   * answer for the SDK, or undefined when the vendor did not answer 200 in time.
   */
  flags?(distinctId: string, signal: AbortSignal): Promise<FlagsAnswer | undefined>;
  /** Release files/sockets. Idempotent. */
  close(): Promise<void>;
}

/** Options every vendor exporter factory takes (`createMixpanelExporter(options)`, …). */
export interface VendorExporterOptions {
  /** Base URL override (EU residency, proxies, tests); default: the vendor's public endpoint. */
  readonly endpoint?: string;
  /** The destination's credential (project token, write key, API key), read from its env var. */
  readonly credential: string;
  /** Per-request timeout in ms; default 10 000. */
  readonly timeoutMs?: number;
}
