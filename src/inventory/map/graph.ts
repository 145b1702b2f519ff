/**
 * The picture of the data map as a graph: four columns (sources → events → categories →
 * vendors), nodes and edges sorted so every renderer draws the same thing every time. Events
 * whose fields carry no category after minimization link through a `(no category)` node.
 */
import type { DataMap } from './model.js';

/** The columns, left to right. */
export const COLUMNS = ['source', 'event', 'category', 'vendor'] as const;

/** Column headings, in the order of COLUMNS. */
export const COLUMN_TITLES: Readonly<Record<(typeof COLUMNS)[number], string>> = {
  source: 'sources',
  event: 'events',
  category: 'categories',
  vendor: 'vendors',
};

/** One box: its column, its label (app data: escape it when rendering) and its position. */
export interface GraphNode {
  readonly id: string;
  readonly column: (typeof COLUMNS)[number];
  readonly label: string;
  /** Row within its column, from 0. */
  readonly row: number;
}

/** Nodes per column in order, and edges between node ids (sorted, no duplicates). */
export interface Graph {
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly (readonly [string, string])[];
}

/** Label of the category node for fields that carry none. */
export const NO_CATEGORY = '(no category)';

/** Build the graph of `map`. */
export function buildGraph(map: DataMap): Graph {
  const labels: Record<(typeof COLUMNS)[number], Set<string>> = {
    source: new Set(),
    event: new Set(),
    category: new Set(),
    vendor: new Set(),
  };
  const edges = new Set<string>();
  const link = (a: [string, string], b: [string, string]) =>
    edges.add(JSON.stringify([a.join(':'), b.join(':')]));
  for (const v of map.vendors) {
    labels.vendor.add(v.destination);
    for (const r of v.rows) {
      const cats = r.after.length > 0 ? r.after : [NO_CATEGORY];
      labels.source.add(r.source);
      labels.event.add(r.event);
      link(['source', r.source], ['event', r.event]);
      for (const c of cats) {
        labels.category.add(c);
        link(['event', r.event], ['category', c]);
        link(['category', c], ['vendor', v.destination]);
      }
    }
  }
  const ids = new Map<string, string>();
  const nodes = COLUMNS.flatMap((column) =>
    [...labels[column]].sort().map((label, row) => {
      const id = `n${ids.size}`;
      ids.set(`${column}:${label}`, id);
      return { id, column, label, row };
    }),
  );
  const pairs = [...edges].map((e) => {
    const [a, b] = JSON.parse(e) as [string, string];
    return [ids.get(a)!, ids.get(b)!] as const;
  });
  return { nodes, edges: pairs.sort((x, y) => cmpId(x[0], y[0]) || cmpId(x[1], y[1])) };
}

const cmpId = (a: string, b: string) => Number(a.slice(1)) - Number(b.slice(1));
