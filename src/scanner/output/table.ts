/**
 * `veil scan --format table`: the scan for people, as plain text (no colours). Per vendor: its
 * risky settings, then each event with the calls that send it and one line per property: type,
 * categories, the worst severity among its reported findings and where they are. A summary line
 * and the files that could not be read close the report.
 */
import type { Finding, Flow, ScanResult, SinkCall } from '../types.js';
import { VENDORS } from '../vendors/index.js';
import type { VendorDefinition } from '../vendors/types.js';
import { eventKey, withoutRoot } from './inventory.js';

/** Options of `renderTable`. */
export interface TableOptions {
  /** Findings to report (after `--baseline`); default: all of the result's. */
  readonly findings?: readonly Finding[];
  /** How many findings the baseline held back (mentioned in the summary). */
  readonly baseline?: number;
  readonly vendors?: readonly VendorDefinition[];
}

const RANK = { note: 0, warning: 1, error: 2 } as const;
const MAX_PLACES = 3;
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The key that ties a finding to the flow it was made from. */
function flowKey(file: string, line: number, column: number, path: string | undefined): string {
  return `${file}:${line}:${column}:${path ?? ''}`;
}

function keyOfFlow(call: SinkCall, f: Flow): string {
  const at = f.at.line > 0 ? f.at : { line: call.line, column: call.column };
  return flowKey(call.file, at.line, at.column, f.path);
}

/** Column-aligned lines, each indented by `indent`. */
function columns(rows: readonly (readonly string[])[], indent: string): string[] {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  return rows.map(
    (r) =>
      indent +
      r
        .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!)))
        .join('  ')
        .trimEnd(),
  );
}

function places(fs: readonly Finding[]): string {
  const at = [...new Set(fs.map((f) => `${f.file}:${f.line}`))];
  const more = at.length > MAX_PLACES ? ` (+${at.length - MAX_PLACES} more)` : '';
  return at.slice(0, MAX_PLACES).join(', ') + more;
}

function categoryText(cat: string, flows: readonly Flow[], fs: readonly Finding[]): string {
  const mine = flows.filter((f) => f.category === cat);
  const hashed = mine.every((f) => f.form === 'hashed') ? ' (hashed)' : '';
  const allowed = fs.some((f) => f.category === cat && f.allowed) ? ' (allowed)' : '';
  return cat + hashed + allowed;
}

function propertyRows(
  calls: readonly SinkCall[],
  byFlow: ReadonlyMap<string, Finding[]>,
): string[][] {
  const paths = new Map<string, { flows: Flow[]; findings: Finding[] }>();
  for (const c of calls)
    for (const f of c.flows) {
      const p = paths.get(f.path) ?? { flows: [], findings: [] };
      p.flows.push(f);
      for (const x of byFlow.get(keyOfFlow(c, f)) ?? [])
        if (x.category === f.category && !p.findings.includes(x)) p.findings.push(x);
      paths.set(f.path, p);
    }
  return [...paths]
    .sort(([a], [b]) => byText(a, b))
    .map(([path, p]) => {
      const types = [...new Set(p.flows.map((f) => f.type))].sort().join('|');
      const cats = [...new Set(p.flows.flatMap((f) => (f.category ? [f.category] : [])))].sort();
      const worst = p.findings.reduce<Finding | undefined>(
        (w, f) => (w && RANK[w.severity] >= RANK[f.severity] ? w : f),
        undefined,
      );
      return [
        path,
        types,
        cats.length > 0 ? cats.map((c) => categoryText(c, p.flows, p.findings)).join(', ') : '–',
        worst?.severity ?? '',
        places(p.findings),
      ];
    });
}

function callText(calls: readonly SinkCall[]): string {
  const names = [...new Set(calls.map((c) => c.call))].join(', ');
  const sites = calls.map(
    (c) =>
      `${c.file}:${c.line}${c.via ? ` (via ${c.via.wrapper}, ${c.via.file}:${c.via.line})` : ''}`,
  );
  const shown = sites.slice(0, MAX_PLACES).join(', ');
  return `${names} at ${shown}${sites.length > MAX_PLACES ? ` (+${sites.length - MAX_PLACES} more)` : ''}`;
}

function eventBlocks(calls: readonly SinkCall[], byFlow: ReadonlyMap<string, Finding[]>): string[] {
  const groups = new Map<string, SinkCall[]>();
  for (const c of calls) {
    const k = eventKey(c);
    const label = k.computed
      ? `event ${k.event} (computed)`
      : k.event.startsWith('(')
        ? k.event
        : `event ${k.event}`;
    groups.set(label, [...(groups.get(label) ?? []), c]);
  }
  const out: string[] = [];
  for (const [label, cs] of [...groups].sort(([a], [b]) => byText(a, b))) {
    out.push(`  ${label} — ${callText(cs)}`);
    const rows = propertyRows(cs, byFlow);
    out.push(...(rows.length > 0 ? columns(rows, '    ') : ['    (no properties)']));
  }
  return out;
}

function vendorBlock(
  id: string,
  name: string,
  calls: readonly SinkCall[],
  findings: readonly Finding[],
  byFlow: ReadonlyMap<string, Finding[]>,
): string[] {
  const out = [`${name} (${id})`];
  const config = findings.filter((f) => f.kind === 'config' && f.vendor === id);
  if (config.length > 0) {
    out.push('  settings');
    const rows = config.map((f) => [
      f.severity,
      `${f.file}:${f.line}`,
      f.rule.slice(f.rule.lastIndexOf('/') + 1),
      f.message.startsWith(`${name}: `) ? f.message.slice(name.length + 2) : f.message,
    ]);
    out.push(...columns(rows, '    '));
  }
  return [...out, ...eventBlocks(calls, byFlow), ''];
}

function plural(n: number, one: string): string {
  return `${n} ${one}${n === 1 ? '' : 's'}`;
}

function summary(
  result: ScanResult,
  findings: readonly Finding[],
  baseline: number | undefined,
): string {
  const n = { error: 0, warning: 0, note: 0 };
  for (const f of findings) n[f.severity]++;
  const s = result.stats;
  const known = baseline
    ? `; ${plural(baseline, 'finding')} already in the baseline not shown`
    : '';
  return (
    `${plural(s.files, 'file')} scanned, ${s.parsed} parsed, ${plural(result.calls.length, 'SDK call')}; ` +
    `findings: ${plural(n.error, 'error')}, ${plural(n.warning, 'warning')}, ${plural(n.note, 'note')}${known}`
  );
}

/** The table report of `result` (ends with a newline). */
export function renderTable(result: ScanResult, options: TableOptions = {}): string {
  const findings = options.findings ?? result.findings;
  const names = new Map((options.vendors ?? VENDORS).map((v) => [v.id, v.name]));
  const byFlow = new Map<string, Finding[]>();
  for (const f of findings) {
    if (f.kind === 'config') continue;
    const k = flowKey(f.file, f.line, f.column, f.path);
    byFlow.set(k, [...(byFlow.get(k) ?? []), f]);
  }
  const ids = [
    ...new Set([...result.calls.map((c) => c.vendor), ...findings.map((f) => f.vendor)]),
  ].sort(byText);
  const out: string[] = [];
  for (const id of ids)
    out.push(
      ...vendorBlock(
        id,
        names.get(id) ?? id,
        result.calls.filter((c) => c.vendor === id),
        findings,
        byFlow,
      ),
    );
  if (ids.length === 0) out.push('No analytics or telemetry SDK calls found.', '');
  out.push(summary(result, findings, options.baseline));
  if (result.problems.length > 0) {
    out.push(
      '',
      `${plural(result.problems.length, 'file')} with problems (what could be read was scanned):`,
    );
    for (const p of result.problems)
      out.push(`  ${p.file}: ${withoutRoot(p.message, result.root)}`);
  }
  return out.join('\n') + '\n';
}
