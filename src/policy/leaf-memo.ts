/**
 * What a field's values came to, remembered per field of a compiled policy step. Events repeat
 * their values field by field (a library's name and version, a locale, a time zone, a page's path
 * and title, a plan, a currency): the second time, the step's answer for such a leaf is one map
 * lookup instead of classifying, matching rules, scanning and recording it again.
 *
 * Bounds: values of at most `LEAF_MEMO_MAX_LENGTH` characters; `LEAF_MEMO_ENTRIES` results in
 * all, after which every field starts anew; a field whose values rarely repeat (ids, URLs with
 * ids, amounts) stops being remembered for a while after each window of `WINDOW` misses in
 * which fewer than a quarter of its lookups hit. Like the other memories of a step (pseudonyms,
 * generalized values), what is remembered stays in this process's memory only.
 */
import type { EchoKind } from './echo.js';
import type { PathNode } from '../engine/path.js';
import type { FieldRecord } from './apply.js';

/** Longer values are not remembered. */
export const LEAF_MEMO_MAX_LENGTH = 256;
/** Results remembered at most, over every field of one step. */
export const LEAF_MEMO_ENTRIES = 20_000;
/** Lookups per field between two checks of its hit rate. */
const WINDOW = 64;
/** Leaves a field with a low hit rate skips before it is tried again. */
const REST = 1_024;

/** A leaf's result: the output value (or the removal marker) and its record. */
export interface LeafResult {
  readonly out: unknown;
  readonly record: FieldRecord;
  /** The value is a person's name or handle the policy did not pass (see `Visit.echoes`, apply.ts). */
  readonly echo: EchoKind | undefined;
}

type Results = Map<string | number, LeafResult>;

/**
 * How an event's type bears on what its fields mean: ordinary, a group call (its `traits` are
 * an organization's) or a page call (its `properties` are the page's path, URL, referrer …).
 * A field's results are remembered apart per shape.
 */
export type EventShape = 0 | 1 | 2;
export const PLAIN: EventShape = 0;
export const GROUP_CALL: EventShape = 1;
export const PAGE_CALL: EventShape = 2;

/** What one field (a path-trie node) remembers. */
export interface LeafMemoSlot {
  /** Results by event shape. */
  readonly results: [Results | undefined, Results | undefined, Results | undefined];
  /** Lookups and hits in the current window; leaves still to skip. */
  tries: number;
  hits: number;
  rest: number;
  /** On the memory's list of slots that hold maps. */
  held: boolean;
}

/** The memory of one policy step. */
export interface LeafMemo {
  /** The results map of the field at `at`, or undefined when the field is resting. */
  of(at: PathNode<LeafMemoSlot>, shape: EventShape): Results | undefined;
  /** Count a hit of the field at `at`. */
  hit(at: PathNode<LeafMemoSlot>): void;
  /** Remember `result` for `value` in `results` (from `of`). */
  add(results: Results, value: string | number, result: LeafResult): void;
  /** Fields on the list of those holding maps (for diagnostics and tests). */
  fields(): number;
}

/** A new, empty memory. */
export function createLeafMemo(): LeafMemo {
  let entries = 0;
  // Every slot holding a map, once each: when the memory is full they are all emptied, so what
  // is held stays bounded even for fields the trie has since let go of. The list itself is
  // bounded the same way: a field whose results are never remembered (pseudonyms) gets maps
  // and no entries, rest after rest.
  let holding: LeafMemoSlot[] = [];
  const forget = (s: LeafMemoSlot): void => {
    s.results.fill(undefined);
  };
  const reset = (): void => {
    for (const s of holding) {
      forget(s);
      s.held = false;
    }
    holding = [];
    entries = 0;
  };
  return {
    of(at, shape) {
      let s = at.slot;
      if (s === undefined)
        at.slot = s = {
          results: [undefined, undefined, undefined],
          tries: 0,
          hits: 0,
          rest: 0,
          held: false,
        };
      if (s.rest > 0) {
        s.rest--;
        return undefined;
      }
      if (++s.tries > WINDOW) {
        // Fewer than a quarter of the window's lookups hit: rest, and forget what was kept.
        if (s.hits * 4 < WINDOW) {
          s.rest = REST;
          s.tries = s.hits = 0;
          forget(s);
          return undefined;
        }
        s.tries = 1;
        s.hits = 0;
      }
      const m = s.results[shape];
      if (m !== undefined) return m;
      if (!s.held) {
        if (holding.length >= LEAF_MEMO_ENTRIES) reset();
        s.held = true;
        holding.push(s);
      }
      return (s.results[shape] = new Map());
    },
    hit(at) {
      at.slot!.hits++;
    },
    add(results, value, result) {
      if (++entries > LEAF_MEMO_ENTRIES) {
        // Full: every field starts anew.
        reset();
        return;
      }
      Object.freeze(result.record);
      results.set(value, result);
    },
    fields: () => holding.length,
  };
}
