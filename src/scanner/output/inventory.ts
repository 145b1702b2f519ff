/**
 * The scan as an inventory: per vendor, per event, the calls that send it and the properties
 * they send with their categories. This is the `--format json` document, and the shape the
 * table, plan and policy formats and `veil map --scan` read. Everything in it is sorted and
 * relative to the scan root, with no timestamp, so two scans of the same code give the same bytes.
 */
import { createRequire } from 'node:module';
import type { Finding, FileProblem, ScanResult, SinkCall, Via } from '../types.js';
import { VENDORS } from '../vendors/index.js';
import type { SinkKind, VendorDefinition } from '../vendors/types.js';

/** Veil's version from package.json (three levels above dist/scanner/output). */
export const VEIL_VERSION: string = (
  createRequire(import.meta.url)('../../../package.json') as { version: string }
).version;

/** One call site of an event. */
export interface InventoryCall {
  readonly call: string;
  readonly file: string;
  readonly line: number;
  readonly sink: SinkKind;
  readonly via?: Via;
}

/** One property path an event sends, merged over its calls. */
export interface InventoryProperty {
  readonly path: string;
  /** The value's type; several types seen are joined with `|` (`number|string`), sorted. */
  readonly type: string;
  /** Every category found at this path, sorted; empty when nothing says one. */
  readonly categories: readonly string[];
  /** `hashed` only when every value sent here passes a hash first. */
  readonly form: 'raw' | 'hashed';
}

/** One event of a vendor: a literal event name, a computed one, or a call with no name. */
export interface InventoryEvent {
  /** The literal name; the source text of a computed name; `(identify)`-style for no name. */
  readonly event: string;
  /** Present (true) when `event` is the source text of a name computed at run time. */
  readonly computed?: true;
  /** Sorted by file, line, call. */
  readonly calls: readonly InventoryCall[];
  /** Sorted by path. */
  readonly properties: readonly InventoryProperty[];
}

/** One vendor found in the code. */
export interface InventoryVendor {
  readonly id: string;
  readonly name: string;
  /** Sorted by event. */
  readonly events: readonly InventoryEvent[];
}

/** Counts of the scan; `findings` counts what is reported (after `--baseline`). */
export interface InventoryStats {
  readonly files: number;
  readonly bytes: number;
  readonly parsed: number;
  readonly calls: number;
  readonly findings: { readonly error: number; readonly warning: number; readonly note: number };
  /** Findings left out because the baseline holds them (only with `--baseline`). */
  readonly baseline?: number;
}

/** The `veil scan --format json` document (schema in docs/scan.md). */
export interface ScanInventory {
  readonly version: 1;
  readonly tool: { readonly name: 'veil'; readonly version: string };
  /** Sorted by id. */
  readonly vendors: readonly InventoryVendor[];
  /** Sorted by file, line, column, rule. */
  readonly findings: readonly Finding[];
  readonly problems: readonly FileProblem[];
  readonly stats: InventoryStats;
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The event a call belongs to in the inventory (see `InventoryEvent.event`). */
export function eventKey(call: SinkCall): { event: string; computed?: true } {
  if (call.event !== undefined) return { event: call.event };
  if (call.eventExpr !== undefined) return { event: call.eventExpr, computed: true };
  return { event: `(${call.sink})` };
}

function mergeProperties(calls: readonly SinkCall[]): InventoryProperty[] {
  const byPath = new Map<string, { types: Set<string>; cats: Set<string>; raw: boolean }>();
  for (const call of calls)
    for (const f of call.flows) {
      const p = byPath.get(f.path) ?? { types: new Set(), cats: new Set(), raw: false };
      p.types.add(f.type);
      if (f.category !== undefined) p.cats.add(f.category);
      if (f.form === 'raw') p.raw = true;
      byPath.set(f.path, p);
    }
  return [...byPath]
    .sort(([a], [b]) => byText(a, b))
    .map(([path, p]) => ({
      path,
      type: [...p.types].sort().join('|'),
      categories: [...p.cats].sort(),
      form: p.raw ? 'raw' : 'hashed',
    }));
}

function toCall(c: SinkCall): InventoryCall {
  return {
    call: c.call,
    file: c.file,
    line: c.line,
    sink: c.sink,
    ...(c.via ? { via: c.via } : {}),
  };
}

function vendorEvents(calls: readonly SinkCall[]): InventoryEvent[] {
  const groups = new Map<string, { key: ReturnType<typeof eventKey>; calls: SinkCall[] }>();
  for (const c of calls) {
    const key = eventKey(c);
    const id = `${key.computed ? 'c' : 'n'}\u0000${key.event}`;
    const g = groups.get(id) ?? { key, calls: [] };
    g.calls.push(c);
    groups.set(id, g);
  }
  return [...groups.values()]
    .sort(
      (a, b) =>
        byText(a.key.event, b.key.event) || (a.key.computed ? 1 : 0) - (b.key.computed ? 1 : 0),
    )
    .map((g) => ({
      ...g.key,
      calls: g.calls
        .map(toCall)
        .sort((a, b) => byText(a.file, b.file) || a.line - b.line || byText(a.call, b.call)),
      properties: mergeProperties(g.calls),
    }));
}

/** Severity counts of `findings`. */
export function countSeverities(findings: readonly Finding[]): InventoryStats['findings'] {
  const n = { error: 0, warning: 0, note: 0 };
  for (const f of findings) n[f.severity]++;
  return n;
}

/** Options of `toInventory`. */
export interface InventoryOptions {
  /** Vendor definitions for display names (default: the built-in ones). */
  readonly vendors?: readonly VendorDefinition[];
  /** Findings to report instead of `result.findings` (after `--baseline`). */
  readonly findings?: readonly Finding[];
  /** How many findings the baseline held back. */
  readonly baseline?: number;
}

/** `text` with the absolute scan root replaced by `.`: no output names the machine's folders. */
export function withoutRoot(text: string, root: string): string {
  return root === '' || root === '/' ? text : text.split(root).join('.');
}

/** The inventory of `result`: vendors sorted by id, events by name, properties by path. */
export function toInventory(result: ScanResult, options: InventoryOptions = {}): ScanInventory {
  const names = new Map((options.vendors ?? VENDORS).map((v) => [v.id, v.name]));
  const byVendor = new Map<string, SinkCall[]>();
  for (const c of result.calls) byVendor.set(c.vendor, [...(byVendor.get(c.vendor) ?? []), c]);
  const findings = options.findings ?? result.findings;
  return {
    version: 1,
    tool: { name: 'veil', version: VEIL_VERSION },
    vendors: [...byVendor]
      .sort(([a], [b]) => byText(a, b))
      .map(([id, calls]) => ({ id, name: names.get(id) ?? id, events: vendorEvents(calls) })),
    findings,
    problems: result.problems.map((p) => ({ ...p, message: withoutRoot(p.message, result.root) })),
    stats: {
      files: result.stats.files,
      bytes: result.stats.bytes,
      parsed: result.stats.parsed,
      calls: result.calls.length,
      findings: countSeverities(findings),
      ...(options.baseline !== undefined ? { baseline: options.baseline } : {}),
    },
  };
}
