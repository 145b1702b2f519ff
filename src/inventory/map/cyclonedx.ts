/**
 * `veil map --format cyclonedx`: a CycloneDX 1.6 SaaSBOM. One service per vendor, its data
 * flows (`inbound`: data sent to the vendor) classified by the categories the vendor received,
 * contract facts from the vendor register in externalReferences and `veil:` properties.
 */
import { createHash } from 'node:crypto';
import type { VendorRegister } from '../../config/vendors.js';
import { codeDataFlows } from './code-render.js';
import { retentionText, type DataMap, type VendorView } from './model.js';

interface Property {
  readonly name: string;
  readonly value: string;
}

const prop = (name: string, value: string | number | boolean | undefined): Property[] =>
  value === undefined ? [] : [{ name: `veil:${name}`, value: String(value) }];

function registerProperties(r: VendorRegister | undefined): Property[] {
  if (r === undefined) return prop('register', 'missing');
  return [
    ...prop('role', r.role),
    ...prop('address', r.address),
    ...prop('region', r.region),
    ...prop('retention', retentionText(r)),
    ...prop('retention_days', r.retention_days),
    ...prop('dpa_status', r.dpa_status),
    ...prop('breach_notification_sla_hours', r.breach_notification_sla_hours),
    ...prop('audit_log_source', r.audit_log_source),
    ...prop('owner', r.owner),
    ...prop('last_review_date', r.last_review_date),
    ...prop('purpose', r.purpose),
    ...prop('legal_basis', r.legal_basis),
    ...prop('international_transfer', r.international_transfer),
    ...prop('transfer_mechanism', r.transfer_mechanism),
  ];
}

function externalReferences(r: VendorRegister | undefined): object[] {
  if (r === undefined) return [];
  const contact = r.security_contact.includes('@') && !r.security_contact.includes('://');
  return [
    {
      type: 'security-contact',
      url: contact ? `mailto:${r.security_contact}` : r.security_contact,
    },
    {
      type: 'documentation',
      url: r.dpa_url,
      comment: `Data processing agreement (${r.dpa_status})`,
    },
  ];
}

/** The data flows to one vendor: one per category it received. */
function dataFlows(v: VendorView): object[] {
  return v.after.map((category) => {
    const rows = v.rows.filter((r) => r.after.includes(category));
    const events = new Set(rows.map((r) => r.event)).size;
    return {
      flow: 'inbound',
      classification: category,
      name: category,
      description: `Received in ${rows.length} field(s) of ${events} event(s), after minimization by Veil.`,
    };
  });
}

function service(v: VendorView, map: DataMap): object {
  const r = v.register;
  const seen =
    v.rows.length === 0
      ? []
      : [
          ...prop(
            'first_seen',
            new Date(Math.min(...v.rows.map((x) => x.firstSeen))).toISOString(),
          ),
          ...prop('last_seen', new Date(Math.max(...v.rows.map((x) => x.lastSeen))).toISOString()),
        ];
  return {
    'bom-ref': `veil-destination:${v.destination}`,
    ...(r === undefined ? {} : { provider: { name: r.legal_name } }),
    name: v.destination,
    ...(r === undefined ? {} : { description: r.purpose, endpoints: [...r.endpoints] }),
    'x-trust-boundary': true,
    data: [...dataFlows(v), ...codeDataFlows(map.code, v.destination)],
    externalReferences: externalReferences(r),
    properties: [
      ...registerProperties(r),
      ...prop('sources', v.sources.join(',')),
      ...prop('events', v.events.length),
      ...prop('fields', v.rows.length),
      ...prop('categories_before_minimization', v.before.join(',')),
      ...seen,
    ],
  };
}

/** A UUID (version 5 style) derived from `text`, so the same map yields the same serial number. */
function uuidOf(text: string): string {
  const h = createHash('sha256').update(text).digest('hex');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The SaaSBOM as a JSON-ready object (valid against the CycloneDX 1.6 strict schema). */
export function toCycloneDx(map: DataMap): object {
  const services = map.vendors.map((v) => service(v, map));
  const timestamp = new Date(map.generatedAt).toISOString();
  return {
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    serialNumber: `urn:uuid:${uuidOf(JSON.stringify([timestamp, services]))}`,
    version: 1,
    metadata: {
      timestamp,
      tools: {
        components: [{ type: 'application', name: 'veil', version: map.veilVersion }],
      },
    },
    services,
  };
}

/** The SaaSBOM as JSON text (two-space indent, trailing newline). */
export function renderCycloneDx(map: DataMap): string {
  return JSON.stringify(toCycloneDx(map), null, 2) + '\n';
}
