/**
 * mixpanel-browser, posthog-js, Segment's analytics.js (@segment/analytics-next) and
 * @amplitude/analytics-browser in headless Chromium against a real `veil serve`: the pages are
 * served from another origin (a second local server), so every request (mixpanel-browser's XHR
 * is sent with credentials, Amplitude's JSON needs a preflight) must pass CORS. The ids the browser actually sent are read off
 * the network; each must reach the fake vendor minimized. Skipped (with the reason) when
 * /usr/bin/chromium is absent.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { FakeVendor } from '../testing/fake-vendor.js';
import { removeDir, startVeil, type VeilProcess } from '../testing/serve.js';
import { startVendors, vendorDestination, type Vendors } from './setup.js';
import { eventsOf, identities, leaks, PII, PSEUDONYM, until, waitForIds } from './wire.js';

const CHROMIUM = '/usr/bin/chromium';
const TOKEN = 'mpbrowsertoken0e2e77';
const PH_KEY = 'phc_browserE2Ekey88';
const SEG_KEY = 'segbrowserwritekey0e2e99';
const AMP_KEY = 'ampbrowserapikey0e2e7712';
const sdkFile = (rel: string) =>
  fileURLToPath(new URL(`../../node_modules/${rel}`, import.meta.url));
const SDKS: Record<string, string> = {
  '/mixpanel.js': sdkFile('mixpanel-browser/dist/mixpanel.umd.js'),
  '/posthog.js': sdkFile('posthog-js/dist/array.full.js'),
  '/segment.js': sdkFile('@segment/analytics-next/dist/umd/index.js'),
  '/amplitude.js': sdkFile('@amplitude/analytics-browser/lib/scripts/amplitude-min.js'),
};
const skip = existsSync(CHROMIUM) ? false : `${CHROMIUM} is not installed`;

let veil: VeilProcess;
let vendors: Vendors;
let page: Server;
let pageBase = '';
let browser: Browser | undefined;

function posthogHtml(veilUrl: string): string {
  const cfg = {
    api_host: `${veilUrl}/posthog`,
    autocapture: false,
    capture_pageview: true,
    disable_session_recording: true,
    persistence: 'localStorage',
    // HeadlessChrome's user agent looks like a bot: posthog-js would drop every event.
    opt_out_useragent_filter: true,
  };
  return `<!doctype html><html><head><title>e2e</title><script src="/posthog.js"></script></head>
<body><script>
posthog.init(${JSON.stringify(PH_KEY)}, ${JSON.stringify(cfg)});
posthog.identify(${JSON.stringify(PII.userId)}, { email: ${JSON.stringify(PII.email)}, name: ${JSON.stringify(PII.name)} });
posthog.capture('Signed Up', { email: ${JSON.stringify(PII.email)}, ip_address: ${JSON.stringify(PII.ip)}, plan: 'pro' });
</script></body></html>`;
}

/** analytics.js with its settings given inline (no CDN), sending to Veil's Segment receiver. */
function segmentHtml(veilUrl: string): string {
  const segmentio = {
    apiKey: SEG_KEY,
    apiHost: `${new URL(veilUrl).host}/segment/v1`,
    protocol: 'http',
  };
  const settings = {
    writeKey: SEG_KEY,
    cdnSettings: { integrations: { 'Segment.io': segmentio } },
  };
  return `<!doctype html><html><head><title>e2e</title><script src="/segment.js"></script></head>
<body><script>
const analytics = AnalyticsNext.AnalyticsBrowser.load(${JSON.stringify(settings)});
analytics.identify(${JSON.stringify(PII.userId)}, { email: ${JSON.stringify(PII.email)}, name: ${JSON.stringify(PII.name)}, plan: 'pro' });
analytics.page();
analytics.track('Signed Up', { email: ${JSON.stringify(PII.email)}, ip_address: ${JSON.stringify(PII.ip)}, plan: 'pro' });
</script></body></html>`;
}

/** The Amplitude Browser SDK 2 with its server URL on Veil and default tracking off. */
function amplitudeHtml(veilUrl: string): string {
  const options = {
    serverUrl: `${veilUrl}/amplitude/2/httpapi`,
    defaultTracking: false,
    autocapture: false,
    flushIntervalMillis: 200,
    logLevel: 0,
  };
  return `<!doctype html><html><head><title>e2e</title><script src="/amplitude.js"></script></head>
<body><script>
amplitude.init(${JSON.stringify(AMP_KEY)}, ${JSON.stringify(PII.userId)}, ${JSON.stringify(options)});
const id = new amplitude.Identify();
id.set('email', ${JSON.stringify(PII.email)});
id.set('name', ${JSON.stringify(PII.name)});
amplitude.identify(id);
amplitude.track('Signed Up', { email: ${JSON.stringify(PII.email)}, ip_address: ${JSON.stringify(PII.ip)}, plan: 'pro' });
</script></body></html>`;
}

const PAGES: Record<string, (veilUrl: string) => string> = {
  '/ph/': posthogHtml,
  '/seg/': segmentHtml,
  '/amp/': amplitudeHtml,
};

function mixpanelHtml(veilUrl: string): string {
  const cfg = { api_host: `${veilUrl}/mixpanel`, batch_flush_interval_ms: 200, debug: false };
  return `<!doctype html><html><head><title>e2e</title><script src="/mixpanel.js"></script></head>
<body><script>
window.__results = [];
mixpanel.init(${JSON.stringify(TOKEN)}, ${JSON.stringify(cfg)});
mixpanel.identify(${JSON.stringify(PII.userId)});
mixpanel.people.set({ $email: ${JSON.stringify(PII.email)}, $name: ${JSON.stringify(PII.name)}, plan: 'pro' });
mixpanel.track('Signed Up', { email: ${JSON.stringify(PII.email)}, ip_address: ${JSON.stringify(PII.ip)}, plan: 'pro' });
mixpanel.track('Viewed Pricing', { contact: ${JSON.stringify(PII.email)} });
// A non-batched instance: its callback gets the answer the SDK read (1 / {status:1} = success).
mixpanel.init(${JSON.stringify(TOKEN)}, ${JSON.stringify({ ...cfg, batch_requests: false })}, 'direct');
mixpanel.direct.identify(${JSON.stringify(PII.userId)});
mixpanel.direct.track('Direct Event', { email: ${JSON.stringify(PII.email)} }, (r) => window.__results.push(r));
</script></body></html>`;
}

before(async () => {
  if (skip) return;
  vendors = await startVendors({ mp: 'mixpanel', ph: 'posthog', seg: 'segment', amp: 'amplitude' });
  veil = await startVeil({
    config: {
      version: 1,
      sources: {
        web: { type: 'mixpanel', tokens: [TOKEN], destinations: ['mp'] },
        webph: { type: 'posthog', tokens: [PH_KEY], destinations: ['ph'] },
        webseg: { type: 'segment', tokens: [SEG_KEY], destinations: ['seg'] },
        webamp: { type: 'amplitude', tokens: [AMP_KEY], destinations: ['amp'] },
      },
      destinations: {
        mp: vendorDestination('mixpanel', vendors.byName.mp!, 'E2E_MP_TOKEN'),
        ph: vendorDestination('posthog', vendors.byName.ph!, 'E2E_PH_KEY'),
        seg: vendorDestination('segment', vendors.byName.seg!, 'E2E_SEG_KEY'),
        amp: vendorDestination('amplitude', vendors.byName.amp!, 'E2E_AMP_KEY'),
      },
    },
    env: {
      E2E_MP_TOKEN: 'destmptoken',
      E2E_PH_KEY: 'phc_destkey',
      E2E_SEG_KEY: 'destsegkey',
      E2E_AMP_KEY: 'destampkey',
    },
  });
  page = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const file = SDKS[path];
    if (file !== undefined) {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(readFileSync(file));
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html' });
    const html = Object.entries(PAGES).find(([prefix]) => path.startsWith(prefix))?.[1];
    res.end((html ?? mixpanelHtml)(veil.url));
  });
  await new Promise<void>((r) => page.listen(0, '127.0.0.1', r));
  // The secret token sits in the page URL: mixpanel-browser sends it as $current_url.
  pageBase = `http://127.0.0.1:${(page.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    timeout: 30_000,
  });
});

after(async () => {
  await browser?.close();
  if (page) await new Promise<void>((r) => page.close(() => r()));
  await veil?.stop();
  await vendors?.close();
  if (veil) removeDir(veil.dataDir);
});

/**
 * Dedupe ids (PostHog `uuid`, Segment `messageId`, Amplitude `insert_id`, else Mixpanel
 * `$insert_id`) in a browser request body: gzip, form `data=` (base64 or JSON), or JSON.
 */
function sentIds(body: Buffer | null): string[] {
  if (body === null || body.length === 0) return [];
  let text = body[0] === 0x1f && body[1] === 0x8b ? gunzipSync(body).toString() : body.toString();
  const data = new URLSearchParams(text).get('data');
  if (data !== null && !text.trimStart().startsWith('{') && !text.trimStart().startsWith('['))
    text = /^[[{]/.test(data) ? data : Buffer.from(data, 'base64').toString();
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return [];
  }
  const { batch, events } = v as { batch?: unknown; events?: unknown };
  const list = (
    Array.isArray(v) ? v : Array.isArray(batch) ? batch : Array.isArray(events) ? events : [v]
  ) as {
    uuid?: unknown;
    messageId?: unknown;
    insert_id?: unknown;
    properties?: { $insert_id?: unknown };
  }[];
  return list
    .map((e) => e.uuid ?? e.messageId ?? e.insert_id ?? e.properties?.$insert_id)
    .filter((x): x is string => typeof x === 'string');
}

/** What the browser did with its requests to Veil. */
interface Traffic {
  readonly ids: Set<string>;
  readonly failed: string[];
  readonly statuses: number[];
  readonly corsErrors: string[];
}

/** Watch `tab`'s requests to Veil; ids are read from request bodies on `eventPaths`. */
function watch(tab: Page, eventPaths: RegExp): Traffic {
  const t: Traffic = { ids: new Set(), failed: [], statuses: [], corsErrors: [] };
  tab.on('request', (r) => {
    if (r.url().startsWith(veil.url) && eventPaths.test(new URL(r.url()).pathname))
      for (const id of sentIds(r.postDataBuffer())) t.ids.add(id);
  });
  tab.on('requestfailed', (r) => {
    if (r.url().startsWith(veil.url))
      t.failed.push(`${r.method()} ${new URL(r.url()).pathname}: ${r.failure()?.errorText}`);
  });
  tab.on('response', (r) => {
    if (r.url().startsWith(veil.url) && r.request().method() === 'POST')
      t.statuses.push(r.status());
  });
  tab.on('console', (m) => {
    if (/CORS|Access-Control/i.test(m.text())) t.corsErrors.push(m.text());
  });
  return t;
}

/** The browser saw no failure, and the vendor got only minimized events with pseudonyms. */
function assertClean(t: Traffic, vendor: FakeVendor, token: string): void {
  assert.deepEqual(t.failed, [], 'requests the browser could not complete');
  assert.deepEqual(t.corsErrors, [], 'CORS errors in the console');
  assert.ok(t.statuses.length > 0, 'no POST reached Veil');
  assert.ok(
    t.statuses.every((s) => s === 200),
    `answers: ${t.statuses.join(',')}`,
  );
  assert.deepEqual(
    leaks(vendor.requests, { ...PII, token }),
    [],
    'planted values reached the vendor',
  );
  for (const e of vendor.requests.flatMap(eventsOf)) {
    const idents = identities(e);
    assert.ok(idents.length > 0, 'an event without identity');
    for (const id of idents) assert.match(id, PSEUDONYM);
  }
}

type Results = { __results: unknown[] };

test(
  'mixpanel-browser: XHR with credentials passes CORS; events arrive minimized',
  { skip, timeout: 60_000 },
  async () => {
    const ctx = await browser!.newContext();
    const tab = await ctx.newPage();
    const t = watch(tab, /^\/mixpanel\/track/);
    const vendor = vendors.byName.mp!;
    try {
      await tab.goto(`${pageBase}/mp/account/reset?token=${PII.urlToken}`, { timeout: 20_000 });
      await until(() => t.ids.size >= 3, 'the browser to send its tracks', 20_000);
      await tab.waitForFunction(
        () => (globalThis as unknown as Results).__results.length > 0,
        null,
        { timeout: 20_000 },
      );
      const answer = (await tab.evaluate(() => (globalThis as unknown as Results).__results))[0];
      const ok = answer === 1 || (answer as { status?: unknown } | null)?.status === 1;
      assert.ok(ok, `the SDK read ${JSON.stringify(answer)}`);
      await waitForIds(vendor, t.ids, 20_000);
      await until(
        () => vendor.requests.flatMap(eventsOf).some((e) => '$set' in e),
        'the people.set profile update',
        20_000,
      );
    } finally {
      await ctx.close();
    }
    assertClean(t, vendor, TOKEN);
  },
);

test(
  'posthog-js: capture and identify (gzip from the browser) arrive minimized',
  { skip, timeout: 60_000 },
  async () => {
    const ctx = await browser!.newContext();
    const tab = await ctx.newPage();
    const t = watch(tab, /^\/posthog\/(e|i\/v0\/e|batch|capture|track)\/?$/);
    const vendor = vendors.byName.ph!;
    try {
      await tab.goto(`${pageBase}/ph/account/reset?token=${PII.urlToken}`, { timeout: 20_000 });
      // $pageview, $identify and Signed Up.
      await until(() => t.ids.size >= 3, 'the browser to send its events', 30_000);
      await waitForIds(vendor, t.ids, 20_000);
    } finally {
      await ctx.close();
    }
    const names = vendor.requests.flatMap(eventsOf).map((e) => e.event);
    assert.ok(
      names.includes('$identify') && names.includes('Signed Up'),
      `events: ${names.join(',')}`,
    );
    assertClean(t, vendor, PH_KEY);
  },
);

test(
  "Segment's analytics.js (analytics-next): identify, page and track (text/plain) arrive minimized",
  { skip, timeout: 60_000 },
  async () => {
    const ctx = await browser!.newContext();
    const tab = await ctx.newPage();
    const t = watch(tab, /^\/segment\/v1\/[tipb]$/);
    const vendor = vendors.byName.seg!;
    try {
      // An account number in the path: analytics.js sends it in the page call's
      // `properties.path` as well as in `context.page.path`.
      await tab.goto(`${pageBase}/seg/account/48213507/reset?token=${PII.urlToken}`, {
        timeout: 20_000,
      });
      await until(() => t.ids.size >= 3, 'the browser to send its calls', 30_000);
      await waitForIds(vendor, t.ids, 20_000);
    } finally {
      await ctx.close();
    }
    const events = vendor.requests.flatMap(eventsOf);
    const types = events.map((e) => e.type);
    assert.ok(
      ['identify', 'page', 'track'].every((x) => types.includes(x)),
      `types: ${types.join(',')}`,
    );
    // The page's URL carried a secret token in its query: what the vendor got has no query.
    for (const e of events) {
      const url = (e.context as { page?: { url?: unknown } } | undefined)?.page?.url;
      if (typeof url === 'string') assert.ok(!url.includes('?'), `page url kept a query: ${url}`);
    }
    // Nor the account number: the page call's own properties are read as the page's.
    const pageCall = events.find((e) => e.type === 'page');
    const props = pageCall?.properties as Record<string, unknown> | undefined;
    assert.equal(props?.path, '/seg/account/:id/reset');
    assert.ok(
      !JSON.stringify(events).includes('48213507'),
      'the account number reached the vendor',
    );
    assertClean(t, vendor, SEG_KEY);
  },
);

test(
  '@amplitude/analytics-browser: identify and track (JSON after a CORS preflight) arrive minimized',
  { skip, timeout: 60_000 },
  async () => {
    const ctx = await browser!.newContext();
    const tab = await ctx.newPage();
    const t = watch(tab, /^\/amplitude\/2\/httpapi$/);
    const vendor = vendors.byName.amp!;
    try {
      await tab.goto(`${pageBase}/amp/account/reset?token=${PII.urlToken}`, { timeout: 20_000 });
      await until(() => t.ids.size >= 2, 'the browser to send its events', 30_000);
      await waitForIds(vendor, t.ids, 20_000);
    } finally {
      await ctx.close();
    }
    const names = vendor.requests.flatMap(eventsOf).map((e) => e.event_type);
    assert.ok(
      names.includes('$identify') && names.includes('Signed Up'),
      `events: ${names.join(',')}`,
    );
    assertClean(t, vendor, AMP_KEY);
  },
);
