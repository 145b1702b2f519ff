/** The register facts people read in the Markdown and HTML maps, as label/value pairs. */
import type { VendorRegister } from '../../config/vendors.js';
import { retentionText } from './model.js';

/** Label/value pairs of `r` in a fixed order; absent optional facts are left out. */
export function registerFacts(r: VendorRegister): [string, string][] {
  const facts: [string, string | undefined][] = [
    ['Legal name', r.legal_name],
    ['Role', r.role.replace('_', '-')],
    ['Address', r.address],
    ['Endpoints', r.endpoints.join(', ')],
    ['Region', r.region],
    ['Retention at the vendor', retentionText(r)],
    ['DPA', `${r.dpa_status} (${r.dpa_url})`],
    ['Breach notification', `within ${r.breach_notification_sla_hours} h`],
    ['Security contact', r.security_contact],
    ['Audit log', r.audit_log_source],
    ['Purpose', r.purpose],
    ['Legal basis', r.legal_basis.replace(/_/g, ' ')],
    [
      'International transfer',
      r.international_transfer === undefined
        ? undefined
        : r.international_transfer
          ? `yes (${r.transfer_mechanism ?? 'mechanism not recorded'})`
          : 'no',
    ],
    ['Owner', r.owner],
    ['Last review', r.last_review_date],
  ];
  return facts.filter((f): f is [string, string] => f[1] !== undefined);
}

/** ms since the epoch as an ISO time without milliseconds (`2026-11-22T10:00:00Z`). */
export const isoTime = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Column headers of the per-vendor field table. */
export const FIELD_HEADERS = [
  'Source',
  'Event',
  'Field',
  'Types',
  'Categories before',
  'Action',
  'Categories after',
  'Count',
  'First seen',
  'Last seen',
] as const;
