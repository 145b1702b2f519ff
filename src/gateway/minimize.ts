/**
 * Minimize a request's events for each of its destinations: every destination's compiled
 * policy step on every event, fail closed (a step that throws drops the event with
 * `step_failed`, see pipeline/run.ts). Runs on the main thread or inside a policy worker; the
 * result is plain data (rows to commit, counts by reason and category) either way.
 */
import type { CanonicalEvent } from '../pipeline/event.js';
import type { StepResult } from '../pipeline/result.js';
import { createCounters, runStep } from '../pipeline/run.js';
import type { Minimized } from '../policy/apply.js';
import type { NewRow } from '../store/types.js';
import type { Observer } from './observe.js';

/** A destination's compiled policy step. */
export type PolicyStep = (event: CanonicalEvent) => StepResult<Minimized>;

/** What minimizing one request produced. */
export interface MinimizeResult {
  /** Rows to commit: one per (destination, event that passed). */
  readonly rows: NewRow[];
  /** `[destination, reason, count]` of dropped events. */
  readonly dropped: [string, string, number][];
  /** `[destination, category, count]` of fields that carried a category before minimization. */
  readonly findings: [string, string, number][];
  /**
   * `[destination, count]` of events whose observation threw: they are committed and forwarded
   * as usual, but the inventory and the ledger miss them (counted and logged by the caller).
   * Absent when none.
   */
  observeFailed?: [string, number][];
}

/** Who sent the events and when, and the observer that aggregates what was done to them. */
export interface ObserveContext {
  readonly source: string;
  /** When the request arrived, ms since the epoch. */
  readonly now: number;
  readonly observer: Observer;
}

/** Run `steps` (by destination name) over `events` for each of `destinations`. */
export function minimizeEvents(
  steps: ReadonlyMap<string, PolicyStep>,
  destinations: readonly string[],
  events: readonly CanonicalEvent[],
  observe?: ObserveContext,
): MinimizeResult {
  const out: MinimizeResult = { rows: [], dropped: [], findings: [] };
  for (const name of destinations) {
    const step = steps.get(name);
    if (step === undefined) continue;
    const counters = createCounters();
    const found = new Map<string, number>();
    let unobserved = 0;
    for (const e of events) {
      const r = runStep(step, e, counters);
      if (r.kind !== 'ok') continue;
      for (const rec of r.value.records)
        for (const c of rec.before) found.set(c, (found.get(c) ?? 0) + 1);
      const ev = r.value.event;
      if (observe !== undefined) {
        // Bookkeeping never costs the event: a fault here is counted, the event goes on.
        try {
          observe.observer.event(observe.source, name, observe.now, e, ev, r.value.records);
        } catch {
          unobserved++;
        }
      }
      out.rows.push({
        destination: name,
        messageId: ev.messageId ?? '',
        payload: JSON.stringify(ev),
      });
    }
    for (const m of [counters.dropped, counters.quarantined])
      for (const [reason, n] of m) out.dropped.push([name, reason, n]);
    for (const [category, n] of found) out.findings.push([name, category, n]);
    if (unobserved > 0) (out.observeFailed ??= []).push([name, unobserved]);
  }
  return out;
}
