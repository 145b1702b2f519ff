/**
 * A generated monorepo for the `veil scan` benchmark, deterministic from a seed: about 70%
 * TypeScript/JavaScript files that call no SDK (components, hooks, utilities, services), 20% that
 * do (browser SDKs imported or global, Node SDKs, and callers of each app's `src/lib/analytics.ts`
 * wrapper) and 10% Python (Django apps: views calling SDKs or `core.analytics.track`, models).
 * Files are 50–400 lines, most of them short. The generator counts what it plants: SDK sink calls
 * per vendor and wrapper call sites, so a run can compare them with what the scanner found.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';

/** What the generator wrote. */
export interface ScanCorpus {
  readonly seed: number;
  readonly files: number;
  readonly bytes: number;
  readonly lines: number;
  /** Files by extension (`.tsx`: 1234). */
  readonly byExt: Readonly<Record<string, number>>;
  /** Files by role: plain, sdk-browser, sdk-node, wrapper-caller, wrapper-module, python-… */
  readonly byRole: Readonly<Record<string, number>>;
  /**
   * SDK sink calls written, by vendor id: wrapper bodies included, each `Identify().set(…)`
   * included, init/config calls not.
   */
  readonly plantedCalls: Readonly<Record<string, number>>;
  /** Calls of a wrapper function (`track(…)` imported from an analytics module), by language. */
  readonly plantedWrapperSites: { readonly js: number; readonly python: number };
}

type Rand = () => number;

/** mulberry32: small, fast, and the same sequence on every platform. */
function random(seed: number): Rand {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NOUNS = [
  ...['order', 'invoice', 'product', 'cart', 'item', 'project', 'team', 'member', 'report'],
  ...['payment', 'subscription', 'plan', 'coupon', 'address', 'message', 'thread', 'comment'],
  ...['ticket', 'workspace', 'document', 'folder', 'task', 'board', 'column', 'card', 'setting'],
  ...['notification', 'webhook', 'role', 'permission', 'schedule', 'shipment', 'review'],
];
const VERBS = ['load', 'fetch', 'save', 'update', 'remove', 'create', 'format', 'parse', 'sync'];
const MORE_VERBS = ['validate', 'normalize', 'compute', 'build', 'resolve', 'merge', 'group'];
const FIELDS = ['id', 'status', 'title', 'createdAt', 'updatedAt', 'count', 'total', 'kind'];
const EVENTS = [
  ...['Checkout Started', 'Order Completed', 'Invoice Paid', 'Project Created', 'Member Invited'],
  ...['Plan Upgraded', 'Report Exported', 'Ticket Opened', 'Comment Posted', 'Search Performed'],
  ...['Coupon Applied', 'File Uploaded', 'Settings Saved', 'Onboarding Step Completed'],
];
/** Values apps send: personal (by key or by value name) and ordinary. */
const JS_PROPS = [
  ...['email: user.email', 'phone: user.phone', 'name: user.name', 'userId: user.id'],
  ...['fullName: `${user.firstName} ${user.lastName}`', 'address: order.shippingAddress.line1'],
  ...['birthday: user.birthDate', 'url: window.location.href', 'emailHash: sha256(user.email)'],
  ...['plan: account.plan', 'total: order.total', 'currency: order.currency', "source: 'app'"],
  ...['items: order.items.length', 'seats: account.seats', 'variant: flags.variant'],
  ...['path: `/orders/${order.id}`', 'step: 2', 'isTrial: account.trial'],
];
const PY_PROPS = [
  ...['"email": user.email', '"phone": user.phone_number', '"name": user.get_full_name()'],
  ...[
    '"full_name": f"{user.first_name} {user.last_name}"',
    '"ip": request.META.get("REMOTE_ADDR")',
  ],
  ...['"plan": account.plan', '"total": str(order.total)', '"currency": order.currency'],
  ...['"items": order.items.count()', '"source": "api"', '"path": request.path'],
];

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const snake = (s: string): string => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Random choices over one seeded sequence. */
class Pick {
  constructor(readonly r: Rand) {}
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.r() * (hi - lo + 1));
  }
  one<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.r() * xs.length)]!;
  }
  some<T>(xs: readonly T[], lo: number, hi: number): T[] {
    const n = this.int(lo, hi);
    return Array.from({ length: n }, () => this.one(xs)).filter((x, i, a) => a.indexOf(x) === i);
  }
  chance(p: number): boolean {
    return this.r() < p;
  }
  /** 50–400 lines, skewed towards short files as in real repositories. */
  lines(): number {
    return 50 + Math.floor(350 * this.r() ** 1.8);
  }
}

/** Lines being written into one file, and the counters of the whole corpus. */
interface Out {
  readonly p: Pick;
  readonly ts: boolean;
  readonly jsx: boolean;
  readonly planted: Record<string, number>;
  readonly sites: { js: number; python: number };
}

const ind = (lines: readonly string[], n = 1): string[] =>
  lines.map((l) => (l === '' ? l : '  '.repeat(n) + l));
const ann = (o: Out, type: string): string => (o.ts ? `: ${type}` : '');

function jsStatement(o: Out, list: string): string[] {
  const { p } = o;
  const f = p.one(FIELDS);
  const n = p.one(NOUNS);
  switch (p.int(0, 6)) {
    case 0:
      return [`const ${n}s = ${list}.filter((it) => it.${f} !== '${p.one(VERBS)}');`];
    case 1:
      return [
        `const byId = new Map(${list}.map((it) => [it.id, { ...it, ${f}: it.${f} ?? ${p.int(0, 99)} }]));`,
      ];
    case 2:
      return [`let sum = 0;`, `for (const it of ${list}) {`, `  sum += it.${f} ?? 0;`, `}`];
    case 3:
      return [
        `if (${list}.length > ${p.int(2, 500)}) {`,
        `  console.warn(\`${n}: \${${list}.length} rows\`);`,
        `}`,
      ];
    case 4:
      return [`const { ${f}, ${p.one(FIELDS)}: other } = ${list}[0] ?? {};`, `void other;`];
    case 5:
      return [
        `switch (${list}[0]?.status) {`,
        `  case '${p.one(VERBS)}':`,
        `    ${list}.sort((a, b) => a.${f} - b.${f});`,
        `    break;`,
        `  default:`,
        `    ${list}.reverse();`,
        `}`,
      ];
    default:
      return [
        `const label = \`\${${list}.length} ${n}s, ${p.one(VERBS)}ed at \${new Date().toISOString()}\`;`,
      ];
  }
}

function jsFunction(o: Out): string[] {
  const { p } = o;
  const n = p.one(NOUNS);
  const name = `${p.one([...VERBS, ...MORE_VERBS])}${cap(n)}s`;
  const body: string[] = [];
  for (let i = p.int(2, 7); i > 0; i--) body.push(...jsStatement(o, 'rows'));
  if (p.chance(0.4))
    return [
      `export async function ${name}(client${ann(o, 'HttpClient')}, id${ann(o, 'string')}) {`,
      `  const res = await client.get(\`/api/${n}s/\${id}\`);`,
      `  if (!res.ok) throw new Error(\`${name} failed: \${res.status}\`);`,
      `  const rows${ann(o, `${cap(n)}[]`)} = (await res.json()).items;`,
      ...ind(body),
      `  return rows;`,
      `}`,
    ];
  return [
    `/** ${cap(name)} for display. */`,
    `export function ${name}(rows${ann(o, `${cap(n)}[]`)}) {`,
    ...ind(body),
    `  return rows;`,
    `}`,
  ];
}

function jsType(o: Out): string[] {
  const n = cap(o.p.one(NOUNS));
  const fields = o.p
    .some(FIELDS, 3, 8)
    .map(
      (f) =>
        `  ${f}${o.p.chance(0.3) ? '?' : ''}: ${f === 'count' || f === 'total' ? 'number' : 'string'};`,
    );
  return [`export interface ${n}${o.p.one(['', 'Row', 'Props', 'State'])} {`, ...fields, '}'];
}

function jsClass(o: Out): string[] {
  const n = cap(o.p.one(NOUNS));
  const methods: string[] = [];
  for (let i = o.p.int(2, 5); i > 0; i--) {
    const v = o.p.one(MORE_VERBS);
    methods.push(
      '',
      `  async ${v}(id${ann(o, 'string')}) {`,
      `    const cached = this.cache.get(id);`,
      `    if (cached) return cached;`,
    );
    methods.push(`    const rows = await this.http.get(\`/api/${n.toLowerCase()}s/\${id}/${v}\`);`);
    methods.push(
      ...ind(jsStatement(o, 'rows'), 2),
      `    this.cache.set(id, rows);`,
      `    return rows;`,
      `  }`,
    );
  }
  const field = o.ts
    ? '  private readonly cache = new Map<string, unknown>();'
    : '  cache = new Map();';
  const ctor = o.ts
    ? '  constructor(private readonly http: HttpClient) {}'
    : '  constructor(http) {\n    this.http = http;\n  }';
  return [`export class ${n}Service {`, field, '', ctor, ...methods, '}'];
}

function jsComponent(o: Out): string[] {
  const { p } = o;
  const n = cap(p.one(NOUNS));
  const f = p.one(FIELDS);
  const props = o.ts ? `: { items: ${n}[]; title: string; onSelect(id: string): void }` : '';
  return [
    `export function ${n}${p.one(['List', 'Panel', 'Table', 'Card'])}({ items, title, onSelect }${props}) {`,
    `  const [open, setOpen] = useState(false);`,
    `  const visible = useMemo(() => items.filter((it) => it.${f} !== undefined), [items]);`,
    `  useEffect(() => {`,
    ...ind(jsStatement(o, 'visible'), 2),
    `  }, [visible]);`,
    `  return (`,
    `    <section className="${n.toLowerCase()}-${p.one(['list', 'panel'])}">`,
    `      <h2 onClick={() => setOpen(!open)}>{title}</h2>`,
    `      {open && visible.map((it) => (`,
    `        <${n}Row key={it.id} item={it} onClick={() => onSelect(it.id)} />`,
    `      ))}`,
    `      <p className="muted">{visible.length} of {items.length}</p>`,
    `    </section>`,
    `  );`,
    `}`,
  ];
}

function jsConstants(o: Out): string[] {
  const n = o.p.one(NOUNS).toUpperCase();
  const rows = o.p.some(VERBS, 3, 9).map((v) => `  ${v}: '${cap(v)} ${n.toLowerCase()}',`);
  return [`export const ${n}_LABELS${ann(o, 'Record<string, string>')} = {`, ...rows, '};'];
}

/** Filler: code that names no SDK. */
function jsFiller(o: Out): string[] {
  const kinds = [
    jsFunction,
    jsFunction,
    jsClass,
    jsConstants,
    ...(o.ts ? [jsType] : []),
    ...(o.jsx ? [jsComponent, jsComponent] : []),
  ];
  return ['', ...o.p.one(kinds)(o)];
}

/** A properties argument in one of the shapes apps write: literal, variable, spread, shorthand. */
function jsProps(o: Out): { pre: string[]; expr: string } {
  const props = o.p.some(JS_PROPS, 1, 5);
  switch (o.p.int(0, 3)) {
    case 0:
      return { pre: [], expr: `{ ${props.join(', ')} }` };
    case 1:
      return { pre: [`const props = { ${props.join(', ')} };`], expr: 'props' };
    case 2:
      return {
        pre: [`const base = { app: 'web', release: RELEASE };`],
        expr: `{ ...base, ${props.join(', ')} }`,
      };
    default:
      return { pre: [`const { email, plan } = user;`], expr: `{ email, plan, ${props[0]} }` };
  }
}

/** One SDK call site; returns the lines and counts it. */
type CallGen = (o: Out, event: string) => string[];

const plant = (o: Out, vendor: string, lines: string[], n = 1): string[] => {
  o.planted[vendor] = (o.planted[vendor] ?? 0) + n;
  return lines;
};

const BROWSER: Readonly<Record<string, { imports: string[]; call: CallGen }>> = {
  mixpanel: {
    imports: ["import mixpanel from 'mixpanel-browser';"],
    call: (o, ev) => {
      const { pre, expr } = jsProps(o);
      if (o.p.chance(0.25))
        return plant(
          o,
          'mixpanel',
          [
            `mixpanel.identify(user.id);`,
            `mixpanel.people.set({ $email: user.email, $name: user.name, plan: account.plan });`,
          ],
          2,
        );
      return plant(o, 'mixpanel', [...pre, `mixpanel.track('${ev}', ${expr});`]);
    },
  },
  posthog: {
    imports: ["import posthog from 'posthog-js';"],
    call: (o, ev) => {
      const { pre, expr } = jsProps(o);
      if (o.p.chance(0.2))
        return plant(o, 'posthog', [
          `posthog.identify(user.id, { email: user.email, name: user.name });`,
        ]);
      return plant(o, 'posthog', [...pre, `posthog.capture('${ev}', ${expr});`]);
    },
  },
  segment: {
    imports: [
      "import { AnalyticsBrowser } from '@segment/analytics-next';",
      '',
      "const segment = AnalyticsBrowser.load({ writeKey: 'wk_live_3f9a' });",
    ],
    call: (o, ev) => {
      const { pre, expr } = jsProps(o);
      if (o.p.chance(0.2))
        return plant(o, 'segment', [
          `void segment.identify(user.id, { email: user.email, company: account.name });`,
        ]);
      return plant(o, 'segment', [...pre, `void segment.track('${ev}', ${expr});`]);
    },
  },
  sentry: {
    imports: ["import * as Sentry from '@sentry/browser';"],
    call: (o, ev) =>
      o.p.chance(0.5)
        ? plant(
            o,
            'sentry',
            [
              `Sentry.setUser({ id: user.id, email: user.email, ip_address: '{{auto}}' });`,
              `Sentry.setTag('plan', account.plan);`,
            ],
            2,
          )
        : plant(o, 'sentry', [
            `Sentry.addBreadcrumb({ category: 'ui', message: \`${ev} by \${user.email}\` });`,
          ]),
  },
  'google-analytics': {
    imports: [],
    call: (o, ev) =>
      o.p.chance(0.5)
        ? plant(o, 'google-analytics', [
            `window.gtag('event', '${snake(ev.replace(/ /g, ''))}', { value: order.total, user_email: user.email });`,
          ])
        : plant(o, 'google-analytics', [
            `window.dataLayer.push({ event: '${ev}', userId: user.id, plan: account.plan });`,
          ]),
  },
  amplitude: {
    imports: ["import * as amplitude from '@amplitude/analytics-browser';"],
    call: (o, ev) => {
      const { pre, expr } = jsProps(o);
      if (o.p.chance(0.25))
        return plant(
          o,
          'amplitude',
          [
            `amplitude.setUserId(user.id);`,
            `const who = new amplitude.Identify().set('email', user.email).set('plan', account.plan);`,
            `amplitude.identify(who);`,
          ],
          4,
        );
      return plant(o, 'amplitude', [...pre, `amplitude.track('${ev}', ${expr});`]);
    },
  },
  datadog: {
    imports: ["import { datadogRum } from '@datadog/browser-rum';"],
    call: (o, ev) =>
      o.p.chance(0.4)
        ? plant(o, 'datadog', [
            `datadogRum.setUser({ id: user.id, email: user.email, name: user.name });`,
          ])
        : plant(o, 'datadog', [
            `datadogRum.addAction('${ev}', { orderId: order.id, total: order.total });`,
          ]),
  },
  intercom: {
    imports: [],
    call: (o) =>
      plant(o, 'intercom', [
        `window.Intercom('${o.p.one(['boot', 'update'])}', {`,
        `  app_id: INTERCOM_APP_ID,`,
        `  user_id: user.id,`,
        `  email: user.email,`,
        `  name: user.name,`,
        `  company: { id: account.id, name: account.name },`,
        `});`,
      ]),
  },
};

/** A function (or a component's handler) around SDK or wrapper calls. */
function sdkFunction(o: Out, calls: (ev: string) => string[]): string[] {
  const { p } = o;
  const ev = p.one(EVENTS);
  const body = [...jsStatement(o, 'order.items'), ...calls(ev)];
  const args = o.ts ? 'user: User, account: Account, order: Order' : 'user, account, order';
  const name = `on${ev.replace(/ /g, '')}`;
  if (o.jsx && p.chance(0.5))
    return [
      '',
      `export function ${ev.replace(/ /g, '')}Button({ user, account, order }${o.ts ? ': { user: User; account: Account; order: Order }' : ''}) {`,
      `  const handleClick = useCallback(() => {`,
      ...ind(body, 2),
      `  }, [user, account, order]);`,
      `  return <Button onClick={handleClick}>${ev}</Button>;`,
      `}`,
    ];
  return ['', `export function ${name}(${args}) {`, ...ind(body), '}'];
}

function jsHeader(o: Out, extra: readonly string[]): string[] {
  const { p } = o;
  const lines = o.jsx ? ["import { useCallback, useEffect, useMemo, useState } from 'react';"] : [];
  if (o.ts) lines.push(`import type { Account, HttpClient, Order, User } from '../types';`);
  for (const v of p.some(VERBS, 0, 3))
    lines.push(`import { ${v}${cap(p.one(NOUNS))} } from '../utils/${v}';`);
  return [
    ...lines,
    ...extra,
    '',
    `const RELEASE = '${p.int(1, 9)}.${p.int(0, 40)}.${p.int(0, 9)}';`,
  ];
}

/** Body lines until `target`, with `special` chunks placed among the filler. */
function body(o: Out, target: number, special: readonly string[][]): string[] {
  const lines: string[] = [];
  const at = new Set(special.map(() => o.p.int(0, Math.max(1, Math.floor(target / 25)))));
  let i = 0;
  let next = 0;
  while (lines.length < target || next < special.length) {
    if (at.has(i) && next < special.length) lines.push(...special[next++]!);
    else if (lines.length >= target) lines.push(...special[next++]!);
    else lines.push(...jsFiller(o));
    i++;
  }
  return lines;
}

/** A file of one role; its lines. */
function jsFile(o: Out, role: string, wrapperSpec: string): string[] {
  const { p } = o;
  const target = p.lines();
  if (role === 'plain') {
    const decoy = p.chance(0.03)
      ? [
          [
            '',
            '// Usage analytics for this screen are computed server-side.',
            'const analytics = summarize(RELEASE);',
            'void analytics;',
          ],
        ]
      : [];
    return [...jsHeader(o, []), ...body(o, target, decoy)];
  }
  if (role === 'wrapper-caller') {
    const sites = p.int(1, 6);
    o.sites.js += sites;
    const chunks = Array.from({ length: sites }, () =>
      sdkFunction(o, (ev) => {
        if (p.chance(0.2)) return [`identify(user.id, { email: user.email, plan: account.plan });`];
        const { pre, expr } = jsProps(o);
        return [...pre, `track('${ev}', ${expr});`];
      }),
    );
    return [
      ...jsHeader(o, [`import { identify, track } from '${wrapperSpec}';`]),
      ...body(o, target, chunks),
    ];
  }
  const vendors = p.some(Object.keys(BROWSER), 1, 2);
  const imports = vendors.flatMap((v) => BROWSER[v]!.imports);
  const chunks = Array.from({ length: p.int(1, 5) }, () =>
    sdkFunction(o, (ev) => BROWSER[p.one(vendors)]!.call(o, ev)),
  );
  return [...jsHeader(o, imports), ...body(o, target, chunks)];
}

const NODE: Readonly<Record<string, { imports: string[]; call: CallGen }>> = {
  posthog: {
    imports: [
      "import { PostHog } from 'posthog-node';",
      '',
      "const posthog = new PostHog(process.env.POSTHOG_KEY ?? '');",
    ],
    call: (o, ev) => {
      const { pre, expr } = jsProps(o);
      return plant(o, 'posthog', [
        ...pre,
        `posthog.capture({ distinctId: user.id, event: '${ev}', properties: ${expr} });`,
      ]);
    },
  },
  segment: {
    imports: [
      "import { Analytics } from '@segment/analytics-node';",
      '',
      "const segment = new Analytics({ writeKey: process.env.SEGMENT_KEY ?? '' });",
    ],
    call: (o, ev) => {
      const { pre, expr } = jsProps(o);
      if (o.p.chance(0.2))
        return plant(o, 'segment', [
          `segment.identify({ userId: user.id, traits: { email: user.email, name: user.name } });`,
        ]);
      return plant(o, 'segment', [
        ...pre,
        `segment.track({ userId: user.id, event: '${ev}', properties: ${expr} });`,
      ]);
    },
  },
  mixpanel: {
    imports: [
      "import Mixpanel from 'mixpanel';",
      '',
      "const mp = Mixpanel.init(process.env.MIXPANEL_TOKEN ?? '');",
    ],
    call: (o, ev) => {
      const { pre, expr } = jsProps(o);
      return plant(o, 'mixpanel', [
        ...pre,
        `mp.track('${ev}', { distinct_id: user.id, ...${expr} });`,
      ]);
    },
  },
};

function nodeFile(o: Out): string[] {
  const { p } = o;
  const vendors = p.some(Object.keys(NODE), 1, 2);
  const imports = vendors.flatMap((v) => NODE[v]!.imports);
  const chunks = Array.from({ length: p.int(1, 4) }, () =>
    sdkFunction(o, (ev) => NODE[p.one(vendors)]!.call(o, ev)),
  );
  return [...jsHeader(o, imports), ...body(o, p.lines(), chunks)];
}

/** The wrapper modules: `src/lib/analytics.*` of each app and service, with their sink counts. */
const WRAPPERS: readonly { path: string; planted: Record<string, number>; text: string }[] = [
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

const pyInd = (lines: readonly string[], n = 1): string[] =>
  lines.map((l) => (l === '' ? l : '    '.repeat(n) + l));

function pyStatement(o: Out): string[] {
  const { p } = o;
  const f = snake(p.one(FIELDS));
  switch (p.int(0, 5)) {
    case 0:
      return [`items = [it for it in order.items.all() if it.${f} != "${p.one(VERBS)}"]`];
    case 1:
      return [
        `total = sum(it.total for it in order.items.all())`,
        `logger.debug("total %s for %s", total, order.pk)`,
      ];
    case 2:
      return [
        `for it in order.items.select_related("product"):`,
        `    it.${f} = it.${f} or ${p.int(0, 9)}`,
        `    it.save(update_fields=["${f}"])`,
      ];
    case 3:
      return [
        `if not order.${f}:`,
        `    return JsonResponse({"error": "missing ${f}"}, status=400)`,
      ];
    case 4:
      return [
        `try:`,
        `    order.full_clean()`,
        `except ValidationError as exc:`,
        `    return JsonResponse({"error": str(exc)}, status=400)`,
      ];
    default:
      return [`data = {"id": order.pk, "${f}": order.${f}, "updated": timezone.now().isoformat()}`];
  }
}

function pyFiller(o: Out): string[] {
  const { p } = o;
  const n = p.one(NOUNS);
  if (p.chance(0.4)) {
    const fields = p
      .some(FIELDS, 3, 7)
      .filter((f) => f !== 'id')
      .map(
        (f) =>
          `    ${snake(f)} = models.${p.one(['CharField(max_length=120)', 'IntegerField(default=0)', 'DateTimeField(auto_now=True)'])}`,
      );
    return [
      '',
      '',
      `class ${cap(n)}${p.one(['', 'Entry', 'Record'])}(models.Model):`,
      `    """One ${n}, as stored."""`,
      '',
      ...fields,
      '',
      '    class Meta:',
      '        ordering = ["-pk"]',
      '',
      '    def __str__(self):',
      `        return f"${n} {self.pk}"`,
    ];
  }
  const stmts: string[] = [];
  for (let i = p.int(2, 6); i > 0; i--) stmts.push(...pyStatement(o));
  return [
    '',
    '',
    `def ${p.one(MORE_VERBS)}_${n}s(order, *, limit=${p.int(10, 500)}):`,
    `    """${cap(p.one(VERBS))} the ${n}s of an order."""`,
    ...pyInd(stmts),
    '    return order',
  ];
}

function pyProps(o: Out): { pre: string[]; expr: string } {
  const props = o.p.some(PY_PROPS, 1, 4).join(', ');
  const k = o.p.int(0, 2);
  if (k === 0) return { pre: [], expr: `{${props}}` };
  if (k === 1) return { pre: [`properties = {${props}}`], expr: 'properties' };
  return { pre: [`base = {"app": "backend", "release": RELEASE}`], expr: `{**base, ${props}}` };
}

/** Python SDK calls; `mp` and `analytics` are bound by the file's imports. */
const PY_CALLS: Readonly<Record<string, { imports: string[]; call: CallGen }>> = {
  mixpanel: {
    imports: ['from mixpanel import Mixpanel', '', 'mp = Mixpanel(settings.MIXPANEL_TOKEN)'],
    call: (o, ev) => {
      if (o.p.chance(0.25))
        return plant(o, 'mixpanel', [
          `mp.people_set(str(user.pk), {"$email": user.email, "$name": user.get_full_name()})`,
        ]);
      const { pre, expr } = pyProps(o);
      return plant(o, 'mixpanel', [...pre, `mp.track(str(user.pk), "${ev}", ${expr})`]);
    },
  },
  posthog: {
    imports: ['import posthog'],
    call: (o, ev) => {
      const { pre, expr } = pyProps(o);
      if (o.p.chance(0.5))
        return plant(o, 'posthog', [...pre, `posthog.capture(str(user.pk), "${ev}", ${expr})`]);
      return plant(o, 'posthog', [
        ...pre,
        `posthog.capture("${ev}", distinct_id=str(user.pk), properties=${expr})`,
      ]);
    },
  },
  sentry: {
    imports: ['import sentry_sdk'],
    call: (o) =>
      o.p.chance(0.5)
        ? plant(o, 'sentry', [
            `sentry_sdk.set_user({"id": user.pk, "email": user.email, "ip_address": request.META.get("REMOTE_ADDR")})`,
          ])
        : plant(
            o,
            'sentry',
            [
              `sentry_sdk.set_context("order", {"id": order.pk, "shipping": order.shipping_address})`,
              `sentry_sdk.set_tag("plan", account.plan)`,
            ],
            2,
          ),
  },
  segment: {
    imports: ['import segment.analytics as analytics'],
    call: (o, ev) => {
      if (o.p.chance(0.25))
        return plant(o, 'segment', [
          `analytics.identify(str(user.pk), {"email": user.email, "name": user.get_full_name()})`,
        ]);
      const { pre, expr } = pyProps(o);
      return plant(o, 'segment', [...pre, `analytics.track(str(user.pk), "${ev}", ${expr})`]);
    },
  },
};

function pyView(o: Out, calls: (ev: string) => string[]): string[] {
  const ev = o.p.one(EVENTS);
  const name = snake(ev.replace(/ /g, '')).slice(1);
  const body = [
    'order = get_object_or_404(Order, pk=pk, owner=request.user)',
    'user, account = request.user, request.user.account',
    ...pyStatement(o),
    ...calls(ev),
    'return JsonResponse({"ok": True, "id": order.pk})',
  ];
  if (o.p.chance(0.5))
    return ['', '', '@login_required', `def ${name}(request, pk):`, ...pyInd(body)];
  return [
    '',
    '',
    `class ${ev.replace(/ /g, '')}View(LoginRequiredMixin, View):`,
    `    def post(self, request, pk):`,
    ...pyInd(body, 2),
  ];
}

const PY_HEADER = [
  'import logging',
  '',
  'from django.conf import settings',
  'from django.contrib.auth.decorators import login_required',
  'from django.contrib.auth.mixins import LoginRequiredMixin',
  'from django.core.exceptions import ValidationError',
  'from django.db import models',
  'from django.http import JsonResponse',
  'from django.shortcuts import get_object_or_404',
  'from django.utils import timezone',
  'from django.views import View',
];

/** The imports and views of a Python file of `role` (plain files get none, or a decoy). */
function pyChunks(o: Out, role: string): { imports: string[]; chunks: string[][] } {
  const { p } = o;
  if (role === 'python-wrapper-caller') {
    const sites = p.int(1, 4);
    o.sites.python += sites;
    const call = (ev: string): string[] => {
      if (p.chance(0.2))
        return ['identify(str(user.pk), {"email": user.email, "plan": account.plan})'];
      const { pre, expr } = pyProps(o);
      return [...pre, `track(str(user.pk), "${ev}", ${expr})`];
    };
    const chunks = Array.from({ length: sites }, () => pyView(o, call));
    return { imports: ['', 'from core.analytics import identify, track'], chunks };
  }
  if (role === 'python-sdk') {
    const vendors = p.some(Object.keys(PY_CALLS), 1, 2);
    const chunks = Array.from({ length: p.int(1, 4) }, () =>
      pyView(o, (ev) => PY_CALLS[p.one(vendors)]!.call(o, ev)),
    );
    return { imports: ['', ...vendors.flatMap((v) => PY_CALLS[v]!.imports)], chunks };
  }
  // A plain file that happens to use a vendor's module name as a variable: the prefilter's cost.
  const decoy = [
    '',
    '',
    'def last_segment(path):',
    '    segment = path.rstrip("/").split("/")[-1]',
  ];
  return { imports: [], chunks: p.chance(0.05) ? [[...decoy, '    return segment']] : [] };
}

function pyFile(o: Out, role: string): string[] {
  const { p } = o;
  const { imports, chunks } = pyChunks(o, role);
  const lines = [
    `"""${cap(p.one(NOUNS))} ${p.one(['views', 'services', 'models', 'helpers'])}."""`,
    ...PY_HEADER,
    ...imports,
    '',
    'logger = logging.getLogger(__name__)',
    `RELEASE = "${p.int(1, 9)}.${p.int(0, 40)}"`,
  ];
  const target = p.lines();
  let next = 0;
  while (lines.length < target || next < chunks.length) {
    if (next < chunks.length && (lines.length >= target || p.chance(0.3)))
      lines.push(...chunks[next++]!);
    else lines.push(...pyFiller(o));
  }
  return lines;
}

const APPS = ['apps/web', 'apps/admin', 'apps/mobile-web', 'apps/marketing'];
const PACKAGES = ['packages/ui', 'packages/core', 'packages/api-client', 'packages/utils'];
const SERVICES = ['services/api', 'services/worker'];
const UI_DIRS = [
  'components',
  'components',
  'components',
  'pages',
  'hooks',
  'utils',
  'services',
  'store',
  'legacy',
];
const SERVER_DIRS = ['routes', 'jobs', 'models', 'utils', 'middleware'];
const DJANGO_APPS = [
  'core',
  'accounts',
  'billing',
  'orders',
  'projects',
  'notifications',
  'reports',
  'support',
];

/** Where a file of `role` goes, and its extension. */
function place(p: Pick, role: string, taken: Set<string>): string {
  let path: string;
  if (role.startsWith('python')) {
    const dir =
      role === 'python-plain'
        ? p.one(['models', 'services', 'tasks'])
        : p.one(['views', 'api', 'tasks']);
    path = `backend/${p.one(DJANGO_APPS)}/${dir}/${p.one(NOUNS)}_${p.one(VERBS)}`;
    return unique(`${path}`, '.py', taken);
  }
  const server =
    role === 'sdk-node' ||
    (role === 'plain' && p.chance(0.2)) ||
    (role === 'wrapper-caller' && p.chance(0.2));
  const root = server
    ? p.one(SERVICES)
    : role === 'wrapper-caller' || p.chance(0.6)
      ? p.one(APPS)
      : p.one(PACKAGES);
  const dir = p.one(server ? SERVER_DIRS : UI_DIRS);
  const n = cap(p.one(NOUNS));
  if (dir === 'components' || dir === 'pages') {
    const sub = dir === 'components' ? `components/${n}` : 'pages';
    return unique(
      `${root}/src/${sub}/${n}${p.one(['List', 'Panel', 'Form', 'Page', 'Dialog'])}`,
      p.chance(0.85) ? '.tsx' : '.jsx',
      taken,
    );
  }
  const ext = dir === 'legacy' ? p.one(['.js', '.jsx']) : p.chance(0.85) ? '.ts' : '.js';
  return unique(`${root}/src/${dir}/${p.one(VERBS)}${n}`, ext, taken);
}

function unique(stem: string, ext: string, taken: Set<string>): string {
  let path = stem + ext;
  for (let i = 2; taken.has(path); i++) path = `${stem}${i}${ext}`;
  taken.add(path);
  return path;
}

/** Roles of `files` files: 70% plain JS/TS, 20% JS/TS with SDK or wrapper calls, 10% Python. */
function roles(files: number): string[] {
  const python = Math.max(1, Math.round(files * 0.1)) - 1;
  const pySdk = Math.round(python * 0.75);
  const pyCallers = Math.round(pySdk * 0.4);
  const sdk = Math.max(0, Math.round(files * 0.2) - (WRAPPERS.length - 1));
  const callers = Math.round(sdk * 0.4);
  const browser = Math.round(sdk * 0.45);
  const counts: [string, number][] = [
    ['python-wrapper-caller', pyCallers],
    ['python-sdk', pySdk - pyCallers],
    ['python-plain', python - pySdk],
    ['wrapper-caller', callers],
    ['sdk-browser', browser],
    ['sdk-node', sdk - callers - browser],
  ];
  const out = counts.flatMap(([r, n]) => Array<string>(n).fill(r));
  return [
    ...out,
    ...Array<string>(Math.max(0, files - WRAPPERS.length - out.length)).fill('plain'),
  ];
}

function content(o: Out, role: string, path: string): string[] {
  if (role.startsWith('python')) return pyFile(o, role);
  if (role === 'sdk-node') return nodeFile(o);
  const root = path.split('/').slice(0, 2).join('/');
  const wrapper = WRAPPERS.find((w) => w.path.startsWith(`${root}/`))?.path ?? '';
  let spec = posix.relative(posix.dirname(path), wrapper.replace(/\.[jt]s$/, ''));
  if (!spec.startsWith('.')) spec = `./${spec}`;
  return jsFile(o, role, spec);
}

/** Counts of what was written. */
class Tally {
  readonly planted: Record<string, number> = {};
  readonly sites = { js: 0, python: 0 };
  readonly byExt: Record<string, number> = {};
  readonly byRole: Record<string, number> = {};
  bytes = 0;
  lines = 0;
  constructor(readonly dir: string) {}
  write(path: string, role: string, text: string): void {
    const full = join(this.dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
    this.bytes += Buffer.byteLength(text);
    this.lines += text.split('\n').length - 1;
    const ext = path.slice(path.lastIndexOf('.'));
    this.byExt[ext] = (this.byExt[ext] ?? 0) + 1;
    this.byRole[role] = (this.byRole[role] ?? 0) + 1;
  }
}

/** Write the corpus into `dir` (which should be empty): `files` source files from `seed`. */
export function writeScanCorpus(opts: { dir: string; seed: number; files: number }): ScanCorpus {
  const p = new Pick(random(opts.seed));
  const t = new Tally(opts.dir);
  for (const w of WRAPPERS) {
    t.write(w.path, 'wrapper-module', w.text);
    for (const [v, n] of Object.entries(w.planted)) t.planted[v] = (t.planted[v] ?? 0) + n;
  }
  // Manifests are not scanned; they make the tree look like the monorepo it stands for.
  for (const root of [...APPS, ...PACKAGES, ...SERVICES]) {
    mkdirSync(join(opts.dir, root), { recursive: true });
    const manifest = `{ "name": "@acme/${root.split('/')[1]}", "private": true }\n`;
    writeFileSync(join(opts.dir, root, 'package.json'), manifest);
  }
  const taken = new Set<string>(WRAPPERS.map((w) => w.path));
  for (const role of roles(opts.files)) {
    const path = place(p, role, taken);
    const ext = path.slice(path.lastIndexOf('.'));
    const ts = ext === '.ts' || ext === '.tsx';
    const jsx = ext === '.tsx' || ext === '.jsx';
    const o: Out = { p, ts, jsx, planted: t.planted, sites: t.sites };
    t.write(path, role, content(o, role, path).join('\n') + '\n');
  }
  return {
    seed: opts.seed,
    files: Object.values(t.byExt).reduce((s, n) => s + n, 0),
    bytes: t.bytes,
    lines: t.lines,
    byExt: t.byExt,
    byRole: t.byRole,
    plantedCalls: t.planted,
    plantedWrapperSites: t.sites,
  };
}
