/**
 * The compact encoding of one subject-day's counts (column `subject_days.counts`): entries
 * `category:formCode:count` joined by `;`, e.g. `*:0:12;user.contact.email:6:3`. Category
 * names never contain `:` or `;` (validate.ts `CATEGORY`); the form code is one digit. Also the
 * packing of deltas into subject-day rows (`LedgerDay`) and the validated grouping of a flush's
 * rows by subject-day.
 */
import type { Form, LedgerDay, LedgerDelta } from './types.js';
import { CATEGORY, validCell, validDelta, validSubjectDay } from './validate.js';

/** Form ↔ code (its index). Stored in ledger files: never reorder, only append. */
export const FORM_CODES: readonly Form[] = [
  'passed',
  'pseudonymized',
  'generalized',
  'masked',
  'truncated',
  'redacted',
  'removed',
];

const CODE_OF = new Map<Form, number>(FORM_CODES.map((f, i) => [f, i]));

/** The cell key (`category:formCode`) of a (category, form); the form must be a `Form`. */
export function cellKey(category: string, form: Form): string {
  return `${category}:${CODE_OF.get(form)!}`;
}

/** The (category, form) of a cell key made by `cellKey`. */
export function cellOf(key: string): { category: string; form: Form } {
  const i = key.lastIndexOf(':');
  return { category: key.slice(0, i), form: FORM_CODES[Number(key.slice(i + 1))]! };
}

/** Encode cells (cell key → count, each count > 0); at least one cell. */
export function encodeCells(cells: ReadonlyMap<string, number>): string {
  const parts: string[] = [];
  for (const [k, n] of cells) parts.push(`${k}:${n}`);
  return parts.join(';');
}

/** Walks the cells of an encoded column value, in their order. */
class CellCursor {
  /** The current cell's key (`category:formCode`). */
  key = '';
  /** Its count. */
  count = 0;
  private at = 0;
  constructor(private readonly text: string) {}

  /** Move to the next cell; false past the last one. */
  next(): boolean {
    const t = this.text;
    if (this.at >= t.length) return false;
    let end = t.indexOf(';', this.at);
    if (end < 0) end = t.length;
    const colon = t.lastIndexOf(':', end - 1);
    this.key = t.slice(this.at, colon);
    this.count = Number(t.slice(colon + 1, end));
    this.at = end + 1;
    return true;
  }
}

/** Call `each(cellKey, count)` for every entry of an encoded column value. */
export function forEachCell(encoded: string, each: (key: string, count: number) => void): void {
  const c = new CellCursor(encoded);
  while (c.next()) each(c.key, c.count);
}

/** Add the entries of an encoded column value into `cells`. */
export function addCells(cells: Map<string, number>, encoded: string): void {
  forEachCell(encoded, (k, n) => cells.set(k, (cells.get(k) ?? 0) + n));
}

/** A subject-day of one flush: its key and its validated counts (`encodeCells`' format). */
export interface SubjectDay {
  readonly key: readonly [destination: string, day: string, subject: string, org: string];
  counts: string;
}

/**
 * Add two encoded values (`encodeCells`' format, both valid). Values whose cells are sorted by
 * key (as the gateway's observers encode them, and as this function returns them) are merged in
 * one pass; anything else through a map, the result sorted.
 */
export function mergeCounts(a: string, b: string): string {
  const x = new CellCursor(a);
  const y = new CellCursor(b);
  let hasX = x.next();
  let hasY = y.next();
  let out = '';
  let last = '';
  while (hasX || hasY) {
    const k = !hasY || (hasX && x.key < y.key) ? x.key : y.key;
    // Keys come out strictly increasing unless an input is unsorted or repeats a key.
    if (out !== '' && k <= last) return mergeByMap(a, b);
    let n = 0;
    if (hasX && x.key === k) {
      n += x.count;
      hasX = x.next();
    }
    if (hasY && y.key === k) {
      n += y.count;
      hasY = y.next();
    }
    out += `${out === '' ? '' : ';'}${k}:${n}`;
    last = k;
  }
  return out;
}

function mergeByMap(a: string, b: string): string {
  const cells = new Map<string, number>();
  addCells(cells, a);
  addCells(cells, b);
  return encodeCells(new Map([...cells].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))));
}

const sameRow = (a: LedgerDelta, b: LedgerDelta): boolean =>
  a.destination === b.destination &&
  a.subject === b.subject &&
  a.day === b.day &&
  a.org === b.org &&
  a.vendorSubject === b.vendorSubject;

/**
 * Pack deltas into subject-day rows: one per (destination, day, subject, org, vendor subject),
 * counts of equal (category, form) added. Invalid deltas (`validDelta`) are left out and counted.
 * A run of deltas of one row (as the gateway's come) is validated once for its shared fields.
 */
export function packDeltas(deltas: readonly LedgerDelta[]): { rows: LedgerDay[]; skipped: number } {
  const rows = new Map<string, { row: LedgerDay; cells: Map<string, number> }>();
  let skipped = 0;
  let prev: LedgerDelta | undefined;
  let prevCells: Map<string, number> | undefined;
  for (const d of deltas) {
    // `prev` was valid: a delta of the same row needs only its own cell checked.
    const same = prev !== undefined && typeof d === 'object' && d !== null && sameRow(d, prev);
    if (!(same ? validCell(d) : validDelta(d))) {
      skipped++;
      continue;
    }
    let cells = same ? prevCells : undefined;
    if (cells === undefined) {
      // No valid field holds \u0000, so equal keys mean equal fields.
      const k = [d.destination, d.day, d.subject, d.org ?? '', d.vendorSubject ?? ''].join(
        '\u0000',
      );
      let r = rows.get(k);
      if (r === undefined) {
        const row = {
          destination: d.destination,
          day: d.day,
          subject: d.subject,
          counts: '',
          ...(d.org !== undefined && { org: d.org }),
          ...(d.vendorSubject !== undefined && { vendorSubject: d.vendorSubject }),
        };
        rows.set(k, (r = { row, cells: new Map() }));
      }
      cells = r.cells;
    }
    const cell = cellKey(d.category, d.form);
    cells.set(cell, (cells.get(cell) ?? 0) + d.count);
    prev = d;
    prevCells = cells;
  }
  return {
    rows: [...rows.values()].map((r) => ({ ...r.row, counts: encodeCells(r.cells) })),
    skipped,
  };
}

/** The number of cells an encoded value claims (for counting what a refused row held). */
const cellsIn = (counts: unknown): number =>
  typeof counts === 'string' ? counts.split(';').length : 1;

/** True when the key fields of `r` may be stored (the vendor subject is checked separately). */
const validRow = (r: LedgerDay): boolean => validSubjectDay(r) && typeof r.counts === 'string';

/** Cell keys found valid so far (few: categories × forms); cleared when it grows large. */
const validKeys = new Set<string>();

/** True when `key` is `category:formCode` with a known category shape and form code. */
function validKey(key: string): boolean {
  if (validKeys.has(key)) return true;
  const colon = key.lastIndexOf(':');
  const code = key.charCodeAt(colon + 1) - 48; // '0'
  const ok =
    colon > 0 &&
    colon === key.length - 2 &&
    code >= 0 &&
    code < FORM_CODES.length &&
    CATEGORY.test(key.slice(0, colon));
  if (ok) {
    if (validKeys.size >= 4_096) validKeys.clear();
    validKeys.add(key);
  }
  return ok;
}

/**
 * A whole encoded value whose every cell is valid and canonical: a known category shape, a form
 * code, a positive count without leading zeros below 10^15. Categories hold no `:` or `;` and
 * every quantifier is bounded, so one linear pass decides.
 */
const CELL = `${CATEGORY.source.slice(1, -1)}:[0-${FORM_CODES.length - 1}]:[1-9][0-9]{0,14}`;
const CANONICAL_COUNTS = new RegExp(`^${CELL}(?:;${CELL})*$`);

/**
 * The number of cells of `counts` when every one is valid and in canonical form (so the value
 * can be stored as it is); -1 otherwise.
 */
function allValid(counts: string): number {
  if (!CANONICAL_COUNTS.test(counts)) return -1;
  let n = 1;
  for (let i = counts.indexOf(';'); i >= 0; i = counts.indexOf(';', i + 1)) n++;
  return n;
}

/**
 * Group rows by subject-day, adding their counts; `onVendor` sees each accepted row. Only valid
 * rows and cells are kept: a row with an invalid key field is refused with all its cells, a
 * cell with an unknown category, form or a count that is not a positive safe integer alone.
 * `written`/`skipped` count cells (one cell is what one delta was). A row whose cells are all
 * valid and canonical (as the gateway's observers encode them) is kept as it is, unparsed.
 */
export function groupDays(
  rows: readonly LedgerDay[],
  onVendor: (r: LedgerDay) => void,
): { days: Iterable<SubjectDay>; written: number; skipped: number } {
  const days = new Map<string, SubjectDay>();
  let written = 0;
  let skipped = 0;
  for (const r of rows) {
    if (!validRow(r)) {
      skipped += cellsIn(r?.counts);
      continue;
    }
    let counts = r.counts;
    const n = allValid(counts);
    if (n > 0) written += n;
    else {
      // Keep the valid cells only, re-encoded.
      const cells = new Map<string, number>();
      forEachCell(counts, (cell, c) => {
        if (validKey(cell) && Number.isSafeInteger(c) && c > 0) {
          cells.set(cell, (cells.get(cell) ?? 0) + c);
          written++;
        } else skipped++;
      });
      if (cells.size === 0) continue;
      counts = encodeCells(cells);
    }
    const org = r.org ?? '';
    const k = `${r.destination}\u0000${r.day}\u0000${r.subject}\u0000${org}`;
    const sd = days.get(k);
    if (sd === undefined) days.set(k, { key: [r.destination, r.day, r.subject, org], counts });
    else sd.counts = mergeCounts(sd.counts, counts);
    onVendor(r);
  }
  return { days: days.values(), written, skipped };
}
