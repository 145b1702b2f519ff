/**
 * Runs processing steps fail-closed: an exception inside a step drops the event with the reason
 * `step_failed` (it is never passed on as it was), and every outcome is counted by reason.
 */
import { drop, type DropReason, type StepResult } from './result.js';

/** A named processing step. */
export type Step<I, O> = (input: I) => StepResult<O>;

/** Outcome counts of a step runner. */
export interface StepCounters {
  passed: number;
  readonly dropped: Map<DropReason, number>;
  readonly quarantined: Map<DropReason, number>;
}

/** Fresh counters. */
export function createCounters(): StepCounters {
  return { passed: 0, dropped: new Map(), quarantined: new Map() };
}

/**
 * Run `step` on `input`; count the outcome. An exception becomes `drop('step_failed')` whose
 * detail names the step and the error class only (never event values).
 */
export function runStep<I, O>(step: Step<I, O>, input: I, counters: StepCounters): StepResult<O> {
  let result: StepResult<O>;
  try {
    result = step(input);
  } catch (e) {
    result = drop('step_failed', `${step.name || 'step'}: ${(e as Error)?.name ?? 'Error'}`);
  }
  if (result.kind === 'ok') counters.passed++;
  else {
    const m = result.kind === 'drop' ? counters.dropped : counters.quarantined;
    m.set(result.reason, (m.get(result.reason) ?? 0) + 1);
  }
  return result;
}
