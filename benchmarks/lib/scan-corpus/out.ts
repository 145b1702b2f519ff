/** The state a generator of one file works with, and the line helpers all generators share. */
import type { Pick } from './random.js';

/** Lines being written into one file, and the counters of the whole corpus. */
export interface Out {
  readonly p: Pick;
  readonly ts: boolean;
  readonly jsx: boolean;
  readonly planted: Record<string, number>;
  readonly sites: { js: number; python: number };
}

/** `lines` indented by `n` levels of two spaces (empty lines stay empty). */
export const ind = (lines: readonly string[], n = 1): string[] =>
  lines.map((l) => (l === '' ? l : '  '.repeat(n) + l));
/** A TypeScript type annotation `: type`, or nothing in JavaScript. */
export const ann = (o: Out, type: string): string => (o.ts ? `: ${type}` : '');

/** One SDK call site; returns the lines and counts it. */
export type CallGen = (o: Out, event: string) => string[];
/** Counts `n` sink calls of `vendor` in `o` and returns `lines` unchanged. */
export const plant = (o: Out, vendor: string, lines: string[], n = 1): string[] => {
  o.planted[vendor] = (o.planted[vendor] ?? 0) + n;
  return lines;
};
