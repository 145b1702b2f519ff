/** Shapes of the field-name tables (names-*.ts, words.ts) and of a classification. */
import type { Category } from '../types.js';

/** What a field name says about its value. */
export interface FieldClass {
  /** Category of the field's value (a name from categories.ts). */
  readonly category: Category;
  /** 0..1: how sure the name alone makes us (0.9 `email`, 0.5 `pass`). */
  readonly confidence: number;
}

/**
 * Field names that hold one category. Names are written as words separated by spaces, in any
 * style (`first name`, `firstName`); they are normalized when the lexicon is built, and every
 * multi-word ASCII name is also registered with its words joined (`first name` → `firstname`).
 */
export interface NameGroup {
  /**
   * Category of a field so named, or `null` for names known NOT to hold personal data that would
   * otherwise match a shorter sensitive name (`boarding pass`, `image url`, `last login`).
   */
  readonly category: Category | null;
  /** Confidence given to a match, 0..1. */
  readonly confidence: number;
  readonly names: readonly string[];
  /**
   * Marks ambiguous names (`state`, `q`, `pass`, `age`): they count only at the start of the key
   * or right after a context word (`MODIFIERS` in words.ts) or one listed here, so
   * `billing_state` and `user_age` match but `app_state` and `max_age` do not.
   */
  readonly weak?: readonly string[];
}

/** A compiled entry of the lexicon. */
export interface Term {
  readonly category: Category | null;
  readonly confidence: number;
  /** Undefined for strong names; the extra allowed context words for weak ones. */
  readonly weak: ReadonlySet<string> | undefined;
}

/**
 * What a generic head word (`id`, `name`, `number`) means after a context word of each kind:
 * `user_id` (person), `org_id` (org), `device_id` (device), `visitor_id` (cookie),
 * `session_id` (session).
 */
export type Kind = 'person' | 'org' | 'device' | 'cookie' | 'session';
