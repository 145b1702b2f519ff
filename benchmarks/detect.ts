/**
 * Detection hot path: Veil's `createDetector` on the eval corpus — throughput against a
 * JSON.parse + JSON.stringify baseline measured in the same run, flatness (all rules vs 10),
 * worst case on 100 KB adversarial values, recall and false positives — and the npm peers side by
 * side on the same events. Single core, no worker threads. Every throughput row runs in a process
 * of its own holding one detector (lib/detect-child.ts explains why).
 */
import { allRules, createDetector, isUnder, type DetectOptions } from '../src/engine/index.js';
import {
  generateCorpus,
  scoreFindings,
  type FamilyInfo,
  type Planted,
  type Score,
} from '../src/testing/corpus/index.js';
import { SIZE, type WorstCase } from './lib/adversarial.js';
import { worstCaseInChild } from './lib/worst-child.js';
import { withTextsFile } from './lib/child.js';
import { throughputInChild, VARIANTS, type Variant } from './lib/detect-child.js';
import { indexJson } from './lib/json-index.js';
import { runPeer, summarize, type PeerReport, type ScoreSummary } from './lib/peer-run.js';
import type { Peer } from './lib/peers/peer.js';
import { mbPerSecond, type Timing } from './lib/timing.js';
import { runTsub, type TsubReport } from './lib/tsub-run.js';

/** Options of the detection benchmark. */
export interface DetectBenchOptions {
  readonly seed: number;
  /** Events in the eval corpus Veil is measured on. */
  readonly events: number;
  /** Leading events the (slower) peers are measured on. */
  readonly peerEvents: number;
  readonly reps: number;
  readonly peers: boolean;
  readonly log: (line: string) => void;
}

/** One throughput measurement. */
export interface Throughput {
  readonly label: string;
  readonly rules: number;
  readonly timing: Timing;
  readonly mbPerSecond: number;
}

/** Everything the detection benchmark measured. */
export interface DetectReport {
  readonly corpus: {
    readonly split: 'eval';
    readonly seed: number;
    readonly events: number;
    readonly bytes: number;
    readonly planted: number;
    readonly negatives: number;
    readonly kinds: number;
    readonly families: readonly Omit<FamilyInfo, 'ruleId'>[];
  };
  readonly baseline: Throughput;
  readonly veil: readonly Throughput[];
  readonly flatness: {
    readonly allRules: number;
    readonly subsetRules: number;
    readonly ratio: number;
  };
  readonly findingsPerEvent: { readonly value: number; readonly key: number };
  readonly score: ScoreSummary & {
    readonly byPosition: Score['byPosition'];
    readonly unlabelled: Score['unlabelled'];
    readonly negativesByKind: Score['negatives']['byKind'];
    readonly misses: Readonly<Record<string, readonly Planted[]>>;
    readonly confusedWith: Readonly<Record<string, Readonly<Record<string, number>>>>;
  };
  readonly worst: readonly WorstCase[];
  readonly peers: readonly PeerReport[];
  readonly tsub?: TsubReport;
}

/** Measure one row in its own process. */
async function throughput(
  label: string,
  variant: Variant,
  file: string,
  bytes: number,
  reps: number,
): Promise<Throughput> {
  const timing = await throughputInChild(file, variant, reps);
  const options: DetectOptions | undefined = VARIANTS[variant];
  return {
    label,
    rules: options === undefined ? 0 : (options.rules ?? allRules).length,
    timing,
    mbPerSecond: mbPerSecond(bytes, timing.median),
  };
}

const PEERS: readonly (readonly [string, (secretKinds: ReadonlySet<string>) => Promise<Peer>])[] = [
  ['secretlint', async () => (await import('./lib/peers/secretlint.js')).secretlintPeer()],
  ['redact-pii', async () => (await import('./lib/peers/redact-pii.js')).redactPiiPeer()],
  [
    '@redactpii/node',
    async () => (await import('./lib/peers/redactpii-node.js')).redactpiiNodePeer(),
  ],
  [
    'openredaction',
    async (s) => (await import('./lib/peers/openredaction.js')).openredactionPeer(s),
  ],
];

const describeError = (e: unknown): string =>
  e instanceof Error ? `${e.name}: ${e.message}` : String(e);

/** Run the detection benchmark. */
export async function benchDetect(o: DetectBenchOptions): Promise<DetectReport> {
  const t0 = performance.now();
  const corpus = generateCorpus({ seed: o.seed, events: o.events, split: 'eval' });
  const texts = corpus.events.map((e) => JSON.stringify(e));
  // Veil is called on parsed values, exactly as a gateway holds them after JSON.parse.
  const parsed: unknown[] = texts.map((t) => JSON.parse(t) as unknown);
  const bytes = texts.reduce((s, t) => s + Buffer.byteLength(t), 0);
  o.log(
    `corpus: ${o.events} eval events, ${(bytes / 1e6).toFixed(1)} MB, ${corpus.planted.length} planted, ${corpus.negatives.length} hard negatives (${Math.round(performance.now() - t0)} ms to generate)`,
  );

  // The events as the children read them, one JSON text per line.
  const { baseline, worst, veil } = await withTextsFile(texts, async (file) => {
    const baseline = await throughput(
      'JSON.parse + JSON.stringify',
      'baseline',
      file,
      bytes,
      o.reps,
    );
    o.log(`baseline: ${baseline.mbPerSecond.toFixed(1)} MB/s`);

    // The worst case in a process of its own (a fresh heap, the default detector warmed by one
    // pass over the same events; see lib/worst-child.ts).
    const worst = await worstCaseInChild(file);
    o.log(
      `worst case: max ${Math.max(...worst.map((w) => w.ms)).toFixed(2)} ms per ${SIZE / 1000} KB value`,
    );

    const rows: [string, Variant][] = [
      ['Veil, all rules', 'all'],
      [`Veil, ${VARIANTS.subset.rules.length}-rule subset`, 'subset'],
      ['Veil, all rules, decode off', 'decode-off'],
      ['Veil, all rules, decode and field names off', 'decode-and-fields-off'],
    ];
    const veil: Throughput[] = [];
    for (const [label, variant] of rows) {
      const r = await throughput(label, variant, file, bytes, o.reps);
      o.log(`${label}: ${r.mbPerSecond.toFixed(1)} MB/s`);
      veil.push(r);
    }
    return { baseline, worst, veil };
  });
  const flatness = {
    allRules: allRules.length,
    subsetRules: VARIANTS.subset.rules.length,
    ratio: veil[1]!.timing.median === 0 ? NaN : veil[0]!.timing.median / veil[1]!.timing.median,
  };

  // Quality is judged here, with the same default detector (its speed is measured above).
  const all = createDetector();
  const findings = parsed.map((e) => all(e));
  const full = scoreFindings(corpus, findings);
  let keyFindings = 0;
  let valueFindings = 0;
  for (const list of findings) {
    for (const f of list) {
      if (f.source === 'key') keyFindings++;
      else valueFindings++;
    }
  }
  const score = {
    ...summarize(full),
    byPosition: full.byPosition,
    unlabelled: full.unlabelled,
    negativesByKind: full.negatives.byKind,
    misses: Object.fromEntries(
      full.byKind.filter((k) => k.misses.length > 0).map((k) => [k.kind, k.misses]),
    ),
    confusedWith: Object.fromEntries(
      full.byKind
        .filter((k) => Object.keys(k.confusedWith).length > 0)
        .map((k) => [k.kind, k.confusedWith]),
    ),
  };
  o.log(
    `recall ${(score.recall * 100).toFixed(2)}% of ${score.planted}; false positives ${score.negatives.hit}/${score.negatives.total}`,
  );

  const peers: PeerReport[] = [];
  let tsub: TsubReport | undefined;
  if (o.peers) {
    const n = Math.min(o.peerEvents, o.events);
    const plantedAt = plantedIndex(corpus.planted, n);
    const input = {
      corpus,
      events: n,
      texts,
      indexes: texts.slice(0, n).map((_, i) => indexJson(corpus.events[i])),
      plantedAt,
      veilFindings: findings,
      reps: Math.max(1, Math.min(o.reps, 3)),
    };
    for (let i = 0; i < n; i++)
      if (input.indexes[i]!.text !== texts[i])
        throw new Error(`json index differs from JSON.stringify at event ${i}`);
    const secretKinds = new Set(
      corpus.families
        .filter(
          (f) =>
            isUnder(f.category, 'system.authentication') ||
            isUnder(f.category, 'user.authorization'),
        )
        .map((f) => f.kind),
    );
    for (const [name, load] of PEERS) {
      let peer: Peer;
      try {
        peer = await load(secretKinds);
      } catch (e) {
        peers.push({
          name,
          version: '?',
          usage: '',
          status: 'failed',
          error: `cannot load: ${describeError(e)}`,
          events: n,
          bytes: 0,
          covers: [],
        });
        continue;
      }
      const r = await runPeer(peer, input);
      o.log(
        `${r.name}: ${r.status === 'ok' ? `${r.mbPerSecond!.toFixed(2)} MB/s, recall ${((r.peer?.recall ?? NaN) * 100).toFixed(1)}% on ${r.covers.length} kinds` : r.error}`,
      );
      peers.push(r);
    }
    tsub = await runTsub(
      corpus.events.slice(0, n),
      corpus.planted.filter((p) => p.eventIndex < n),
      input.reps,
    );
  }
  return {
    corpus: {
      split: 'eval',
      seed: o.seed,
      events: o.events,
      bytes,
      planted: corpus.planted.length,
      negatives: corpus.negatives.length,
      kinds: new Set(corpus.planted.map((p) => p.kind)).size,
      families: corpus.families.map(({ kind, category, fresh, needsContext, needsKey }) => ({
        kind,
        category,
        fresh,
        needsContext,
        needsKey,
      })),
    },
    baseline,
    veil,
    flatness,
    findingsPerEvent: { value: valueFindings / o.events, key: keyFindings / o.events },
    score,
    worst,
    peers,
    ...(tsub !== undefined ? { tsub } : {}),
  };
}

function plantedIndex(planted: readonly Planted[], n: number): Map<string, Planted[]>[] {
  const out: Map<string, Planted[]>[] = Array.from({ length: n }, () => new Map());
  for (const p of planted) {
    if (p.eventIndex >= n) continue;
    const m = out[p.eventIndex]!;
    m.set(p.path, [...(m.get(p.path) ?? []), p]);
  }
  return out;
}
