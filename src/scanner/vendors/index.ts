/** Every built-in vendor definition, one file each. To add a vendor: write its file, list it here. */
import { mixpanel } from './mixpanel.js';
import { segment } from './segment.js';
import { posthog } from './posthog.js';
import { amplitude } from './amplitude.js';
import { googleAnalytics } from './google-analytics.js';
import { sentry } from './sentry.js';
import { datadog } from './datadog.js';
import { logrocket } from './logrocket.js';
import { intercom } from './intercom.js';
import { heap } from './heap.js';
import { fullstory } from './fullstory.js';
import { hotjar } from './hotjar.js';
import { braze } from './braze.js';
import { rudderstack } from './rudderstack.js';
import { customerio } from './customerio.js';
import { pendo } from './pendo.js';
import { snowplow } from './snowplow.js';
import { bugsnag } from './bugsnag.js';
import { rollbar } from './rollbar.js';
import { airbrake } from './airbrake.js';
import { honeybadger } from './honeybadger.js';
import { newrelic } from './newrelic.js';
import type { VendorDefinition } from './types.js';

/** The built-in vendor definitions, in report order. */
export const VENDORS: readonly VendorDefinition[] = [
  mixpanel,
  segment,
  posthog,
  amplitude,
  googleAnalytics,
  sentry,
  datadog,
  logrocket,
  intercom,
  heap,
  fullstory,
  hotjar,
  braze,
  rudderstack,
  customerio,
  pendo,
  snowplow,
  bugsnag,
  rollbar,
  airbrake,
  honeybadger,
  newrelic,
];
