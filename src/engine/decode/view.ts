/** A decoded view of (part of) a string, with a map from decoded spans back to the source. */
import { grown } from '../text.js';

/** Decoded text and how to find a decoded span in the source. */
export interface DecodedView {
  readonly text: string;
  /** Source span `[start, end)` holding the decoded span `[s, e)` (e > s). */
  map(s: number, e: number): [number, number];
}

/** Builds the decoded view of a source from replacements made left to right. */
export interface Splice {
  /**
   * Replace `source[start, end)` (at or after the previous replacement's end) by `decoded`.
   * Each decoded unit maps back to the whole replaced span, or with `width`, unit `u` to its own
   * `width` characters from `start + width * u` (`%41%42` → `AB`, width 3).
   */
  replace(start: number, end: number, decoded: string, width?: number): void;
  /** `replace` with one UTF-16 unit (no string is made for it). */
  replaceUnit(start: number, end: number, unit: number): void;
  /** `replace` with the first `count` units of `units`. */
  replaceUnits(
    start: number,
    end: number,
    units: ArrayLike<number>,
    count: number,
    width?: number,
  ): void;
  /** The decoded text (the rest of the source appended) and its map back to the source. */
  view(): DecodedView;
}

/**
 * Decoded units are written into one buffer shared by all splices (a decoder builds its view
 * and takes the text before the next one starts; `generation` catches any interleaving).
 */
let scratch: Uint16Array<ArrayBuffer> = new Uint16Array(4096);
/** The replacements of the splice being built, shared the same way (a view keeps a copy). */
let runsScratch: Int32Array<ArrayBuffer> = new Int32Array(1024);
let generation = 0;

/** Views shorter than this are made with `String.fromCharCode`, longer ones by a bulk decode. */
const SHORT_VIEW = 256;

function textOf(units: Uint16Array<ArrayBuffer>, length: number): string {
  if (length <= SHORT_VIEW)
    return String.fromCharCode.apply(null, units.subarray(0, length) as unknown as number[]);
  return Buffer.from(units.buffer, units.byteOffset, length * 2).toString('utf16le');
}

/**
 * A splice of `source`. The map is kept sparse, one entry per replacement, and searched (binary
 * search, O(log replacements)) only when a finding needs its span; text between replacements is
 * one unit per source character.
 */
export function createSplice(source: string): Splice {
  const gen = ++generation;
  // Per replacement: [start in text, end in text, start in source, end in source, width].
  let runs = runsScratch;
  let count = 0;
  if (scratch.length < source.length + 16) scratch = new Uint16Array(source.length * 2 + 16);
  let buf = scratch;
  let j = 0;
  let from = 0;
  const own = (): void => {
    if (gen !== generation) throw new Error('splice: another splice started before this one ended');
  };
  /** Copy `source[from, start)` and make room for `more` units. */
  const copyTo = (start: number, more: number): void => {
    own();
    const need = j + (start - from) + more;
    if (need > buf.length) {
      const bigger = new Uint16Array(2 * need + 16);
      bigger.set(buf.subarray(0, j));
      scratch = buf = bigger;
    }
    for (let i = from; i < start; i++) buf[j++] = source.charCodeAt(i);
  };
  const record = (start: number, end: number, units: number, width: number): void => {
    if (count + 5 > runs.length) runsScratch = runs = grown(runs, runs.length * 2);
    runs[count++] = j - units;
    runs[count++] = j;
    runs[count++] = start;
    runs[count++] = end;
    runs[count++] = width;
    from = end;
  };
  return {
    replace(start, end, decoded, width = 0) {
      copyTo(start, decoded.length);
      for (let k = 0; k < decoded.length; k++) buf[j++] = decoded.charCodeAt(k);
      record(start, end, decoded.length, width);
    },
    replaceUnits(start, end, units, n, width = 0) {
      copyTo(start, n);
      for (let k = 0; k < n; k++) buf[j++] = units[k]!;
      record(start, end, n, width);
    },
    replaceUnit(start, end, unit) {
      copyTo(start, 1);
      buf[j++] = unit;
      record(start, end, 1, 0);
    },
    view() {
      copyTo(source.length, 0);
      from = source.length;
      const text = textOf(buf, j);
      const used = runs.slice(0, count);
      return { text, map: (a, b) => [unitBound(used, a, false), unitBound(used, b - 1, true)] };
    },
  };
}

/** Index (in `runs`, a multiple of 5) of the last run starting at or before unit `u`, or -5. */
function runAt(runs: Int32Array, u: number): number {
  let lo = 0;
  let hi = runs.length / 5 - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (runs[5 * mid]! <= u) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return 5 * found;
}

/** Where unit `u` of the decoded text starts (`end`: ends) in the source. */
function unitBound(runs: Int32Array, u: number, end: boolean): number {
  const r = runAt(runs, u);
  if (r < 0) return end ? u + 1 : u;
  const ts = runs[r]!;
  const te = runs[r + 1]!;
  const ss = runs[r + 2]!;
  const se = runs[r + 3]!;
  const width = runs[r + 4]!;
  if (u >= te) return se + (u - te) + (end ? 1 : 0);
  if (width === 0) return end ? se : ss;
  return ss + width * (u - ts) + (end ? width : 0);
}
