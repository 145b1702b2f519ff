/**
 * The gateway's observations for the inventory (data map) and the ledger, aggregated where the
 * policy runs (a policy worker or the main thread) across many requests, and drained in one
 * batch per flush interval: per event only map updates happen, so observing costs little. Only
 * paths, types, categories, actions and keyed pseudonyms: never values, never raw ids.
 */
import type { InventoryDelta, ValueType } from '../inventory/types.js';
import { FORM_CODES } from '../ledger/subject-day.js';
import type { Form, LedgerDay } from '../ledger/types.js';
import type { LedgerPseudonymizer } from '../ledger/subject.js';
import type { CanonicalEvent } from '../pipeline/event.js';
import type { FieldRecord, Outcome } from '../policy/apply.js';

/** The ledger's pseudo category that counts events. */
export const EVENTS_CATEGORY = '*';

/** Deltas drained from an observer. */
export interface Observed {
  readonly inventory: InventoryDelta[];
  /** One row per subject-day, its counts packed. */
  readonly ledger: LedgerDay[];
}

interface Inv {
  readonly source: string;
  readonly destination: string;
  readonly event: string;
  readonly path: string;
  count: number;
  readonly types: Set<ValueType>;
  readonly before: Set<string>;
  readonly outcomes: Set<Outcome>;
  readonly after: Set<string>;
  firstSeen: number;
  lastSeen: number;
}

/**
 * The records of events of one group that were alike: the same fields in the same order, each
 * with the same type, categories, outcome and category after. Events mostly repeat a few
 * shapes, so an event that matches one costs a comparison of its records with the shape and one
 * count, not an update of every field's entry; the counts reach the entries when the shape is
 * folded into them (at a drain, or when the group has too many shapes).
 */
interface Shape {
  readonly paths: readonly string[];
  readonly types: readonly ValueType[];
  readonly outcomes: readonly Outcome[];
  readonly afters: readonly (string | null)[];
  readonly befores: readonly (readonly string[])[];
  /** The inventory entry of each record. */
  readonly entries: readonly Inv[];
  /** The distinct ledger cells of an event of this shape (each counted once per event). */
  readonly cells: readonly number[];
  /** Events of this shape since it was made or folded. */
  count: number;
  firstSeen: number;
  lastSeen: number;
}

/** One (source, destination, event): its fields, and the shapes of its events (latest first). */
interface Group {
  readonly source: string;
  readonly destination: string;
  readonly event: string;
  readonly byPath: Map<string, Inv>;
  readonly shapes: Shape[];
}

interface Subject {
  readonly destination: string;
  readonly subject: string;
  readonly rawSubject: string;
  readonly rawOrg: string | undefined;
  readonly org: string | undefined;
  readonly vendorSubject: string | undefined;
  readonly day: string;
  /** count per cell id (`cellId`) */
  readonly counts: number[];
  /** The subject of the same raw id with another destination, org or day. */
  readonly next: Subject | undefined;
}

/** Aggregates observations until drained. */
export interface Observer {
  /** One event `raw` from `source`, minimized into `sent` for `destination` at `now` (ms). */
  event(
    source: string,
    destination: string,
    now: number,
    raw: CanonicalEvent,
    sent: CanonicalEvent,
    records: readonly FieldRecord[],
  ): void;
  /** Keys held (to flush early when large). */
  size(): number;
  /** Everything observed since the last drain, as deltas; the observer starts empty again. */
  drain(): Observed;
  /**
   * As `drain`, the ledger rows made one by one as they are read (so a large drain can be sent
   * in slices between other work); the observer starts empty again at once.
   */
  drainLazy(): LazyObserved;
}

/** Deltas of a drain whose ledger rows are made as they are read. */
export interface LazyObserved {
  readonly inventory: InventoryDelta[];
  readonly ledger: IterableIterator<LedgerDay>;
}

/**
 * Every (category, form) seen gets a small number, so an event's counts are array slots, not
 * map entries. `CELL_KEYS[id]` is the cell key (`category:formCode`, subject-day.ts). Bounded:
 * categories come from the rule set and the config, forms are seven.
 */
const cellIds = new Map<string, Map<Form, number>>();
const CELL_KEYS: string[] = [];
/** Cell ids in the order of their keys, so encoded counts come sorted (`mergeCounts`). */
const BY_KEY: number[] = [];
function cellId(category: string, form: Form): number {
  let m = cellIds.get(category);
  if (m === undefined) cellIds.set(category, (m = new Map()));
  let k = m.get(form);
  if (k === undefined) {
    const key = `${category}:${FORM_CODES.indexOf(form)}`;
    k = CELL_KEYS.push(key) - 1;
    m.set(form, k);
    let at = BY_KEY.length;
    while (at > 0 && CELL_KEYS[BY_KEY[at - 1]!]! > key) at--;
    BY_KEY.splice(at, 0, k);
  }
  return k;
}
const EVENTS_CELL = cellId(EVENTS_CATEGORY, 'passed');

/** The encoded counts of a subject (`encodeCells`' format), cells sorted by key. */
function encodeCounts(counts: readonly number[]): string {
  let out = '';
  for (const i of BY_KEY) {
    const n = counts[i];
    if (n === undefined || n === 0) continue;
    out += out === '' ? `${CELL_KEYS[i]!}:${n}` : `;${CELL_KEYS[i]!}:${n}`;
  }
  return out;
}

const id = (v: unknown): string | undefined =>
  typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined;

const DAY_MS = 86_400_000;

/** Shapes kept per group; an event of none of them makes a new one (the oldest is folded). */
const MAX_SHAPES = 8;

/**
 * An observer; without a pseudonymizer it keeps no ledger. With `inventory: false` it drains no
 * inventory deltas (its field entries still serve the ledger's per-field cells).
 */
export function createObserver(
  pseudonym: LedgerPseudonymizer | undefined,
  options: { readonly inventory?: boolean } = {},
): Observer {
  const inventoryOn = options.inventory ?? true;
  // source → destination → event → group
  let inv = new Map<string, Map<string, Map<string, Group>>>();
  // raw subject id → its subjects (one per destination, org and day, chained); raw ids stay in
  // this thread's memory until the next drain (as in the pseudonym cache) and are never drained.
  let led = new Map<string, Subject>();
  let keys = 0;
  let dayStart = 0;
  let day = '';
  let lastSubject: Subject | undefined;
  let lastGroup: Group | undefined;

  function dayOf(now: number): string {
    if (now < dayStart || now >= dayStart + DAY_MS) {
      dayStart = now - (now % DAY_MS);
      day = new Date(dayStart).toISOString().slice(0, 10);
    }
    return day;
  }

  function groupOf(source: string, destination: string, event: string): Group {
    const l = lastGroup;
    if (l?.event === event && l.source === source && l.destination === destination) return l;
    let bySource = inv.get(source);
    if (bySource === undefined) inv.set(source, (bySource = new Map()));
    let byEvent = bySource.get(destination);
    if (byEvent === undefined) bySource.set(destination, (byEvent = new Map()));
    let g = byEvent.get(event);
    if (g === undefined)
      byEvent.set(event, (g = { source, destination, event, byPath: new Map(), shapes: [] }));
    return (lastGroup = g);
  }

  /** The inventory entry of `path` in group `g`, created when new. */
  function entryOf(g: Group, path: string, now: number): Inv {
    let e = g.byPath.get(path);
    if (e === undefined) {
      e = {
        source: g.source,
        destination: g.destination,
        event: g.event,
        path,
        count: 0,
        types: new Set(),
        before: new Set(),
        outcomes: new Set(),
        after: new Set(),
        firstSeen: now,
        lastSeen: now,
      };
      g.byPath.set(path, e);
      keys++;
    }
    return e;
  }

  const sameList = (a: readonly string[], b: readonly string[]): boolean => {
    if (a === b) return true;
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  };

  /** True when `records` are of shape `sh`. */
  function matches(sh: Shape, records: readonly FieldRecord[]): boolean {
    if (sh.paths.length !== records.length) return false;
    for (let i = 0; i < records.length; i++) {
      const r = records[i]!;
      if (
        r.path !== sh.paths[i] ||
        r.type !== sh.types[i] ||
        r.outcome !== sh.outcomes[i] ||
        r.after !== sh.afters[i] ||
        !sameList(r.before, sh.befores[i]!)
      )
        return false;
    }
    return true;
  }

  /** A new shape of `records` in group `g`: what it holds enters the entries' sets now. */
  function shapeOf(g: Group, records: readonly FieldRecord[], now: number): Shape {
    const entries: Inv[] = [];
    const cells: number[] = [];
    for (const r of records) {
      const e = entryOf(g, r.path, now);
      entries.push(e);
      e.types.add(r.type);
      e.outcomes.add(r.outcome);
      if (r.after !== null) e.after.add(r.after);
      for (const c of r.before) {
        e.before.add(c);
        const cell = cellId(c, r.outcome);
        if (!cells.includes(cell)) cells.push(cell);
      }
    }
    return {
      paths: records.map((r) => r.path),
      types: records.map((r) => r.type),
      outcomes: records.map((r) => r.outcome),
      afters: records.map((r) => r.after),
      befores: records.map((r) => r.before),
      entries,
      cells,
      count: 0,
      firstSeen: now,
      lastSeen: now,
    };
  }

  /** Add a shape's events to its entries. */
  function fold(sh: Shape): void {
    if (sh.count === 0) return;
    for (const e of sh.entries) {
      e.count += sh.count;
      if (sh.firstSeen < e.firstSeen) e.firstSeen = sh.firstSeen;
      if (sh.lastSeen > e.lastSeen) e.lastSeen = sh.lastSeen;
    }
    sh.count = 0;
  }

  /**
   * An event's records: its shape counted (found among the group's, or made), and the ledger
   * cells of its subject (`s`, when the ledger is kept) counted.
   */
  function observe(
    source: string,
    destination: string,
    event: string,
    now: number,
    records: readonly FieldRecord[],
    s: Subject | undefined,
  ): void {
    const g = groupOf(source, destination, event);
    const shapes = g.shapes;
    let sh: Shape | undefined;
    for (let i = 0; i < shapes.length; i++) {
      const x = shapes[i]!;
      if (!matches(x, records)) continue;
      sh = x;
      if (i > 0) {
        // Latest first: move it to the front.
        shapes.copyWithin(1, 0, i);
        shapes[0] = x;
      }
      break;
    }
    if (sh === undefined) {
      sh = shapeOf(g, records, now);
      // Too many shapes: the oldest is folded into its entries and forgotten.
      if (shapes.length >= MAX_SHAPES) fold(shapes.pop()!);
      shapes.unshift(sh);
    }
    sh.count++;
    if (now < sh.firstSeen) sh.firstSeen = now;
    if (now > sh.lastSeen) sh.lastSeen = now;
    if (s === undefined) return;
    const counts = s.counts;
    counts[EVENTS_CELL] = (counts[EVENTS_CELL] ?? 0) + 1;
    const cells = sh.cells;
    for (let j = 0; j < cells.length; j++) {
      const c = cells[j]!;
      counts[c] = (counts[c] ?? 0) + 1;
    }
  }

  function subjectOf(
    destination: string,
    now: number,
    raw: CanonicalEvent,
    sent: CanonicalEvent,
  ): Subject | undefined {
    const rawSubject = id(raw.userId) ?? id(raw.anonymousId);
    if (rawSubject === undefined || pseudonym === undefined) return undefined;
    const rawOrg =
      id(raw.groupId) ?? id((raw.context as { groupId?: unknown } | undefined)?.groupId);
    const d = dayOf(now);
    // Batches from a browser SDK are one user's events: the subject of the last event first.
    const prev = lastSubject;
    if (
      prev !== undefined &&
      prev.rawSubject === rawSubject &&
      prev.rawOrg === rawOrg &&
      prev.destination === destination &&
      prev.day === d
    )
      return prev;
    const head = led.get(rawSubject);
    for (let s = head; s !== undefined; s = s.next)
      if (s.destination === destination && s.rawOrg === rawOrg && s.day === d)
        return (lastSubject = s);
    const sentSubject = id(sent.userId) ?? id(sent.anonymousId);
    // A vendor subject equal to a raw id (a policy that keeps ids) must not enter the ledger.
    const vendorSubject =
      sentSubject !== undefined && sentSubject !== rawSubject && sentSubject !== id(raw.anonymousId)
        ? sentSubject
        : undefined;
    const s: Subject = {
      destination,
      subject: pseudonym(rawSubject),
      rawSubject,
      rawOrg,
      org: rawOrg === undefined ? undefined : pseudonym(rawOrg),
      vendorSubject,
      day: d,
      counts: [],
      next: head,
    };
    led.set(rawSubject, s);
    keys++;
    return (lastSubject = s);
  }

  function drainInventory(map: typeof inv): InventoryDelta[] {
    const out: InventoryDelta[] = [];
    for (const bySource of map.values())
      for (const byEvent of bySource.values())
        for (const g of byEvent.values()) {
          for (const sh of g.shapes) fold(sh);
          for (const e of g.byPath.values())
            out.push({
              source: e.source,
              destination: e.destination,
              event: e.event,
              path: e.path,
              count: e.count,
              types: [...e.types],
              before: [...e.before],
              outcomes: [...e.outcomes],
              after: [...e.after],
              firstSeen: e.firstSeen,
              lastSeen: e.lastSeen,
            });
        }
    return out;
  }

  function* drainLedger(map: typeof led): Generator<LedgerDay> {
    for (const head of map.values())
      for (let s: Subject | undefined = head; s !== undefined; s = s.next) {
        const row: { -readonly [K in keyof LedgerDay]: LedgerDay[K] } = {
          destination: s.destination,
          day: s.day,
          subject: s.subject,
          counts: encodeCounts(s.counts),
        };
        if (s.org !== undefined) row.org = s.org;
        if (s.vendorSubject !== undefined) row.vendorSubject = s.vendorSubject;
        yield row;
      }
  }

  function drainLazy(): LazyObserved {
    const i = inv;
    const l = led;
    inv = new Map();
    led = new Map();
    lastSubject = undefined;
    lastGroup = undefined;
    keys = 0;
    return { inventory: inventoryOn ? drainInventory(i) : [], ledger: drainLedger(l) };
  }

  return {
    event(source, destination, now, raw, sent, records) {
      const name = sent.type === 'track' ? (sent.event ?? 'track') : sent.type;
      observe(source, destination, name, now, records, subjectOf(destination, now, raw, sent));
    },
    size: () => keys,
    drain() {
      const d = drainLazy();
      return { inventory: d.inventory, ledger: [...d.ledger] };
    },
    drainLazy,
  };
}
