/**
 * The SDK calls `veil demo` makes: each official SDK sends one event carrying what the leaked
 * November 2025 dataset held (name, email, location, browser, referrer, ids) through a local
 * gateway. The SDKs are Veil's dev dependencies (installed by `npm ci`); they are imported
 * lazily so `veil` itself does not need them.
 */

/** One SDK call: its vendor, what the app passed, and the call itself. */
export interface DemoCall {
  readonly vendor: 'mixpanel' | 'segment' | 'posthog' | 'amplitude';
  readonly sdk: string;
  /** What the app handed the SDK, shown on the left. */
  readonly sent: Record<string, unknown>;
  /** Send through the gateway at `url` with `token`; resolves when the SDK reported success. */
  run(url: string, token: string): Promise<void>;
}

const PERSON = {
  name: 'Hanako Yamada',
  email: 'hanako.yamada@example.co.jp',
  city: 'Yokohama',
  country: 'JP',
  referrer: 'https://mail.example.com/inbox?u=hanako.yamada%40example.co.jp',
  url: 'https://app.example.com/org/8812/settings?invite_token=tk_9f8e7d6c5b4a',
  ip: '203.0.113.42',
};

/* eslint-disable @typescript-eslint/no-explicit-any -- the SDKs are loaded dynamically */
async function load(name: string): Promise<any> {
  try {
    return await import(name);
  } catch {
    throw new Error(
      `veil demo needs the dev dependency ${name}: run "npm ci" in the Veil checkout`,
    );
  }
}

/** The four SDK calls of the demo. */
export function demoCalls(): DemoCall[] {
  const mixpanel = {
    distinct_id: 'user-1001',
    $name: PERSON.name,
    email: PERSON.email,
    $city: PERSON.city,
    $current_url: PERSON.url,
    $referrer: PERSON.referrer,
    ip: PERSON.ip,
    plan: 'team',
  };
  const segment = {
    userId: 'user-1002',
    event: 'Invite Sent',
    properties: { plan: 'team', invitee_email: PERSON.email },
    context: { ip: PERSON.ip, page: { url: PERSON.url, referrer: PERSON.referrer } },
  };
  const posthog = {
    distinctId: 'user-1003',
    event: 'API Key Created',
    properties: { $current_url: PERSON.url, org_id: 'org-8812', note: `for ${PERSON.email}` },
  };
  const amplitude = {
    event_type: 'Checkout',
    user_id: 'user-1004',
    event_properties: { plan: 'team', billing_name: PERSON.name },
    ip: PERSON.ip,
    city: PERSON.city,
  };
  return [
    {
      vendor: 'mixpanel',
      sdk: 'mixpanel (node)',
      sent: { event: 'Signed Up', properties: mixpanel },
      async run(url, token) {
        const Mixpanel = (await load('mixpanel')).default;
        const u = new URL(url);
        const mp = Mixpanel.init(token, { host: u.host, protocol: 'http', path: '/mixpanel' });
        await new Promise<void>((resolve, reject) =>
          mp.track('Signed Up', mixpanel, (e: unknown) => (e ? reject(e) : resolve())),
        );
      },
    },
    {
      vendor: 'segment',
      sdk: '@segment/analytics-node',
      sent: segment,
      async run(url, token) {
        const { Analytics } = await load('@segment/analytics-node');
        const a = new Analytics({
          writeKey: token,
          host: url,
          path: '/segment/v1/batch',
          flushAt: 1,
        });
        const errors: unknown[] = [];
        a.on('error', (e: unknown) => errors.push(e));
        a.track(segment);
        await a.closeAndFlush({ timeout: 10_000 });
        if (errors.length > 0) throw new Error('the Segment SDK reported an error');
      },
    },
    {
      vendor: 'posthog',
      sdk: 'posthog-node',
      sent: posthog,
      async run(url, token) {
        const { PostHog } = await load('posthog-node');
        const ph = new PostHog(token, { host: `${url}/posthog`, flushAt: 1, flushInterval: 0 });
        const errors: unknown[] = [];
        ph.on('error', (e: unknown) => errors.push(e));
        ph.capture(posthog);
        await ph.shutdown();
        if (errors.length > 0) throw new Error('the PostHog SDK reported an error');
      },
    },
    {
      vendor: 'amplitude',
      sdk: '@amplitude/analytics-node',
      sent: amplitude,
      async run(url, token) {
        const { createInstance } = await load('@amplitude/analytics-node');
        const c = createInstance();
        await c.init(token, {
          serverUrl: `${url}/amplitude/2/httpapi`,
          logLevel: 0,
          flushIntervalMillis: 50,
        }).promise;
        const { event_type, event_properties, ...options } = amplitude;
        const r = await c.track(event_type, event_properties, options).promise;
        if (r.code !== 200) throw new Error(`the Amplitude SDK reported code ${String(r.code)}`);
      },
    },
  ];
}
