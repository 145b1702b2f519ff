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

/** Call `each(cellKey, count)` for every entry of an encoded column value. */
export function forEachCell(encoded: string, each: (key: string, count: number) => void): void {
  let start = 0;
  while (start < encoded.length) {
    let end = encoded.indexOf(';', start);
    if (end < 0) end = encoded.length;
    const colon = encoded.lastIndexOf(':', end - 1);
    each(encoded.slice(start, colon), Number(encoded.slice(colon + 1, end)));
    start = end + 1;
  }
}

/** Add the entries of an encoded column value into `cells`. */
export function addCells(cells: Map<string, number>, encoded: string): void {
  forEachCell(encoded, (k, n) => cells.set(k, (cells.get(k) ?? 0) + n));
}

/** A subject-day's cells of one flush (cell key → count). */
export interface SubjectDay {
  readonly key: readonly [destination: string, day: string, subject: string, org: string];
  readonly cells: Map<string, number>;
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

/**
 * Group rows by subject-day, adding their cells; `onVendor` sees each accepted row. Only valid
 * rows and cells are kept: a row with an invalid key field is refused with all its cells, a
 * cell with an unknown category, form or a count that is not a positive safe integer alone.
 * `written`/`skipped` count cells (one cell is what one delta was).
 */
export function groupDays(
  rows: readonly LedgerDay[],
  onVendor: (r: LedgerDay) => void,
): { days: Iterable<SubjectDay>; written: number; skipped: number } {
  const days = new Map<string, SubjectDay>();
  const categories = new Set<string>();
  let written = 0;
  let skipped = 0;
  for (const r of rows) {
    if (!validRow(r)) {
      skipped += cellsIn(r?.counts);
      continue;
    }
    const k = `${r.destination}\u0000${r.day}\u0000${r.subject}\u0000${r.org ?? ''}`;
    let sd = days.get(k);
    let any = false;
    forEachCell(r.counts, (cell, n) => {
      const colon = cell.lastIndexOf(':');
      const category = cell.slice(0, colon);
      const code = cell.slice(colon + 1);
      const ok =
        (categories.has(category) || (CATEGORY.test(category) && categories.add(category))) &&
        code.length === 1 &&
        FORM_CODES[Number(code)] !== undefined &&
        Number.isSafeInteger(n) &&
        n > 0;
      if (!ok) {
        skipped++;
        return;
      }
      if (sd === undefined) {
        sd = { key: [r.destination, r.day, r.subject, r.org ?? ''], cells: new Map() };
        days.set(k, sd);
      }
      sd.cells.set(cell, (sd.cells.get(cell) ?? 0) + n);
      written++;
      any = true;
    });
    if (any) onVendor(r);
  }
  return { days: days.values(), written, skipped };
}
