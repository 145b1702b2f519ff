/**
 * Shared e2e setup: one recording fake vendor per destination, answering like that vendor, and
 * the config fragments that point Veil's vendor destinations at them.
 */
import { startFakeVendor, type FakeVendor } from '../testing/fake-vendor.js';
import { vendorSuccess } from './wire.js';

/** Vendor destination types. */
export type VendorType = 'mixpanel' | 'segment' | 'posthog' | 'amplitude';

/** The credential key and env var of each vendor destination type. */
const CREDENTIAL: Record<VendorType, string> = {
  mixpanel: 'project_token_env',
  segment: 'write_key_env',
  posthog: 'project_api_key_env',
  amplitude: 'api_key_env',
};

/** A destination of `type` sending to `vendor`, credential from `$envVar`. */
export function vendorDestination(
  type: VendorType,
  vendor: FakeVendor,
  envVar: string,
): Record<string, unknown> {
  return { type, endpoint: vendor.url, [CREDENTIAL[type]]: envVar };
}

/** Fake vendors by destination name; `close()` closes them all. */
export interface Vendors {
  readonly byName: Record<string, FakeVendor>;
  close(): Promise<void>;
}

/** Start one fake vendor per destination name, each answering like `types[name]`. */
export async function startVendors(types: Record<string, VendorType>): Promise<Vendors> {
  const byName: Record<string, FakeVendor> = {};
  for (const [name, type] of Object.entries(types))
    byName[name] = await startFakeVendor({ respond: vendorSuccess(type) });
  return {
    byName,
    close: async () => void (await Promise.all(Object.values(byName).map((v) => v.close()))),
  };
}

/** A Segment `/v1/batch` body of `n` track events with fresh ids; returns body and ids. */
export function segmentBatch(
  writeKey: string,
  prefix: string,
  n: number,
  props: Record<string, unknown> = {},
): { body: string; ids: string[] } {
  const ids = Array.from({ length: n }, (_, i) => `${prefix}-${i}`);
  const batch = ids.map((messageId) => ({
    type: 'track',
    event: 'Load Event',
    userId: 'load-user',
    messageId,
    properties: { n: 1, ...props },
  }));
  return { body: JSON.stringify({ writeKey, batch }), ids };
}
