/** The per-split vocabulary: every template string an event, sentence or field name is built from. */
import type { Position, Split } from './types.js';

/**
 * Template strings of one split. The `tune` and `eval` vocabularies share no string (the corpus
 * test checks it), so a detector tuned on one is measured on text it has not seen.
 */
export interface Vocab {
  readonly split: Split;
  readonly eventNames: readonly string[];
  /** Sentences around a planted item: `{x}` is the item, `{n}` an optional hard negative. */
  readonly sentences: readonly string[];
  /** Sentences with no planted item; may hold `{n}`. */
  readonly benignSentences: readonly string[];
  /** Field names a planted item is stored under, per position. */
  readonly fields: Readonly<Record<Position, readonly string[]>>;
  /** Names of nested arrays of objects. */
  readonly listNames: readonly string[];
  /** Keys inside encoded JSON documents. */
  readonly innerKeys: readonly string[];
  /** Query parameter names a planted item is passed as. */
  readonly queryKeys: readonly string[];
  /** Benign query parameters (`utm_source=newsletter`). */
  readonly benignQuery: readonly string[];
  readonly hosts: readonly string[];
  readonly paths: readonly string[];
  readonly plans: readonly string[];
  readonly models: readonly string[];
  readonly features: readonly string[];
  /** Short benign labels (button texts, plan names), English and Japanese. */
  readonly labels: readonly string[];
}

/** Every string of a vocabulary, flattened (for the disjointness check). */
export function vocabStrings(v: Vocab): string[] {
  const out: string[] = [];
  for (const [name, value] of Object.entries(v)) {
    if (name === 'split') continue;
    if (Array.isArray(value)) out.push(...(value as string[]));
    else if (value !== null && typeof value === 'object')
      for (const list of Object.values(value)) out.push(...(list as string[]));
  }
  return out;
}
