/**
 * Where each string and number value of a document sits inside `JSON.stringify(document)`, so that
 * a peer scanning the JSON text can be scored like Veil: a text span becomes (path, span in value).
 */
import { formatPath, type PathSegment } from '../../src/engine/path.js';

/** One scalar value's place in the JSON text. */
interface Entry {
  readonly path: string;
  /** Offset of the value's first character in the text (after the opening quote for strings). */
  readonly start: number;
  /** Offset just after the value's last character (before the closing quote). */
  readonly end: number;
  /** For escaped strings: text offset of each value offset (length + 1), else undefined. */
  readonly map: Int32Array | undefined;
}

/** A serialized document and its value positions. */
export interface IndexedJson {
  /** Exactly `JSON.stringify(value)`. */
  readonly text: string;
  /** Value spans overlapping `[start, end)` of the text, as (path, span in the value). */
  locate(start: number, end: number): { path: string; start: number; end: number }[];
}

function escapeMap(s: string, literal: string): Int32Array | undefined {
  if (literal.length === s.length + 2) return undefined;
  const map = new Int32Array(s.length + 1);
  let at = 0;
  for (let i = 0; i < s.length; i++) {
    map[i] = at;
    const c = s.charCodeAt(i);
    const pair =
      c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    if (pair) {
      map[++i] = at + 1;
      at += 2;
    } else {
      at += JSON.stringify(s[i]).length - 2;
    }
  }
  map[s.length] = at;
  return map;
}

/** Serialize `value` like `JSON.stringify` (no replacer, no indent) and index its scalars. */
export function indexJson(value: unknown): IndexedJson {
  const entries: Entry[] = [];
  const path: PathSegment[] = [];
  let text = '';
  const write = (v: unknown): void => {
    if (typeof v === 'string') {
      const literal = JSON.stringify(v);
      entries.push({
        path: formatPath(path),
        start: text.length + 1,
        end: text.length + literal.length - 1,
        map: escapeMap(v, literal),
      });
      text += literal;
    } else if (typeof v === 'number' && Number.isFinite(v)) {
      const literal = JSON.stringify(v);
      entries.push({
        path: formatPath(path),
        start: text.length,
        end: text.length + literal.length,
        map: undefined,
      });
      text += literal;
    } else if (Array.isArray(v)) {
      text += '[';
      v.forEach((x, i) => {
        if (i > 0) text += ',';
        path.push(i);
        write(x === undefined || typeof x === 'function' ? null : x);
        path.pop();
      });
      text += ']';
    } else if (v !== null && typeof v === 'object') {
      text += '{';
      let first = true;
      for (const [k, x] of Object.entries(v)) {
        if (x === undefined || typeof x === 'function') continue;
        text += (first ? '' : ',') + JSON.stringify(k) + ':';
        first = false;
        path.push(k);
        write(x);
        path.pop();
      }
      text += '}';
    } else {
      text += JSON.stringify(v) ?? 'null';
    }
  };
  write(value);
  return {
    text,
    locate(start, end) {
      const out: { path: string; start: number; end: number }[] = [];
      // Entries are in text order: binary search the first that ends after `start`.
      let lo = 0;
      let hi = entries.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (entries[mid]!.end <= start) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo; i < entries.length && entries[i]!.start < end; i++) {
        const e = entries[i]!;
        const s = Math.max(start, e.start) - e.start;
        const t = Math.min(end, e.end) - e.start;
        if (e.map === undefined) out.push({ path: e.path, start: s, end: t });
        else out.push({ path: e.path, start: floorIndex(e.map, s), end: ceilIndex(e.map, t) });
      }
      return out;
    },
  };
}

/** Largest value offset whose text offset is ≤ `t`. */
function floorIndex(map: Int32Array, t: number): number {
  let lo = 0;
  let hi = map.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (map[mid]! <= t) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Smallest value offset whose text offset is ≥ `t`. */
function ceilIndex(map: Int32Array, t: number): number {
  let lo = 0;
  let hi = map.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (map[mid]! >= t) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
