/** The data map picture as inline SVG (for the HTML page): columns of boxes joined by curves. */
import { escapeHtml } from './escape.js';
import { COLUMN_TITLES, COLUMNS, type Graph } from './graph.js';

const BOX_W = 200;
const BOX_H = 24;
const GAP_X = 70;
const GAP_Y = 8;
const TOP = 34;
const MAX_LABEL = 28;

const x = (column: number) => 10 + column * (BOX_W + GAP_X);
const y = (row: number) => TOP + row * (BOX_H + GAP_Y);
const clip = (s: string) => (s.length > MAX_LABEL ? s.slice(0, MAX_LABEL - 1) + '…' : s);

/** Render `graph` as an `<svg>` element; every label is escaped, long labels are clipped. */
export function renderSvg(graph: Graph, title: string): string {
  const at = new Map(graph.nodes.map((n) => [n.id, n]));
  const rows = Math.max(1, ...COLUMNS.map((c) => graph.nodes.filter((n) => n.column === c).length));
  const width = x(COLUMNS.length) - GAP_X + 10;
  const height = y(rows) + 10;
  const heads = COLUMNS.map(
    (c, i) => `<text x="${x(i)}" y="20" class="head">${COLUMN_TITLES[c]}</text>`,
  );
  const edges = graph.edges.map(([a, b]) => {
    const from = at.get(a)!;
    const to = at.get(b)!;
    const x1 = x(COLUMNS.indexOf(from.column)) + BOX_W;
    const y1 = y(from.row) + BOX_H / 2;
    const x2 = x(COLUMNS.indexOf(to.column));
    const y2 = y(to.row) + BOX_H / 2;
    const mid = (x1 + x2) / 2;
    return `<path d="M${x1} ${y1} C${mid} ${y1} ${mid} ${y2} ${x2} ${y2}" class="edge"/>`;
  });
  const boxes = graph.nodes.map((n) => {
    const bx = x(COLUMNS.indexOf(n.column));
    const by = y(n.row);
    return (
      `<g class="${n.column}"><title>${escapeHtml(n.label)}</title>` +
      `<rect x="${bx}" y="${by}" width="${BOX_W}" height="${BOX_H}" rx="4"/>` +
      `<text x="${bx + 6}" y="${by + 16}">${escapeHtml(clip(n.label))}</text></g>`
    );
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<title>${escapeHtml(title)}</title>`,
    '<style>rect{fill:#f4f6f8;stroke:#5b6b7b}.category rect{fill:#fff4e0}.vendor rect{fill:#e6f0ff}' +
      'text{font:12px sans-serif}.head{font-weight:bold}.edge{fill:none;stroke:#9aa7b4}</style>',
    ...heads,
    ...edges,
    ...boxes,
    '</svg>',
  ].join('\n');
}
