/**
 * The policy benchmark's Veil rows and their baseline, measured in a process of its own holding
 * one policy step and so one detector, as a gateway's policy worker does (the corpus generator,
 * run in the parent, builds hundreds of scanners whose shared type feedback slows every
 * detector's hot loop; see detect-child.ts).
 *
 * Run by `policyRowsInChild` with `--expose-gc`; reads canonical events (one JSON text per line)
 * from a file the parent wrote and sends `{baseline, rows}` over IPC.
 */
import { defaultPolicy } from '../../src/config/policy.js';
import { createDetector } from '../../src/engine/index.js';
import { parseCanonical, type CanonicalEvent } from '../../src/pipeline/event.js';
import { ephemeralMasterKey } from '../../src/policy/keys.js';
import { createPolicyStep } from '../../src/policy/step.js';
import { childArgs, isChild, readTexts, reply, runChild } from './child.js';
import { timeSync, type Timing } from './timing.js';

/** What the child measured: the baseline and each Veil row, in order. */
export interface PolicyTimings {
  readonly baseline: Timing;
  readonly rows: readonly (readonly [string, Timing])[];
}

/** Three warm-up runs (steady state after JIT tiering counts for a long-running gateway), then `reps`. */
const measure = (fn: () => void, reps: number): Timing => timeSync(fn, { warmup: 3, reps });

function child(file: string, reps: number): void {
  const texts = readTexts(file);
  // The policy is called on parsed values, as a gateway holds them after JSON.parse.
  const parsed: unknown[] = texts.map((t) => JSON.parse(t) as unknown);
  const valid: CanonicalEvent[] = parsed.map((e, i) => {
    const r = parseCanonical(e);
    if (!r.ok) throw new Error(`event ${i} is not canonical: ${r.problems.join('; ')}`);
    return r.event;
  });
  const step = createPolicyStep(defaultPolicy(), {
    destination: 'bench',
    master: ephemeralMasterKey(),
    detector: createDetector(),
  });
  for (const e of valid)
    if (step(e).kind !== 'ok') throw new Error('the default policy dropped an event');

  const baseline = measure(() => {
    for (const t of texts) JSON.stringify(JSON.parse(t));
  }, reps);
  const variants: [string, () => void][] = [
    [
      'parseCanonical + policy step',
      () => {
        for (const e of parsed) {
          const r = parseCanonical(e);
          if (r.ok) step(r.event);
        }
      },
    ],
    [
      'policy step alone',
      () => {
        for (const e of valid) step(e);
      },
    ],
    [
      'parseCanonical alone',
      () => {
        for (const e of parsed) parseCanonical(e);
      },
    ],
    [
      'gateway path: JSON.parse → parseCanonical → policy → JSON.stringify',
      () => {
        for (const t of texts) {
          const r = parseCanonical(JSON.parse(t));
          if (!r.ok) continue;
          const s = step(r.event);
          if (s.kind === 'ok') JSON.stringify(s.value.event);
        }
      },
    ],
  ];
  const rows = variants.map(([label, fn]) => [label, measure(fn, reps)] as const);
  const result: PolicyTimings = { baseline, rows };
  reply(result);
}

/** Fork this module to measure the policy rows on the events in `file`. */
export function policyRowsInChild(file: string, reps: number): Promise<PolicyTimings> {
  return runChild(import.meta.url, [file, String(reps)], 'policy');
}

if (isChild(import.meta.url)) {
  const [file, reps] = childArgs();
  child(file!, Number(reps));
}
