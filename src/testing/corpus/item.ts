/** What the generator plants: a value plus the context text a detector needs to recognize it. */
import type { Rng } from './prng.js';

/** A value to plant. `before`/`after` are context the value needs (a keyword, `〒`), kept next to it. */
export interface Item {
  /** Finding kind a detector should report for `value`. */
  readonly kind: string;
  readonly value: string;
  readonly before: string;
  readonly after: string;
  /** Field name to put the value under when the position takes a field name (context rules). */
  readonly key?: string;
  /** True when the value is only recognizable under `key`: plant it only where a field name applies. */
  readonly needsKey?: boolean;
}

/** A value without its kind: what a structured generator draws. */
export type Draft = Omit<Item, 'kind' | 'before' | 'after'> & {
  readonly before?: string;
  readonly after?: string;
};

/**
 * A structured PII kind. `kind` is Veil's canonical name; `aliases` are other rule ids that mean the
 * same thing. When the rule set has a rule whose id is `kind` or an alias, items are labelled with
 * that rule id.
 */
export interface StructuredKind {
  readonly kind: string;
  readonly aliases: readonly string[];
  readonly make: (rng: Rng) => Draft;
}
