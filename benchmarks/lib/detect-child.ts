/**
 * One detection throughput row, measured in a process of its own that creates exactly one
 * detector, as a gateway's policy worker does.
 *
 * Why a process per row: every detector's scanner is a set of closures made by the same function
 * (`createScanner`), and V8 keeps one set of type feedback for all closures made at one place in
 * the source. In a process holding one detector, the optimizing compiler specializes the
 * per-character loop to that detector's tables; once a second one exists (the corpus generator
 * alone builds one scanner per rule, and the benchmark used to hold four variants side by side),
 * it cannot, and the same loop ran 2–2.5 times as slow (docs/performance.md, "One detector per
 * process"). A gateway worker holds one detector, so that is what is measured.
 *
 * Run by `throughputInChild` with `--expose-gc`; reads the events (one JSON text per line) from a
 * file the parent wrote, parses them, and sends `{timing}` over IPC.
 */
import { allRules, createDetector, type DetectOptions } from '../../src/engine/index.js';
import type { Rule } from '../../src/engine/types.js';
import { childArgs, isChild, readTexts, reply, runChild } from './child.js';
import { timeSync, type Timing } from './timing.js';

/** The rows of the detection benchmark, each one detector configuration. */
export const VARIANTS = {
  /** JSON.parse + JSON.stringify of each event's text: no detector at all. */
  baseline: undefined,
  all: {},
  subset: { rules: subset(allRules, 10) },
  'decode-off': { decode: false },
  'decode-and-fields-off': { decode: false, fieldNames: false },
} as const satisfies Record<string, DetectOptions | undefined>;

export type Variant = keyof typeof VARIANTS;

/** A spread of `n` rules across the rule set (secrets and personal data alike). */
export function subset(rules: readonly Rule[], n: number): Rule[] {
  if (rules.length <= n) return [...rules];
  const step = rules.length / n;
  return Array.from({ length: n }, (_, i) => rules[Math.floor(i * step)]!);
}

function child(file: string, variant: Variant, reps: number): void {
  const texts = readTexts(file);
  const options = VARIANTS[variant];
  let fn: () => void;
  if (options === undefined) {
    fn = () => {
      for (const t of texts) JSON.stringify(JSON.parse(t));
    };
  } else {
    // Veil is called on parsed values, exactly as a gateway holds them after JSON.parse.
    const parsed = texts.map((t) => JSON.parse(t) as unknown);
    const detect = createDetector(options);
    fn = () => {
      for (const e of parsed) detect(e);
    };
  }
  // Three warm-up runs: the gateway is long-running, so steady state (after JIT tiering) is what counts.
  const timing = timeSync(fn, { warmup: 3, reps });
  reply(timing);
}

/** Fork this module to measure `variant` on the events in `file`; resolves with its timing. */
export function throughputInChild(file: string, variant: Variant, reps: number): Promise<Timing> {
  return runChild(import.meta.url, [file, variant, String(reps)], `detection (${variant})`);
}

if (isChild(import.meta.url)) {
  const [file, variant, reps] = childArgs();
  child(file!, variant as Variant, Number(reps));
}
