/**
 * The compact encoding of one subject-day's counts (column `subject_days.counts`): entries
 * `category:formCode:count` joined by `;`, e.g. `*:0:12;user.contact.email:6:3`. Category
 * names never contain `:` or `;` (validate.ts `CATEGORY`); the form code is one digit. Also the
 * grouping of a flush's deltas by subject-day.
 */
import type { Form, LedgerDelta } from './types.js';
import { validDelta } from './validate.js';

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

/** The key of a delta's subject-day (destination, day, subject, org), when those are strings. */
function dayKey(d: LedgerDelta): string | undefined {
  if (typeof d !== 'object' || d === null) return undefined;
  const { destination, subject, day, org } = d;
  if (typeof destination !== 'string' || typeof subject !== 'string' || typeof day !== 'string')
    return undefined;
  if (org !== undefined && (typeof org !== 'string' || org === '')) return undefined;
  // No valid field holds \u0000, so equal keys of valid deltas mean equal fields.
  return `${destination}\u0000${day}\u0000${subject}\u0000${org ?? ''}`;
}

const sameDay = (a: LedgerDelta, b: LedgerDelta): boolean =>
  a.destination === b.destination && a.subject === b.subject && a.day === b.day && a.org === b.org;

/**
 * Group the valid deltas by subject-day; `onVendor` sees each valid delta whose vendor subject
 * differs from the previous valid one's or whose subject-day does. `validDelta` runs once per
 * subject-day (its other deltas share the validated fields) and once per new category. The
 * gateway's deltas come subject-day by subject-day: a run of them builds no key.
 */
export function groupDeltas(
  deltas: readonly LedgerDelta[],
  onVendor: (d: LedgerDelta) => void,
): { days: Iterable<SubjectDay>; written: number } {
  const days = new Map<string, SubjectDay>();
  const categories = new Set<string>();
  let written = 0;
  let prev: LedgerDelta | undefined;
  let prevDay: SubjectDay | undefined;
  for (const d of deltas) {
    const same = prev !== undefined && typeof d === 'object' && d !== null && sameDay(d, prev);
    const k = same ? '' : dayKey(d);
    if (k === undefined) continue;
    let sd = same ? prevDay : days.get(k);
    const cellOk =
      categories.has(d.category) && FORM_CODES.includes(d.form) && Number.isSafeInteger(d.count);
    if (sd === undefined || !cellOk || d.count <= 0) {
      if (!validDelta(d)) continue;
      categories.add(d.category);
    }
    if (sd === undefined) {
      sd = { key: [d.destination, d.day, d.subject, d.org ?? ''], cells: new Map() };
      days.set(k, sd);
    }
    const cell = cellKey(d.category, d.form);
    sd.cells.set(cell, (sd.cells.get(cell) ?? 0) + d.count);
    if (!same || d.vendorSubject !== prev!.vendorSubject) onVendor(d);
    prev = d;
    prevDay = sd;
    written++;
  }
  return { days: days.values(), written };
}
