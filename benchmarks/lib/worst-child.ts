/**
 * The worst case, measured in a process of its own: a fresh heap, as a gateway's policy worker
 * has, with the detector a gateway runs (all rules, defaults) warmed by one pass over the eval
 * corpus, which is then dropped. In the benchmark's own process, which holds the corpus, its
 * texts and parsed copies (over 100 MB) while it measures, the same values took up to 2–4 times
 * as long, and by how much changed from run to run: garbage collection of that heap, not the
 * detector (docs/performance.md, "the worst case in its own process").
 *
 * Run by `worstCaseInChild` (below) with `--expose-gc`; arguments: seed, warm-up events. Sends
 * `{worst}` over IPC and exits.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { allRules, createDetector } from '../../src/engine/index.js';
import { generateCorpus } from '../../src/testing/corpus/index.js';
import { adversaries, keywordAdversaries, worstCase, type WorstCase } from './adversarial.js';

/** The adversarial set: the fixed shapes and one value per distinct rule keyword. */
export function adversarialSet() {
  return [...adversaries(), ...keywordAdversaries(allRules.flatMap((r) => r.keywords ?? []))];
}

function child(seed: number, warm: number): void {
  const all = createDetector();
  {
    const corpus = generateCorpus({ seed, events: warm, split: 'eval' });
    for (const e of corpus.events) all(JSON.parse(JSON.stringify(e)) as unknown);
  }
  (globalThis as { gc?: () => void }).gc?.();
  const worst = worstCase(all, adversarialSet());
  process.send!({ worst }, () => process.exit(0));
}

/** Fork this module as the worst-case child; resolves with its measurements. */
export function worstCaseInChild(seed: number, warm: number): Promise<WorstCase[]> {
  return new Promise((resolve, reject) => {
    const c = fork(fileURLToPath(import.meta.url), ['--child', String(seed), String(warm)], {
      execArgv: ['--expose-gc'],
      stdio: 'inherit',
    });
    let got: WorstCase[] | undefined;
    c.once('message', (m: { worst: WorstCase[] }) => (got = m.worst));
    c.once('error', reject);
    c.once('exit', (code) =>
      got
        ? resolve(got)
        : reject(new Error(`worst-case child exited (code ${code}) without results`)),
    );
  });
}

if (process.argv[2] === '--child') child(Number(process.argv[3]), Number(process.argv[4]));
