/**
 * Reading a dataset leaked from a vendor (`veil impact --leaked`): NDJSON or one JSON array of
 * vendor-format records. Collects the subject ids the vendor held — Veil's own pseudonyms
 * (`k1_…`) wherever they appear, and the values of the vendors' user-id fields — so they can be
 * mapped back to ledger subjects.
 */
import { VENDOR_PSEUDONYM, VENDOR_PSEUDONYM_IN_TEXT } from './validate.js';

/** User-id fields of the vendors' record formats (top level or under `properties`). */
export const ID_FIELDS: readonly string[] = [
  'distinct_id', // Mixpanel, PostHog
  '$user_id', // Mixpanel (identity merge)
  'userId', // Segment
  'user_id', // Amplitude
];

/** What a leaked file contains. */
export interface LeakedIds {
  /** Records read. */
  readonly records: number;
  /** Lines (NDJSON) that were not JSON; they are skipped. */
  readonly badLines: number;
  /** Veil vendor pseudonyms found anywhere in the records. */
  readonly pseudonyms: ReadonlySet<string>;
  /** Values of user-id fields that are not Veil pseudonyms (ids a policy passed through). */
  readonly rawIds: ReadonlySet<string>;
}

const MAX_DEPTH = 32;

function collect(
  v: unknown,
  depth: number,
  out: { pseudonyms: Set<string>; rawIds: Set<string> },
): void {
  if (typeof v === 'string') {
    for (const m of v.matchAll(VENDOR_PSEUDONYM_IN_TEXT)) out.pseudonyms.add(m[0]);
    return;
  }
  if (typeof v !== 'object' || v === null || depth > MAX_DEPTH) return;
  for (const x of Array.isArray(v) ? v : Object.values(v)) collect(x, depth + 1, out);
}

function idFields(rec: unknown, out: { rawIds: Set<string> }): void {
  if (typeof rec !== 'object' || rec === null || Array.isArray(rec)) return;
  const r = rec as Record<string, unknown>;
  const props = r.properties;
  for (const holder of [r, typeof props === 'object' && props !== null ? props : {}]) {
    for (const f of ID_FIELDS) {
      const v = (holder as Record<string, unknown>)[f];
      const id = typeof v === 'number' ? String(v) : v;
      if (typeof id === 'string' && id !== '' && !VENDOR_PSEUDONYM.test(id)) out.rawIds.add(id);
    }
  }
}

/** Parse `text` (a JSON array, or NDJSON) and collect its ids. Never throws. */
export function readLeaked(text: string): LeakedIds {
  const out = { pseudonyms: new Set<string>(), rawIds: new Set<string>() };
  let records: unknown[] = [];
  let badLines = 0;
  const trimmed = text.trimStart();
  let array: unknown;
  if (trimmed.startsWith('[')) {
    try {
      array = JSON.parse(trimmed);
    } catch {
      array = undefined; // maybe NDJSON whose first record is an array
    }
  }
  if (Array.isArray(array)) records = array;
  else {
    for (const line of text.split(/\r?\n/)) {
      if (line.trim() === '') continue;
      try {
        records.push(JSON.parse(line));
      } catch {
        badLines++;
      }
    }
  }
  for (const r of records) {
    collect(r, 0, out);
    idFields(r, out);
  }
  return { records: records.length, badLines, ...out };
}
