/**
 * A hand-made scan result for the output tests: calls as a front end reports them, findings made
 * by the real core (`findingsOf`), so severities, messages and fingerprints are the real ones.
 */
import { findingsOf, type ConfigHit } from '../core/findings.js';
import type { Flow, ScanResult, SinkCall } from '../types.js';
import { VENDORS } from '../vendors/index.js';
import { mixpanel } from '../vendors/mixpanel.js';
import type { ConfigRule } from '../vendors/types.js';

/** The absolute root the fixture claims it scanned (must never appear in an output). */
export const FIXTURE_ROOT = '/home/someone/projects/shop';

/** A flow; `line` 0 means "at the call". */
function flow(path: string, line: number, o: Partial<Flow> = {}): Flow {
  return {
    path,
    confidence: o.category === undefined ? 0 : 0.9,
    form: 'raw',
    type: 'string',
    expr: path.slice(path.lastIndexOf('.') + 1),
    at: { line, column: 5 },
    ...o,
  };
}

function call(o: Omit<SinkCall, 'column' | 'language'> & { column?: number }): SinkCall {
  return { column: 3, language: 'js', ...o };
}

const email = (line: number) =>
  flow('properties.email', line, {
    category: 'user.contact.email',
    basis: 'name',
    type: 'unknown',
    expr: 'user.email',
  });

/** The calls: Mixpanel (twice the same leak), a wrapper, Intercom, GA with a literal key, PostHog. */
export const FIXTURE_CALLS: readonly SinkCall[] = [
  call({
    vendor: 'mixpanel',
    call: 'mixpanel.track',
    sink: 'event',
    event: 'Signup',
    file: 'src/app.ts',
    line: 10,
    flows: [
      email(11),
      flow('properties.plan', 12),
      flow('properties.email_hash', 13, {
        category: 'user.contact.email',
        form: 'hashed',
        basis: 'key',
        expr: 'sha256(user.email)',
      }),
    ],
  }),
  call({
    vendor: 'mixpanel',
    call: 'mixpanel.identify',
    sink: 'identify',
    file: 'src/app.ts',
    line: 20,
    flows: [flow('userId', 0, { category: 'user.unique_id', basis: 'sink', expr: 'user.id' })],
  }),
  call({
    vendor: 'mixpanel',
    call: 'mixpanel.track',
    sink: 'event',
    event: 'Signup',
    file: 'src/app.ts',
    line: 30,
    flows: [email(31), flow('properties.plan', 32, { type: 'number' })],
  }),
  call({
    vendor: 'mixpanel',
    call: 'mixpanel.track',
    sink: 'event',
    event: 'Checkout',
    file: 'src/pages/checkout.ts',
    line: 7,
    via: { wrapper: 'track', file: 'src/lib/track.ts', line: 4 },
    flows: [
      flow('properties.card_number', 7, {
        category: 'user.financial.credit_card',
        basis: 'key',
        expr: 'card.number',
      }),
      flow('properties.total', 7, { type: 'number', expr: 'cart.total' }),
      flow('properties.items.*.sku', 7, { expr: 'item.sku' }),
    ],
  }),
  call({
    vendor: 'intercom',
    call: 'Intercom',
    sink: 'identify',
    file: 'src/support.js',
    line: 3,
    column: 1,
    flows: [
      flow('traits.email', 4, { category: 'user.contact.email', basis: 'key' }),
      flow('traits.name', 5, { category: 'user.name', basis: 'key' }),
    ],
  }),
  call({
    vendor: 'google-analytics',
    call: 'gtag',
    sink: 'event',
    event: 'purchase',
    file: 'src/ga.js',
    line: 2,
    column: 1,
    flows: [
      flow('properties.value', 2, { type: 'number' }),
      flow('properties.api_key', 2, {
        category: 'system.authentication',
        basis: 'literal',
        expr: '"<redacted literal>"',
      }),
    ],
  }),
  call({
    vendor: 'posthog',
    call: 'posthog.capture',
    sink: 'event',
    eventExpr: 'eventName',
    file: 'src/lib/events.ts',
    line: 3,
    flows: [flow('properties.plan', 3)],
  }),
];

const ipRule = (mixpanel.types.browser!.init!.config as readonly ConfigRule[]).find(
  (r) => r.id === 'ip-collection',
)!;

/** Risky settings: Mixpanel IP collection left on. */
export const FIXTURE_HITS: readonly ConfigHit[] = [
  {
    vendor: 'mixpanel',
    call: 'mixpanel.init',
    rule: ipRule,
    file: 'src/app.ts',
    at: { line: 2, column: 1 },
  },
];

/** `--allow intercom=user.contact,user.name` as the scanner receives it. */
export const FIXTURE_ALLOW = new Map([['intercom', ['user.contact', 'user.name']]]);

/** The scan result of the fixture project. */
export function fixtureResult(): ScanResult {
  const byId = new Map(VENDORS.map((v) => [v.id, v]));
  return {
    root: FIXTURE_ROOT,
    stats: { files: 9, bytes: 4096, parsed: 6 },
    problems: [
      { file: 'src/broken.ts', message: 'syntax error: unexpected token at 3:1' },
      { file: 'vendor.js', message: `skipped: ${FIXTURE_ROOT}/vendor.js is over the limit` },
    ],
    calls: FIXTURE_CALLS,
    findings: findingsOf(FIXTURE_CALLS, FIXTURE_HITS, byId, FIXTURE_ALLOW),
  };
}
