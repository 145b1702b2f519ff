/** `generateCorpus`: a seeded, labelled corpus of analytics events. */
import { allRules } from '../../engine/rules/index.js';
import type { Rule } from '../../engine/types.js';
import { finalize } from './finalize.js';
import { createKit } from './kit.js';
import { NEGATIVE_KINDS } from './negatives.js';
import { NEGATIVE_PLACES, plant, plantNegative } from './plant.js';
import { createRng, type Rng } from './prng.js';
import { evalShapes } from './shapes-eval.js';
import { tuneShapes } from './shapes-tune.js';
import { createSources } from './sources.js';
import { POSITIONS, type Corpus, type Negative, type Planted, type Split } from './types.js';
import { evalVocab } from './vocab-eval.js';
import { tuneVocab } from './vocab-tune.js';

/** Options of `generateCorpus`. */
export interface CorpusOptions {
  /** Any 32-bit integer; the same seed, split, size and rule set give the same corpus. */
  readonly seed: number;
  /** Number of events. */
  readonly events: number;
  readonly split: Split;
  /** Rule set whose ids label the planted items and whose examples give token families (default `allRules`). */
  readonly rules?: readonly Rule[];
  /** Mean planted items per event (default 1). */
  readonly plantRate?: number;
  /** Mean extra hard negatives per event, besides those every envelope carries (default 1). */
  readonly negativeRate?: number;
}

/** Endless draws from `items`, shuffled anew each round, so every item comes up equally often. */
function cycle<T>(rng: Rng, items: readonly T[]): () => T {
  let round: T[] = [];
  return () => {
    if (round.length === 0) round = rng.shuffle(items);
    return round.pop()!;
  };
}

/** How many of something an event gets: geometric with mean ≈ `rate`, at most 4. */
function count(rng: Rng, rate: number): number {
  let n = 0;
  while (n < 4 && rng.next() < rate / (1 + rate)) n++;
  return n;
}

/**
 * Generate `events` analytics events of the `split`'s templates with planted items and hard
 * negatives, and their labels. Deterministic for a seed (and rule set).
 */
export function generateCorpus(options: CorpusOptions): Corpus {
  const rng = createRng((options.seed ^ (options.split === 'tune' ? 0x7475 : 0x6576)) >>> 0);
  const vocab = options.split === 'tune' ? tuneVocab : evalVocab;
  const shapes = options.split === 'tune' ? tuneShapes : evalShapes;
  const { sources, families } = createSources(options.rules ?? allRules);
  const nextPlant = cycle(
    rng,
    sources.flatMap((s) => POSITIONS.map((p) => [s, p] as const)),
  );
  const nextNegative = cycle(
    rng,
    NEGATIVE_KINDS.flatMap((n) => NEGATIVE_PLACES.map((p) => [n, p] as const)),
  );
  const kit = createKit(rng, vocab);
  const events: unknown[] = [];
  const planted: Planted[] = [];
  const negatives: Negative[] = [];
  for (let i = 0; i < options.events; i++) {
    const built = rng.pick(shapes)(kit);
    for (let n = count(rng, options.plantRate ?? 1); n > 0; n--) {
      const [source, position] = nextPlant();
      plant(kit, built.slots, source.make(rng), position);
    }
    for (let n = count(rng, options.negativeRate ?? 1); n > 0; n--) {
      const [kind, place] = nextNegative();
      plantNegative(kit, built.slots, kind, place);
    }
    const done = finalize(built.event, i);
    // Round-trip so events are what JSON.parse returns: flat strings, not the concatenation ropes
    // the builder made (V8 scans ropes several times slower, which would skew benchmarks).
    events.push(JSON.parse(JSON.stringify(done.event)));
    planted.push(...done.planted);
    negatives.push(...done.negatives);
  }
  return { events, planted, negatives, families };
}
