/** Every receiver, by vendor (the URL prefix it is mounted under). */
import { createAmplitudeReceiver } from './amplitude/index.js';
import { createMixpanelReceiver } from './mixpanel/index.js';
import { createPosthogReceiver } from './posthog/index.js';
import { createSegmentReceiver } from './segment/index.js';
import type { Receiver, Vendor } from './types.js';

/** A fresh receiver per vendor. */
export function createReceivers(): Map<Vendor, Receiver> {
  return new Map<Vendor, Receiver>([
    ['mixpanel', createMixpanelReceiver()],
    ['segment', createSegmentReceiver()],
    ['posthog', createPosthogReceiver()],
    ['amplitude', createAmplitudeReceiver()],
  ]);
}
