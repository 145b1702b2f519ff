/** Turns a built event (leaves may be `Composed`) into plain JSON plus its labels. */
import { formatPath, type PathSegment } from '../../engine/path.js';
import { Composed } from './compose.js';
import type { Negative, Planted } from './types.js';

/** A plain event and the labels found in it. */
export interface Finalized {
  readonly event: unknown;
  readonly planted: Planted[];
  readonly negatives: Negative[];
}

/** Replace every `Composed` leaf by its text (or number) and collect its marks as labels. */
export function finalize(built: unknown, eventIndex: number): Finalized {
  const planted: Planted[] = [];
  const negatives: Negative[] = [];
  const path: PathSegment[] = [];
  const visit = (v: unknown): unknown => {
    if (v instanceof Composed) {
      const p = formatPath(path);
      for (const m of v.marks) {
        const base = {
          eventIndex,
          path: p,
          value: m.tag.value,
          start: m.start,
          end: m.end,
          layers: m.layers,
        };
        if (m.tag.role === 'planted')
          planted.push({ ...base, kind: m.tag.kind, position: m.tag.position });
        else negatives.push({ ...base, kind: m.tag.kind });
      }
      return v.asNumber ? Number(v.text) : v.text;
    }
    if (Array.isArray(v)) {
      return v.map((x, i) => {
        path.push(i);
        const out = visit(x);
        path.pop();
        return out;
      });
    }
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) {
        path.push(k);
        out[k] = visit(x);
        path.pop();
      }
      return out;
    }
    return v;
  };
  return { event: visit(built), planted, negatives };
}
