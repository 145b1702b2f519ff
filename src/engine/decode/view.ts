/** A decoded view of (part of) a string, with a map from decoded spans back to the source. */

/** Decoded text and how to find a decoded span in the source. */
export interface DecodedView {
  readonly text: string;
  /** Source span `[start, end)` holding the decoded span `[s, e)` (e > s). */
  map(s: number, e: number): [number, number];
}
