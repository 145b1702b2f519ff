/**
 * What a processing step returns: the (new) event, or why it must not go on. Steps never throw
 * on bad data; the runner turns an unexpected exception into `drop('step_failed')` (fail closed).
 */

/** Closed set of reasons an event is dropped or quarantined; used as a metric label. */
export const DROP_REASONS = [
  'invalid_event',
  'step_failed',
  'policy_drop_event',
  'unscannable',
  'session_replay_refused',
  'destination_cut',
] as const;

/** Why an event did not go on. */
export type DropReason = (typeof DROP_REASONS)[number];

/** A step's outcome. */
export type StepResult<T> =
  | { readonly kind: 'ok'; readonly value: T }
  | { readonly kind: 'drop'; readonly reason: DropReason; readonly detail?: string }
  | { readonly kind: 'quarantine'; readonly reason: DropReason; readonly detail?: string };

/** The event goes on. */
export function ok<T>(value: T): StepResult<T> {
  return { kind: 'ok', value };
}

/** The event is dropped and counted under `reason`; `detail` never holds event values. */
export function drop<T = never>(reason: DropReason, detail?: string): StepResult<T> {
  return detail === undefined ? { kind: 'drop', reason } : { kind: 'drop', reason, detail };
}

/** The event is held (encrypted) for review instead of forwarded. */
export function quarantine<T = never>(reason: DropReason, detail?: string): StepResult<T> {
  return detail === undefined
    ? { kind: 'quarantine', reason }
    : { kind: 'quarantine', reason, detail };
}
