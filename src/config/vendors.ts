/**
 * The vendor register (`vendors:` keyed by destination name): contract and compliance facts
 * about the company behind each destination, for `veil map` (SaaSBOM, Art. 30 records, the
 * 外部送信 disclosure page).
 */
import { z } from 'zod';

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const text = (description: string) => z.string().min(1).meta({ description });
const httpUrl = z.url({ protocol: /^https?$/ });

/** Lawful bases of GDPR Art. 6(1), as snake_case words. */
export const LEGAL_BASES = [
  'consent',
  'contract',
  'legal_obligation',
  'vital_interests',
  'public_task',
  'legitimate_interests',
] as const;

/**
 * One vendor's register entry. Strict; `retention_days` and `retention` are alternatives
 * (exactly one is required): a number of days, or the vendor's own words ("until deletion").
 */
export const VendorRegisterSchema = z
  .strictObject({
    legal_name: text('Legal name of the company receiving the data.'),
    role: z
      .enum(['processor', 'sub_processor', 'controller'])
      .meta({ description: 'The vendor’s GDPR role for this data.' }),
    address: text('Postal address of the vendor (Art. 30 records).').optional(),
    endpoints: z
      .array(httpUrl)
      .min(1)
      .meta({ description: 'URLs Veil sends this vendor’s data to.' }),
    region: text('Where the vendor stores the data (`US`, `EU`, `JP`, …).'),
    retention_days: z
      .int()
      .min(1)
      .max(36_500)
      .optional()
      .meta({ description: 'How long the vendor keeps the data, in days.' }),
    retention: text(
      'Retention at the vendor in words, when it is not a number of days.',
    ).optional(),
    dpa_url: httpUrl.meta({ description: 'Link to the data processing agreement.' }),
    dpa_status: z
      .enum(['signed', 'pending', 'none'])
      .meta({ description: 'State of the data processing agreement.' }),
    breach_notification_sla_hours: z
      .int()
      .min(0)
      .max(8_760)
      .meta({ description: 'Hours within which the vendor must report a breach to you.' }),
    security_contact: z
      .union([z.email(), httpUrl], {
        error: (i) =>
          i.input === undefined ? undefined : 'must be an email address or an http(s) URL',
      })
      .meta({
        description: 'Where to reach the vendor’s security team: an email address or a URL.',
      }),
    audit_log_source: text('Where the vendor’s audit log of your account is read from.'),
    owner: text('Who in your organization owns this vendor relationship.'),
    last_review_date: z.iso.date().meta({ description: 'Last review of this entry (YYYY-MM-DD).' }),
    purpose: text(
      'Purpose of sending the data (shown on the disclosure page and Art. 30 records).',
    ),
    purpose_ja: text('The purpose in Japanese, for the 外部送信 disclosure page.').optional(),
    legal_basis: z.enum(LEGAL_BASES).meta({ description: 'GDPR Art. 6(1) lawful basis.' }),
    international_transfer: z
      .boolean()
      .optional()
      .meta({ description: 'The data leaves the country (or the EEA) where it was collected.' }),
    transfer_mechanism: text(
      'Safeguard for the transfer (`SCC`, `adequacy decision`, `DPF`, …).',
    ).optional(),
  })
  // `when`: report these even when other keys of the entry are invalid (one run, every problem).
  .refine((v) => !isRecord(v) || (v.retention_days === undefined) !== (v.retention === undefined), {
    message: 'give exactly one of retention_days and retention',
    path: ['retention_days'],
    when: () => true,
  })
  .refine(
    (v) => !isRecord(v) || v.international_transfer !== true || v.transfer_mechanism !== undefined,
    {
      message: 'an international transfer needs its transfer_mechanism',
      path: ['transfer_mechanism'],
      when: () => true,
    },
  );

/** A validated register entry. */
export type VendorRegister = z.output<typeof VendorRegisterSchema>;
