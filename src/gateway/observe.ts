/**
 * The gateway's observations for the inventory (data map) and the ledger, aggregated across many
 * requests and drained in one batch per flush interval: per event only map updates happen, so
 * observing costs little. Only paths, types, categories, actions and keyed pseudonyms leave as
 * deltas: never values, never raw ids.
 *
 * The inventory is aggregated where the policy runs (a policy worker or the main thread). The
 * ledger's subjects are tallied on the main thread in both cases: a worker's observer only notes
 * each event's subject and ledger cells (`LedgerNotes`, sent with the request's answer), because
 * the workers are the gateway's busiest threads and the main thread has time to spare.
 */
import type { InventoryDelta, ValueType } from '../inventory/types.js';
import { FORM_CODES } from '../ledger/subject-day.js';
import type { Form, LedgerDay } from '../ledger/types.js';
import type { LedgerPseudonymizer } from '../ledger/subject.js';
import type { CanonicalEvent } from '../pipeline/event.js';
import type { JournalEntry, JournalSource } from '../store/types.js';
import type { JournalRow } from '../ledger/journal.js';
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
  /** The same cells as one string (`cellsKeyOf`), for a worker's ledger notes. */
  readonly cellsKey: string;
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
  /** Counts since the journal last took this subject (with a journal; same slots as `counts`). */
  readonly journal: number[];
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
   * With `ledger: 'notes'`: the ledger notes of the events observed since the last call (to send
   * to the main thread's `LedgerTally`), or undefined when there are none.
   */
  takeNotes(): LedgerNotes | undefined;
}

/**
 * What a worker's observer noted for the ledger, per event and destination: five strings each,
 * flat (destination, raw subject, raw org or '', vendor subject or '', cells key). Raw ids cross
 * from the worker to the main thread in memory (as the request bodies did the other way) and
 * are never written: the tally keys its memory by them and drains pseudonyms only.
 */
export interface LedgerNotes {
  /** When the request arrived, ms since the epoch (the ledger day). */
  readonly now: number;
  readonly items: readonly string[];
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

/** Cells as one string: their keys joined by `;` (categories hold no `;`). */
function cellsKeyOf(cells: readonly number[]): string {
  return cells.map((c) => CELL_KEYS[c]!).join(';');
}

/** The cells of a cells key made by any thread (cell ids are per thread; keys are not). */
function cellsOfKey(key: string): number[] {
  if (key === '') return [];
  return key.split(';').map((k) => {
    const at = k.lastIndexOf(':');
    return cellId(k.slice(0, at), FORM_CODES[Number(k.slice(at + 1))]!);
  });
}

const id = (v: unknown): string | undefined =>
  typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined;

const DAY_MS = 86_400_000;

/** Shapes kept per group; an event of none of them makes a new one (the oldest is folded). */
const MAX_SHAPES = 8;

/** The ledger side of an observer, fed once per (event, destination) that has a subject. */
interface LedgerSink {
  subject(
    destination: string,
    now: number,
    rawSubject: string,
    rawOrg: string | undefined,
    vendorSubject: string | undefined,
    sh: Shape,
  ): void;
}

/**
 * An observer. `ledger`: a pseudonymizer to tally the ledger's subjects here (the main thread,
 * without policy workers), or a tally made by the caller for that (one with a journal),
 * `'notes'` to note them for the main thread's tally (a policy
 * worker, `takeNotes`), or undefined for no ledger. With `inventory: false` it drains no
 * inventory deltas (its field entries still serve the ledger's per-field cells).
 */
export function createObserver(
  ledger: LedgerPseudonymizer | (LedgerTally & LedgerSink) | 'notes' | undefined,
  options: { readonly inventory?: boolean } = {},
): Observer {
  const inventoryOn = options.inventory ?? true;
  // source → destination → event → group
  let inv = new Map<string, Map<string, Map<string, Group>>>();
  let keys = 0;
  let lastGroup: Group | undefined;
  const tally =
    typeof ledger === 'function'
      ? createLedgerTally(ledger)
      : typeof ledger === 'object'
        ? ledger
        : undefined;
  let notes: string[] = [];
  let notesAt = 0;
  const sink: LedgerSink | undefined =
    tally ??
    (ledger === 'notes'
      ? {
          subject(destination, now, rawSubject, rawOrg, vendorSubject, sh) {
            notesAt = now;
            notes.push(destination, rawSubject, rawOrg ?? '', vendorSubject ?? '', sh.cellsKey);
          },
        }
      : undefined);

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
      cellsKey: cellsKeyOf(cells),
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

  /** An event's records: its shape counted (found among the group's, or made), and returned. */
  function observe(
    source: string,
    destination: string,
    event: string,
    now: number,
    records: readonly FieldRecord[],
  ): Shape {
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
    return sh;
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

  return {
    event(source, destination, now, raw, sent, records) {
      const name = sent.type === 'track' ? (sent.event ?? 'track') : sent.type;
      const sh = observe(source, destination, name, now, records);
      if (sink === undefined) return;
      const rawSubject = id(raw.userId) ?? id(raw.anonymousId);
      if (rawSubject === undefined) return;
      const rawOrg =
        id(raw.groupId) ?? id((raw.context as { groupId?: unknown } | undefined)?.groupId);
      const sentSubject = id(sent.userId) ?? id(sent.anonymousId);
      // A vendor subject equal to a raw id (a policy that keeps ids) must not enter the ledger.
      const vendorSubject =
        sentSubject !== undefined &&
        sentSubject !== rawSubject &&
        sentSubject !== id(raw.anonymousId)
          ? sentSubject
          : undefined;
      sink.subject(destination, now, rawSubject, rawOrg, vendorSubject, sh);
    },
    size: () => keys + (tally?.size() ?? 0),
    drain() {
      const i = inv;
      inv = new Map();
      lastGroup = undefined;
      keys = 0;
      return {
        inventory: inventoryOn ? drainInventory(i) : [],
        ledger: tally === undefined ? [] : [...tally.drain()],
      };
    },
    takeNotes() {
      if (notes.length === 0) return undefined;
      const n: LedgerNotes = { now: notesAt, items: notes };
      notes = [];
      return n;
    },
  };
}

/** The ledger's subjects, tallied per subject-day until drained. */
export interface LedgerTally {
  /** The ledger notes of a worker's request. */
  add(notes: LedgerNotes): void;
  /** Subject-days held. */
  size(): number;
  /**
   * The subject-days tallied since the last drain, made as they are read; the tally starts
   * empty. With a journal, what it holds of them becomes an entry of the epoch `epoch()` gave
   * before this call, and the tally counts into the next epoch.
   */
  drain(): IterableIterator<LedgerDay>;
}

/**
 * The ledger's write-ahead journal, kept by a tally made with `journal`: what was counted since
 * the outbox's last commit, as entries the outbox commits in the same transaction as the rows
 * of the events counted, so an acknowledged event's counts survive a crash (docs/ledger.md).
 */
export interface LedgerJournal extends JournalSource {
  /** The epoch being counted now: the next drain's rows are this epoch's. */
  epoch(): number;
  /** Count into `epoch` from now on (at start: after the epochs found in the journal). */
  startAt(epoch: number): void;
}

/** Cells keys remembered per tally before the memory starts over (shapes are few). */
const MAX_CELLS_KEYS = 4_096;

/**
 * A tally of subjects under the ledger pseudonymizer `pseudonym`; with `journal`, it also keeps
 * the write-ahead journal of its counts (`LedgerJournal`).
 */
export function createLedgerTally(
  pseudonym: LedgerPseudonymizer,
  options: { readonly journal: true },
): LedgerTally & LedgerSink & LedgerJournal;
export function createLedgerTally(pseudonym: LedgerPseudonymizer): LedgerTally & LedgerSink;
export function createLedgerTally(
  pseudonym: LedgerPseudonymizer,
  options: { readonly journal?: boolean } = {},
): LedgerTally & LedgerSink & Partial<LedgerJournal> {
  // raw subject id → its subjects (one per destination, org and day, chained); raw ids stay in
  // this thread's memory until the next drain (as in the pseudonym cache) and are never drained.
  let led = new Map<string, Subject>();
  let size = 0;
  let dayStart = 0;
  let day = '';
  let lastSubject: Subject | undefined;
  let cellsByKey = new Map<string, readonly number[]>();
  const journaling = options.journal === true;
  // The journal: subjects counted since it was last taken, entries sealed at drains and not
  // taken yet, and the epoch counted now.
  let noted: Subject[] = [];
  let sealed: JournalEntry[] = [];
  let epoch = 1;

  function dayOf(now: number): string {
    if (now < dayStart || now >= dayStart + DAY_MS) {
      dayStart = now - (now % DAY_MS);
      day = new Date(dayStart).toISOString().slice(0, 10);
    }
    return day;
  }

  /** The subject-day of an event, made when new. */
  function subjectOf(
    destination: string,
    now: number,
    rawSubject: string,
    rawOrg: string | undefined,
    vendorSubject: string | undefined,
  ): Subject {
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
    const s: Subject = {
      destination,
      subject: pseudonym(rawSubject),
      rawSubject,
      rawOrg,
      org: rawOrg === undefined ? undefined : pseudonym(rawOrg),
      vendorSubject,
      day: d,
      counts: [],
      journal: [],
      next: head,
    };
    led.set(rawSubject, s);
    size++;
    return (lastSubject = s);
  }

  /** Count one event with `cells` for its subject-day. */
  function count(s: Subject, cells: readonly number[]): void {
    add(s.counts, cells);
    if (!journaling) return;
    if (s.journal.length === 0) noted.push(s);
    add(s.journal, cells);
  }

  /** The journal's entry of what `subjects` counted since it last took them, under `e`. */
  function entryOf(subjects: readonly Subject[], e: number): JournalEntry {
    const rows: JournalRow[] = [];
    for (const s of subjects) {
      rows.push([
        s.destination,
        s.day,
        s.subject,
        s.org ?? '',
        s.vendorSubject ?? '',
        encodeCounts(s.journal),
      ]);
      s.journal.length = 0;
    }
    return { epoch: e, data: JSON.stringify(rows) };
  }

  function cellsOf(key: string): readonly number[] {
    let cells = cellsByKey.get(key);
    if (cells === undefined) {
      if (cellsByKey.size >= MAX_CELLS_KEYS) cellsByKey = new Map();
      cellsByKey.set(key, (cells = cellsOfKey(key)));
    }
    return cells;
  }

  function* rows(map: Map<string, Subject>): Generator<LedgerDay> {
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

  return {
    subject(destination, now, rawSubject, rawOrg, vendorSubject, sh) {
      count(subjectOf(destination, now, rawSubject, rawOrg, vendorSubject), sh.cells);
    },
    add(notes) {
      const it = notes.items;
      for (let i = 0; i + 4 < it.length; i += 5) {
        const org = it[i + 2]!;
        const vendor = it[i + 3]!;
        const s = subjectOf(
          it[i]!,
          notes.now,
          it[i + 1]!,
          org === '' ? undefined : org,
          vendor === '' ? undefined : vendor,
        );
        count(s, cellsOf(it[i + 4]!));
      }
    },
    size: () => size,
    drain() {
      const l = led;
      led = new Map();
      size = 0;
      lastSubject = undefined;
      if (journaling) {
        if (noted.length > 0) sealed.push(entryOf(noted, epoch));
        noted = [];
        epoch++;
      }
      return rows(l);
    },
    ...(journaling && {
      epoch: () => epoch,
      startAt(e: number) {
        epoch = e;
      },
      take(): JournalEntry[] {
        const out = sealed;
        sealed = [];
        if (noted.length > 0) out.push(entryOf(noted, epoch));
        noted = [];
        return out;
      },
      restore(entries: readonly JournalEntry[]) {
        sealed = [...entries, ...sealed];
      },
    }),
  };
}

/** Count one event with `cells` into `counts` (the pseudo category `*` too). */
function add(counts: number[], cells: readonly number[]): void {
  counts[EVENTS_CELL] = (counts[EVENTS_CELL] ?? 0) + 1;
  for (let j = 0; j < cells.length; j++) {
    const c = cells[j]!;
    counts[c] = (counts[c] ?? 0) + 1;
  }
}
