/**
 * The worst case, measured in a process of its own: a fresh heap, as a gateway's policy worker
 * has, with the detector a gateway runs (all rules, defaults) warmed by one pass over the eval
 * corpus, which is then dropped. In the benchmark's own process, which holds the corpus, its
 * texts and parsed copies (over 100 MB) while it measures, the same values took up to 2–4 times
 * as long, and by how much changed from run to run: garbage collection of that heap, not the
 * detector (docs/performance.md, "the worst case in its own process"). The warm-up events come
 * from a file the parent wrote, not from the corpus generator, whose scanners would share the
 * detector's type feedback (see detect-child.ts).
 *
 * Run by `worstCaseInChild` (below) with `--expose-gc`; argument: the events file. Sends
 * `{worst}` over IPC and exits.
 */
import { allRules, createDetector } from '../../src/engine/index.js';
import { childArgs, isChild, readTexts, reply, runChild } from './child.js';
import { adversaries, keywordAdversaries, worstCase, type WorstCase } from './adversarial.js';

/** The adversarial set: the fixed shapes and one value per distinct rule keyword. */
export function adversarialSet() {
  return [...adversaries(), ...keywordAdversaries(allRules.flatMap((r) => r.keywords ?? []))];
}

function child(file: string): void {
  const all = createDetector();
  for (const t of readTexts(file)) all(JSON.parse(t) as unknown);
  (globalThis as { gc?: () => void }).gc?.();
  const worst = worstCase(all, adversarialSet());
  reply(worst);
}

/** Fork this module as the worst-case child; resolves with its measurements. */
export function worstCaseInChild(file: string): Promise<WorstCase[]> {
  return runChild(import.meta.url, [file], 'worst-case');
}

if (isChild(import.meta.url)) child(childArgs()[0]!);
