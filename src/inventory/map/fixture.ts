/** A data map for the renderers' tests: two vendors, one without a register entry. */
import { VendorRegisterSchema } from '../../config/vendors.js';
import { delta } from '../testing.js';
import { buildDataMap, type DataMap } from './model.js';

/** An event name an app could send, which must never become markup. */
export const HOSTILE_EVENT = '<script>alert("x")</script>';

/** A register entry for Mixpanel with commas and quotes to exercise CSV quoting. */
export const MIXPANEL_REGISTER = VendorRegisterSchema.parse({
  legal_name: 'Mixpanel, Inc.',
  role: 'processor',
  address: 'One Front Street, "Floor 28", San Francisco, CA',
  endpoints: ['https://api.mixpanel.com'],
  region: 'US',
  retention_days: 1825,
  dpa_url: 'https://mixpanel.com/legal/dpa',
  dpa_status: 'signed',
  breach_notification_sla_hours: 48,
  security_contact: 'security@mixpanel.example',
  audit_log_source: 'Mixpanel audit log (CSV export)',
  owner: 'growth-team',
  last_review_date: '2026-10-01',
  purpose: 'Product analytics, funnels',
  purpose_ja: 'プロダクト分析',
  legal_basis: 'legitimate_interests',
  international_transfer: true,
  transfer_mechanism: 'SCC',
});

/** The map: mixpanel (registered) gets a pseudonymous id and a redacted comment. */
export function fixtureMap(): DataMap {
  const rows = [
    delta({
      path: 'distinct_id',
      before: ['user.unique_id'],
      outcomes: ['pseudonymized'],
      after: ['user.unique_id.pseudonymous'],
    }),
    delta({ path: 'properties.email', before: ['user.contact.email'], outcomes: ['removed'] }),
    delta({
      path: 'properties.city',
      before: ['user.location.imprecise'],
      after: ['user.location.imprecise'],
    }),
    delta({ event: HOSTILE_EVENT, path: 'properties.<b>x</b>', source: 'ios' }),
    delta({ destination: 'warehouse', path: 'properties.plan' }),
  ];
  return buildDataMap(
    rows,
    { mixpanel: MIXPANEL_REGISTER },
    ['mixpanel', 'amplitude'],
    Date.UTC(2026, 10, 22),
  );
}
