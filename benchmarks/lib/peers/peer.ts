/**
 * The peer adapter contract: how the detection benchmark runs a peer and maps what it reports onto
 * Veil's kinds. Every peer is given the compact JSON text of each event (`JSON.stringify(event)`),
 * one call per event: the way a gateway without a JSON walker would use it.
 */
import { isEquivalentKind } from '../../../src/testing/corpus/index.js';

/** A span a peer reported in the JSON text, with the peer's own type name. */
export interface RawFinding {
  readonly type: string;
  readonly start: number;
  readonly end: number;
}

/** Which Veil kinds a peer type counts for. */
export type KindPredicate = (kind: string) => boolean;

/** A peer under benchmark. */
export interface Peer {
  /** npm package name(s) as shown in reports. */
  readonly name: string;
  readonly version: string;
  /** How the timed run calls it. */
  readonly usage: string;
  /** The timed, natural call (default configuration) on one event's JSON text. */
  run(text: string): unknown;
  /** Spans with types, for scoring (may run extra untimed passes). */
  find(text: string): RawFinding[] | Promise<RawFinding[]>;
  /** Veil kinds a peer type is mapped to; undefined when the type has no Veil counterpart. */
  accepts(type: string): KindPredicate | undefined;
  /** Every peer type the mapping knows (to derive the Veil kinds the peer claims to cover). */
  readonly types: readonly string[];
}

/** Kinds equivalent to any of `kinds` (see KIND_ALIASES). */
export const kinds =
  (...ks: string[]): KindPredicate =>
  (k) =>
    ks.some((x) => isEquivalentKind(x, k));

/** Kinds whose id starts with one of `prefixes` (token families are named `<provider>_…`). */
export const prefixed =
  (...prefixes: string[]): KindPredicate =>
  (k) =>
    prefixes.some((p) => k.startsWith(p));

/** Private-use character used as redaction marker: no peer regex matches it. */
export const MARK = '\uE000';

/**
 * Recover the spans a redaction replaced: `redacted` is `original` with some spans replaced by
 * `MARK`. Literal runs between markers are located left to right; adjacent markers merge.
 */
export function redactedSpans(
  original: string,
  redacted: string,
): { start: number; end: number }[] {
  const parts = redacted.split(MARK);
  const spans: { start: number; end: number }[] = [];
  let pos = parts[0]!.length;
  let open = pos;
  for (let i = 1; i < parts.length; i++) {
    const lit = parts[i]!;
    if (lit === '' && i < parts.length - 1) continue;
    const next =
      i === parts.length - 1 ? original.length - lit.length : original.indexOf(lit, pos + 1);
    if (next <= open) break;
    spans.push({ start: open, end: next });
    pos = next + lit.length;
    open = pos;
  }
  return spans;
}
