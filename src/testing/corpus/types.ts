/** The labelled corpus: what the generator returns and what the scorer reads. */
import type { Category, Encoding } from '../../engine/types.js';

/** Which template set a corpus is drawn from; the two sets share no template. */
export type Split = 'tune' | 'eval';

/** Where in an event a planted item sits. */
export type Position =
  | 'property'
  | 'nested'
  | 'traits'
  | 'context'
  | 'url_query'
  | 'free_text'
  | 'base64_json'
  | 'percent'
  | 'json_string';

/** Every position, in a stable order. */
export const POSITIONS: readonly Position[] = [
  'property',
  'nested',
  'traits',
  'context',
  'url_query',
  'free_text',
  'base64_json',
  'percent',
  'json_string',
];

/** Kinds of hard negatives: look-alikes that are not personal data or secrets. */
export type NegativeKind =
  | 'uuid'
  | 'git_sha'
  | 'epoch_ms'
  | 'version'
  | 'order_id'
  | 'non_luhn_16'
  | 'price'
  | 'sku'
  | 'duration'
  | 'iso_timestamp'
  | 'hex_color'
  | 'base64_image'
  | 'hash'
  | 'random_id';

/**
 * A value planted in the corpus that a detector should report.
 * `value.slice`-wise: the string at `path` in `events[eventIndex]`, sliced `[start, end)`, is the
 * value itself, or its encoded form when `layers` is not empty (then the span covers the encoded
 * characters that carry it; for base64 it is widened to whole 4-character groups).
 */
export interface Planted {
  readonly eventIndex: number;
  /** Path of the string value, in the engine's syntax: `properties.items[0].note`. */
  readonly path: string;
  /** Rule id (finding kind) that should report it. */
  readonly kind: string;
  /** The planted value as written before any encoding layer. */
  readonly value: string;
  /** UTF-16 span in the string at `path`, end exclusive. */
  readonly start: number;
  readonly end: number;
  readonly position: Position;
  /** Encoding layers the value sits under, outermost first (`[]`: plain text). */
  readonly layers: readonly Encoding[];
}

/** A hard negative: a look-alike that no detector should report. Numbers are spanned as `String(value)`. */
export interface Negative {
  readonly eventIndex: number;
  readonly path: string;
  readonly kind: NegativeKind;
  readonly value: string;
  readonly start: number;
  readonly end: number;
  readonly layers: readonly Encoding[];
}

/** A generated corpus. Events are plain JSON values (what `JSON.parse` would return). */
export interface Corpus {
  readonly events: unknown[];
  /** Sorted by `eventIndex`. */
  readonly planted: Planted[];
  /** Sorted by `eventIndex`. */
  readonly negatives: Negative[];
  /** Token families the rule set provided, with how their tokens were made. */
  readonly families: readonly FamilyInfo[];
}

/** How the tokens of one rule-derived family were produced. */
export interface FamilyInfo {
  readonly kind: string;
  readonly ruleId: string;
  /** Category of the rule (secrets: under `system.authentication` or `user.authorization`). */
  readonly category: Category;
  /** True when fresh tokens could be made; false when the example is reused verbatim. */
  readonly fresh: boolean;
  /** True when the token needs the example's surrounding text (keyword context) to be found. */
  readonly needsContext: boolean;
  /** True when the token also needs the example's field name. */
  readonly needsKey: boolean;
}
