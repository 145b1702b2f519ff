/** The analytics wrapper modules the corpus's callers import. */

/** The wrapper modules: `src/lib/analytics.*` of each app and service, with their sink counts. */
export const WRAPPERS: readonly { path: string; planted: Record<string, number>; text: string }[] =
  [
    {
      path: 'apps/web/src/lib/analytics.ts',
      planted: { mixpanel: 3, posthog: 2 },
      text: `import mixpanel from 'mixpanel-browser';
import posthog from 'posthog-js';

/** Sends a product event to every analytics tool. */
export function track(name: string, props: Record<string, unknown>): void {
  mixpanel.track(name, { ...props, app: 'web' });
  posthog.capture(name, props);
}

/** Names the signed-in user. */
export function identify(userId: string, traits: Record<string, unknown>): void {
  mixpanel.identify(userId);
  mixpanel.people.set(traits);
  posthog.identify(userId, traits);
}
`,
    },
    {
      path: 'apps/admin/src/lib/analytics.ts',
      planted: { segment: 2 },
      text: `import { AnalyticsBrowser } from '@segment/analytics-next';

const segment = AnalyticsBrowser.load({ writeKey: import.meta.env.VITE_SEGMENT_KEY });

export function track(name: string, props?: Record<string, unknown>): void {
  void segment.track(name, props);
}

export function identify(userId: string, traits: Record<string, unknown>): void {
  void segment.identify(userId, traits);
}
`,
    },
    {
      path: 'apps/mobile-web/src/lib/analytics.ts',
      planted: { amplitude: 4 },
      text: `import * as amplitude from '@amplitude/analytics-browser';

amplitude.init(import.meta.env.VITE_AMPLITUDE_KEY, { defaultTracking: true });

export const track = (name: string, props: Record<string, unknown>): void => {
  amplitude.track(name, props);
};

export function identify(userId: string, traits: Record<string, string>): void {
  amplitude.setUserId(userId);
  const who = new amplitude.Identify();
  for (const [key, value] of Object.entries(traits)) who.set(key, value);
  amplitude.identify(who);
}
`,
    },
    {
      path: 'apps/marketing/src/lib/analytics.js',
      planted: { 'google-analytics': 1, segment: 2 },
      text: `// The marketing site loads gtag.js and the Segment snippet in index.html.
export function track(name, props) {
  window.gtag('event', name, props);
  window.analytics.track(name, props);
}

export function identify(userId, traits) {
  window.analytics.identify(userId, traits);
}
`,
    },
    {
      path: 'services/api/src/lib/analytics.ts',
      planted: { posthog: 2, segment: 2 },
      text: `import { PostHog } from 'posthog-node';
import { Analytics } from '@segment/analytics-node';

const posthog = new PostHog(process.env.POSTHOG_KEY ?? '', { host: 'https://eu.i.posthog.com' });
const segment = new Analytics({ writeKey: process.env.SEGMENT_KEY ?? '' });

export function track(name: string, props: Record<string, unknown>): void {
  const distinctId = String(props.userId ?? 'anonymous');
  posthog.capture({ distinctId, event: name, properties: props });
  segment.track({ userId: distinctId, event: name, properties: props });
}

export function identify(userId: string, traits: Record<string, unknown>): void {
  posthog.identify({ distinctId: userId, properties: traits });
  segment.identify({ userId, traits });
}
`,
    },
    {
      path: 'services/worker/src/lib/analytics.ts',
      planted: { mixpanel: 2 },
      text: `import Mixpanel from 'mixpanel';

const mp = Mixpanel.init(process.env.MIXPANEL_TOKEN ?? '', { protocol: 'https' });

export function track(name: string, props: Record<string, unknown>): void {
  mp.track(name, props);
}

export function identify(userId: string, traits: Record<string, unknown>): void {
  mp.people.set(userId, traits);
}
`,
    },
    {
      path: 'backend/core/analytics.py',
      planted: { mixpanel: 2, posthog: 1 },
      text: `"""Product analytics for the backend: the one module that knows the vendors."""
import posthog
from django.conf import settings
from mixpanel import Mixpanel

mp = Mixpanel(settings.MIXPANEL_TOKEN)
posthog.project_api_key = settings.POSTHOG_KEY


def track(user_id, event, properties):
    mp.track(user_id, event, properties)
    posthog.capture(user_id, event, properties)


def identify(user_id, traits):
    mp.people_set(user_id, traits)
`,
    },
  ];
