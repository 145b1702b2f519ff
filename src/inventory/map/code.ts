/**
 * `veil map --scan FILE`: the flows `veil scan` found in the code beside the flows the gateway
 * observed. A scanned vendor matches the destinations named like it or of its type (`mixpanel`);
 * flows match on (event, field path), where calls without an event name match the event type the
 * inventory records (`identify`, `group`, `page`, `alias`) and array indices match `*`.
 */
import type { InventoryEvent, ScanInventory } from '../../scanner/output/inventory.js';
import type { DataMap } from './model.js';

/** Where a flow was seen. */
export type Seen = 'code' | 'observed' | 'both';

/** One (event, field path) with the categories each side saw. */
export interface CodeRow {
  readonly event: string;
  readonly path: string;
  /** Categories the scanner gave the field in code. */
  readonly code: readonly string[];
  /** Categories the gateway found before minimization. */
  readonly observed: readonly string[];
  readonly seen: Seen;
}

/** One vendor's comparison. */
export interface CodeSection {
  /** The scanned vendor id; undefined for a destination no scanned vendor matches. */
  readonly vendor?: string;
  /** The vendor's display name, or the destination. */
  readonly name: string;
  /** Destinations of the map this vendor's flows go through (none: sent around Veil). */
  readonly destinations: readonly string[];
  /** Sorted by event, path. */
  readonly rows: readonly CodeRow[];
}

/** Event types the gateway records for calls that carry no event name. */
const SINK_EVENTS: Readonly<Record<string, string>> = {
  '(identify)': 'identify',
  '(profile)': 'identify',
  '(group)': 'group',
  '(page)': 'page',
  '(alias)': 'alias',
};

const sorted = (xs: Iterable<string>): string[] => [...new Set(xs)].sort();
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * An inventory path (`properties.items[]["a b"]`; rows written before array indices were
 * collapsed hold `items[0]`) in the scanner's form (`properties.items.*.a b`).
 */
export function scannerPath(path: string): string {
  return path
    .replace(/\[\d*\]/g, '.*')
    .replace(/\["((?:[^"\\]|\\.)*)"\]/g, (_m, s: string) => `.${JSON.parse(`"${s}"`) as string}`)
    .replace(/^\./, '');
}

function codeEvent(e: InventoryEvent): string {
  if (e.computed) return `${e.event} (computed)`;
  return SINK_EVENTS[e.event] ?? e.event;
}

interface Acc {
  code: Set<string>;
  observed: Set<string>;
  inCode: boolean;
  seen: boolean;
}

function rowsOf(events: readonly InventoryEvent[], observed: DataMap['vendors']): CodeRow[] {
  const acc = new Map<string, Acc & { event: string; path: string }>();
  const at = (event: string, path: string) => {
    const k = `${event}\u0000${path}`;
    const a = acc.get(k) ?? {
      event,
      path,
      code: new Set(),
      observed: new Set(),
      inCode: false,
      seen: false,
    };
    acc.set(k, a);
    return a;
  };
  for (const e of events)
    for (const p of e.properties) {
      const a = at(codeEvent(e), p.path);
      a.inCode = true;
      for (const c of p.categories) a.code.add(c);
    }
  for (const v of observed)
    for (const r of v.rows) {
      const a = at(r.event, scannerPath(r.path));
      a.seen = true;
      for (const c of r.before) a.observed.add(c);
    }
  return [...acc.values()]
    .sort((a, b) => byText(a.event, b.event) || byText(a.path, b.path))
    .map((a) => ({
      event: a.event,
      path: a.path,
      code: sorted(a.code),
      observed: sorted(a.observed),
      seen: a.inCode && a.seen ? 'both' : a.inCode ? 'code' : 'observed',
    }));
}

/**
 * Compare `scan` with `map`: one section per scanned vendor (sorted by id), then one per
 * destination of the map that no scanned vendor matches. `types` gives each destination's
 * `type:` from the config (may be empty).
 */
export function compareCode(
  map: DataMap,
  scan: ScanInventory,
  types: Readonly<Record<string, string>>,
): CodeSection[] {
  const matched = new Set<string>();
  const sections: CodeSection[] = [];
  for (const v of [...scan.vendors].sort((a, b) => byText(a.id, b.id))) {
    const dests = map.vendors.filter(
      (d) =>
        d.destination === v.id ||
        (Object.hasOwn(types, d.destination) && types[d.destination] === v.id),
    );
    for (const d of dests) matched.add(d.destination);
    sections.push({
      vendor: v.id,
      name: v.name,
      destinations: dests.map((d) => d.destination),
      rows: rowsOf(v.events, dests),
    });
  }
  for (const d of map.vendors.filter((x) => !matched.has(x.destination)))
    sections.push({ name: d.destination, destinations: [d.destination], rows: rowsOf([], [d]) });
  return sections;
}
