/** JavaScript/TypeScript SDK call sites, browser and Node, each counted as it is generated. */
import { type CallGen, type Out, plant } from './out.js';
import { JS_PROPS, snake } from './vocabulary.js';

/** A properties argument in one of the shapes apps write: literal, variable, spread, shorthand. */
export function jsProps(o: Out): { pre: string[]; expr: string } {
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

/** Browser SDKs by vendor id: the imports a file needs (none for globals) and a call site. */
export const BROWSER: Readonly<Record<string, { imports: string[]; call: CallGen }>> = {
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

/** Node SDKs by vendor id: the imports and client of a file, and a call site. */
export const NODE: Readonly<Record<string, { imports: string[]; call: CallGen }>> = {
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
