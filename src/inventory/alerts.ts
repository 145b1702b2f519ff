/**
 * Where drift alerts go: one pino warning per alert, and optionally one webhook POST per batch
 * (`{"alerts": [...]}`). The webhook is best effort: one attempt with a time limit, failures
 * logged (without the URL, which may hold a secret), never thrown, never retried.
 */
import type { Logger } from 'pino';
import { describeAlert, type DriftAlert } from './drift.js';

/** Delivers a batch of alerts. The promise always resolves (after the webhook POST, if any). */
export type AlertSink = (alerts: readonly DriftAlert[]) => Promise<void>;

/** Options of `createAlertSink`. */
export interface AlertSinkOptions {
  readonly log: Pick<Logger, 'warn' | 'error'>;
  /** Log one warning per alert (default true); false when the caller logs them already. */
  readonly logAlerts?: boolean;
  /** http(s) URL to POST batches to; none: log only. */
  readonly webhookUrl?: string;
  /** Time limit of one POST, ms; default 5000. */
  readonly timeoutMs?: number;
  /** Posts running at once beyond which a batch is logged only; default 4. */
  readonly maxInFlight?: number;
  /** Default: the global fetch. */
  readonly fetchImpl?: typeof fetch;
}

/** Why a POST failed, in words that name no URL or body. */
function failure(e: unknown): string {
  if (e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError'))
    return 'timeout';
  const cause = (e as { cause?: { code?: unknown } } | undefined)?.cause?.code;
  return typeof cause === 'string' ? cause : 'network error';
}

/** Create the sink. Logging is synchronous; the POST runs in the background of the promise. */
export function createAlertSink(o: AlertSinkOptions): AlertSink {
  const post = o.fetchImpl ?? fetch;
  const timeoutMs = o.timeoutMs ?? 5_000;
  const maxInFlight = o.maxInFlight ?? 4;
  let inFlight = 0;
  return async function alertSink(alerts) {
    if (alerts.length === 0) return;
    if (o.logAlerts !== false)
      for (const a of alerts) o.log.warn({ drift: a }, `inventory drift: ${describeAlert(a)}`);
    if (o.webhookUrl === undefined) return;
    if (inFlight >= maxInFlight) {
      o.log.error({ alerts: alerts.length }, 'drift webhook busy: batch not posted (logged only)');
      return;
    }
    inFlight++;
    try {
      const res = await post(o.webhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ alerts }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      await res.body?.cancel();
      if (!res.ok) o.log.error({ status: res.status }, `drift webhook answered HTTP ${res.status}`);
    } catch (e) {
      o.log.error({ reason: failure(e) }, `drift webhook failed (${failure(e)})`);
    } finally {
      inFlight--;
    }
  };
}
