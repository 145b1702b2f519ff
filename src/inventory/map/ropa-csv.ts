/**
 * `veil map --format ropa-csv`: GDPR Art. 30 records of processing, one row per vendor and
 * purpose (the register holds one purpose per vendor, so one row per vendor). RFC 4180 CSV:
 * CRLF line ends, fields with commas, quotes or line breaks quoted, quotes doubled; a cell
 * starting with `=`, `+`, `-` or `@` gets a leading `'` so spreadsheets do not run it.
 */
import { categoryWords } from './words.js';
import { retentionText, type DataMap, type VendorView } from './model.js';

/** The columns, in order. */
export const ROPA_COLUMNS = [
  'destination',
  'recipient_legal_name',
  'recipient_role',
  'recipient_address',
  'purpose',
  'legal_basis',
  'data_subjects',
  'personal_data_categories',
  'personal_data_categories_plain',
  'categories_removed_before_sending',
  'sources',
  'vendor_region',
  'international_transfer',
  'transfer_mechanism',
  'retention_at_vendor',
  'dpa_status',
  'dpa_url',
  'breach_notification_sla_hours',
  'security_contact',
  'security_measures',
  'owner',
  'last_review_date',
] as const;

/** One CSV field, quoted when needed and defused against formula injection. */
export function csvField(value: string): string {
  const v = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

function row(v: VendorView): string[] {
  const r = v.register;
  const removed = v.before.filter((c) => !v.after.some((a) => a === c || a.startsWith(c + '.')));
  const actions = [...new Set(v.rows.flatMap((x) => x.outcomes))].filter((o) => o !== 'passed');
  return [
    v.destination,
    r?.legal_name ?? '',
    r?.role ?? '',
    r?.address ?? '',
    r?.purpose ?? '',
    r?.legal_basis ?? '',
    v.sources.length > 0 ? `users of the instrumented apps (sources: ${v.sources.join(', ')})` : '',
    v.after.join('; '),
    v.after.map((c) => categoryWords(c).en).join('; '),
    removed.join('; '),
    v.sources.join('; '),
    r?.region ?? '',
    r?.international_transfer === undefined ? '' : r.international_transfer ? 'yes' : 'no',
    r?.transfer_mechanism ?? '',
    r === undefined ? '' : (retentionText(r) ?? ''),
    r?.dpa_status ?? '',
    r?.dpa_url ?? '',
    r === undefined ? '' : String(r.breach_notification_sla_hours),
    r?.security_contact ?? '',
    `minimized by Veil before sending (${actions.length > 0 ? actions.sort().join(', ') : 'no changes needed'})`,
    r?.owner ?? '',
    r?.last_review_date ?? '',
  ];
}

/** The CSV document: a header row, then one row per vendor. */
export function renderRopaCsv(map: DataMap): string {
  return [[...ROPA_COLUMNS], ...map.vendors.map(row)]
    .map((cells) => cells.map(csvField).join(',') + '\r\n')
    .join('');
}
