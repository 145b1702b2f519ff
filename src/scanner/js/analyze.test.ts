import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FileAnalysis } from '../core/front.js';
import { createRegistry } from '../core/registry.js';
import { VENDORS } from '../vendors/index.js';
import { createJsFrontEnd } from './analyze.js';

const front = createJsFrontEnd();
const registry = createRegistry(VENDORS, 'js');

function analyze(text: string): FileAnalysis {
  return front.analyze({ path: 'app.tsx', text }, { registry, wrapper: () => undefined });
}

/** `call@line` of every sink call, sorted. */
function calls(a: FileAnalysis): string[] {
  return a.calls.map((c) => `${c.call}@${c.line}`).sort();
}

const IMPORTS = [
  "import * as React from 'react';",
  "import { useRef, useState } from 'react';",
  "import type { PostHog } from 'posthog-js';",
  "import type { Mixpanel } from 'mixpanel-browser';",
];

describe('js front end: type annotations', () => {
  it('reads optional unions in any order, parentheses, NonNullable<T> and Readonly<T>', () => {
    const a = analyze(
      [
        ...IMPORTS,
        "function a(p: null | PostHog) { p?.capture('a', {}); }",
        "function b(m: Mixpanel | null | undefined) { m?.track('b', {}); }",
        "function c(p: (PostHog | null) | undefined) { p?.capture('c', {}); }",
        "function d(m: NonNullable<Mixpanel | null>) { m.track('d', {}); }",
        "function e(p: Readonly<PostHog> | null) { p?.capture('e', {}); }",
      ].join('\n'),
    );
    assert.deepEqual(calls(a), [
      'm.track@6',
      'm.track@8',
      'p.capture@5',
      'p.capture@7',
      'p.capture@9',
    ]);
  });

  it('leaves unions of two SDK types, or of an SDK type and another, and imported wrappers unread', () => {
    const a = analyze(
      [
        ...IMPORTS,
        "function a(x: PostHog | Mixpanel) { x.track('a', {}); }",
        "function b(x: PostHog | string) { x.capture('b', {}); }",
        "function c(x: NonNullable<PostHog | Mixpanel>) { x.capture('c', {}); }",
        "import type { Readonly } from './types';",
        "function d(x: Readonly<PostHog>) { x.capture('d', {}); }",
      ].join('\n'),
    );
    assert.deepEqual(calls(a), []);
  });

  it("reads React's useRef and useState by their type argument, by name or through React", () => {
    const a = analyze(
      [
        ...IMPORTS,
        'function App() {',
        '  const ref = useRef<PostHog | null>(null);',
        '  const mpRef = React.useRef<Mixpanel>();',
        '  const [client, setClient] = useState<PostHog | null>(null);',
        '  const [mp] = React.useState<Mixpanel | undefined>();',
        "  ref.current?.capture('a', {});",
        "  mpRef.current!.track('b', {});",
        "  client?.capture('c', {});",
        "  mp?.track('d', {});",
        '  const held = ref.current;',
        "  held?.capture('e', {});",
        '}',
      ].join('\n'),
    );
    assert.deepEqual(calls(a), [
      'client.capture@12',
      'held.capture@15',
      'mp.track@13',
      'mpRef.current.track@11',
      'ref.current.capture@10',
    ]);
  });

  it("reads React's useRef and useState without a type argument by their SDK initial value", () => {
    const a = analyze(
      [
        "import * as React from 'react';",
        "import { useRef, useState } from 'react';",
        "import posthog from 'posthog-js';",
        "import mixpanel from 'mixpanel-browser';",
        'function App() {',
        '  const ref = useRef(posthog);',
        '  const mpRef = React.useRef(mixpanel);',
        '  const [client, setClient] = useState(posthog);',
        '  const [mp] = React.useState(mixpanel);',
        "  ref.current.capture('a', {});",
        "  mpRef.current.track('b', {});",
        "  client.capture('c', {});",
        "  mp.track('d', {});",
        '}',
      ].join('\n'),
    );
    assert.deepEqual(calls(a), [
      'client.capture@12',
      'mp.track@13',
      'mpRef.current.track@11',
      'ref.current.capture@10',
    ]);
  });

  it('does not read an untyped hook whose initial value is not an SDK, nor one not React’s', () => {
    const a = analyze(
      [
        "import { useRef, useState } from 'react';",
        "import { useRef as useMyRef } from './hooks';",
        "import posthog from 'posthog-js';",
        'function App({ logger }) {',
        '  const empty = useRef(null);',
        '  const own = useRef(logger);',
        '  const [state] = useState(logger);',
        '  const mine = useMyRef(posthog);',
        "  empty.current.capture('a', {});",
        "  own.current.capture('b', {});",
        "  state.capture('c', {});",
        "  mine.current.capture('d', {});",
        '}',
      ].join('\n'),
    );
    assert.deepEqual(calls(a), []);
  });

  it('does not read hooks that are not React’s, nor other items of a state pair', () => {
    const a = analyze(
      [
        "import type { PostHog } from 'posthog-js';",
        "import { useRef } from './hooks';",
        'function useState<T>(v: T): [T, T] { return [v, v]; }',
        'function App() {',
        '  const ref = useRef<PostHog>();',
        '  const [, other] = useState<PostHog | null>(null);',
        '  const [mine] = useState<PostHog | null>(null);',
        "  ref.current.capture('a', {});",
        "  other?.capture('b', {});",
        "  mine?.capture('c', {});",
        '}',
      ].join('\n'),
    );
    assert.deepEqual(calls(a), []);
  });
});

describe('js front end: callbacks', () => {
  it('types a callback passed as an option of an SDK call, and no other option', () => {
    const a = analyze(
      [
        "import bugsnag from 'bugsnag-js';",
        "bugsnag({ beforeSend: (report) => { report.updateMetaData('a', {}); } });",
        'bugsnag({ beforeSend(report) { report.user = {}; } });',
        "bugsnag({ onError: (report) => { report.updateMetaData('c', {}); } });",
        "bugsnag((report) => { report.updateMetaData('d', {}); });",
      ].join('\n'),
    );
    const reports = calls(a).filter((c) => c.startsWith('report.'));
    assert.deepEqual(reports, ['report.updateMetaData@2', 'report.user@3']);
  });

  it('types each function of an array given as the option, and no other array', () => {
    const a = analyze(
      [
        "import Bugsnag from '@bugsnag/js';",
        "import bugsnag from 'bugsnag-js';",
        'Bugsnag.start({',
        "  onError: [(event) => { event.addMetadata('a', {}); }, function (event) { event.setUser('b'); }],",
        '});',
        'bugsnag({ beforeSend: [(report) => { report.user = {}; }] });',
        "Bugsnag.addOnError([(event) => { event.setUser('c'); }]);",
        "Bugsnag.start({ onError: [[(event) => { event.setUser('d'); }]] });",
        "Bugsnag.start({ plugins: [(event) => { event.setUser('e'); }] });",
      ].join('\n'),
    );
    const typed = calls(a).filter((c) => c.startsWith('event.') || c.startsWith('report.'));
    assert.deepEqual(typed, ['event.addMetadata@4', 'event.setUser@4', 'report.user@6']);
  });

  it('types a function of the file passed by name at a callback position, and no other', () => {
    const a = analyze(
      [
        "import Bugsnag from '@bugsnag/js';",
        "import bugsnag from 'bugsnag-js';",
        "import * as Sentry from '@sentry/browser';",
        "import { imported } from './callbacks';",
        "function onStart(event) { event.setUser('a'); }",
        "const onNotify = (event) => { event.setUser('b'); };",
        "const onAdd = function (event) { event.setUser('c'); };",
        "function fillScope(scope) { scope.setUser({ id: 'd' }); }",
        'function beforeSend(report) { report.user = {}; }',
        "function inArray(event) { event.setUser('f'); }",
        "function onError(event) { event.setUser('g'); }",
        "let reassigned = (event) => { event.setUser('h'); }; reassigned = null;",
        "function elsewhere(event) { event.setUser('i'); }",
        "function notCallback(event) { event.setUser('j'); }",
        'function inner() {',
        "  function onStart(event) { event.setUser('k'); }",
        '  return onStart;',
        '}',
        "Bugsnag.start({ apiKey: 'k', onError: onStart });",
        'Bugsnag.notify(new Error(), onNotify);',
        'Bugsnag.addOnError(onAdd);',
        'Sentry.withScope(fillScope);',
        'bugsnag({ beforeSend });',
        'Bugsnag.start({ onError: [inArray] });',
        'Bugsnag.start({ onError });',
        'Bugsnag.addOnError(reassigned);',
        'Bugsnag.addOnError(imported);',
        '[].forEach(elsewhere);',
        'Bugsnag.notify(notCallback);',
        'Bugsnag.start({ onBreadcrumb: notCallback });',
        'Bugsnag.start({ onError: [[late]] });',
        "function late(event) { event.setUser('l'); }",
        'Bugsnag.addOnError(hoisted);',
        "function hoisted(event) { event.setUser('m'); }",
      ].join('\n'),
    );
    const typed = calls(a).filter((c) => /^(event|scope|report)\./.test(c));
    assert.deepEqual(typed, [
      'event.setUser@10',
      'event.setUser@11',
      'event.setUser@34',
      'event.setUser@5',
      'event.setUser@6',
      'event.setUser@7',
      'report.user@9',
      'scope.setUser@8',
    ]);
  });
});

describe('js front end: callbacks held by another name', () => {
  it('types a function held by an unassigned let or var, a const alias or a const object’s member', () => {
    const a = analyze(
      [
        "import Bugsnag from '@bugsnag/js';",
        "import bugsnag from 'bugsnag-js';",
        "let held = (event) => { event.setUser('a'); };",
        "var old = function (event) { event.setUser('b'); };",
        "function named(event) { event.setUser('c'); }",
        'const alias = named;',
        'const aliasOfAlias = alias;',
        'const handlers = {',
        "  method(event) { event.setUser('d'); },",
        "  arrow: (event) => { event.setUser('e'); },",
        '  byName: named,',
        "  other(event) { event.setUser('f'); },",
        '};',
        'var beforeSend = (report) => { report.user = {}; };',
        'Bugsnag.start({ onError: [held, aliasOfAlias, handlers.method] });',
        'Bugsnag.addOnError(old);',
        "Bugsnag.notify(new Error(), handlers['arrow']);",
        'Bugsnag.addOnError(handlers.byName);',
        'bugsnag({ beforeSend });',
      ].join('\n'),
    );
    const typed = calls(a).filter((c) => /^(event|report)\./.test(c));
    assert.deepEqual(typed, [
      'event.setUser@10',
      'event.setUser@3',
      'event.setUser@4',
      'event.setUser@5',
      'event.setUser@9',
      'report.user@14',
    ]);
  });

  it('does not read a let or var written again anywhere, nor a member of a written or non-const object', () => {
    const a = analyze(
      [
        "import Bugsnag from '@bugsnag/js';",
        "let a = (event) => { event.setUser('a'); };",
        "let b = (event) => { event.setUser('b'); };",
        "var c = (event) => { event.setUser('c'); };",
        "let d = (event) => { event.setUser('d'); };",
        "let e = (event) => { event.setUser('e'); };",
        "let f = (event) => { event.setUser('f'); };",
        'const g = f;',
        "let loose = { m(event) { event.setUser('h'); } };",
        "const changed = { m(event) { event.setUser('i'); } };",
        "const spread = { m(event) { event.setUser('j'); }, ...other };",
        "var hoisted = (event) => { event.setUser('k'); };",
        'Bugsnag.start({ onError: [a, b, c, d, e, g, loose.m, changed.m, spread.m, hoisted] });',
        'function later() {',
        '  a = null;',
        '  [b] = [null];',
        '  ({ c } = {});',
        '  for (d of []) {}',
        '  e ||= null;',
        '  f++;',
        '  changed.m = null;',
        '}',
        'function elsewhere() { { var hoisted = null; } hoisted = null; }',
      ].join('\n'),
    );
    const typed = calls(a).filter((c) => c.startsWith('event.'));
    assert.deepEqual(typed, []);
  });

  it('keeps a let whose name another scope writes, when that write means another variable', () => {
    const a = analyze(
      [
        "import Bugsnag from '@bugsnag/js';",
        "let cb = (event) => { event.setUser('a'); };",
        'function other() { let cb = null; cb = 1; return cb; }',
        'Bugsnag.addOnError(cb);',
      ].join('\n'),
    );
    assert.deepEqual(calls(a), ['event.setUser@2']);
  });
});

describe('js front end: imported callbacks', () => {
  it('notes the imported functions an SDK call is given as its callback, and no other', () => {
    const text = [
      "import Bugsnag from '@bugsnag/js';",
      "import bugsnag from 'bugsnag-js';",
      "import * as Sentry from '@sentry/browser';",
      "import { addUser, handlers, crumb, elsewhere } from './hooks';",
      "import * as scopes from './scopes';",
      "import fromPackage from 'some-package';",
      "import { beforeSend } from './legacy';",
      "import { aliased } from '@/hooks';",
      'const alias = addUser;',
      'Bugsnag.start({ onError: [alias, handlers.addIban], onBreadcrumb: crumb });',
      'Sentry.withScope(scopes.fill);',
      'Bugsnag.addOnError(fromPackage);',
      '[].forEach(elsewhere);',
      'bugsnag({ beforeSend });',
      'Bugsnag.addOnError(aliased);',
    ].join('\n');
    const noted = (a: FileAnalysis): string[] =>
      (a.callbacks ?? []).map((c) => `${c.specifier}#${c.name} ${c.vendor.id} ${c.callback.type}`);
    const expected = [
      './hooks#addUser bugsnag event',
      './hooks#handlers.addIban bugsnag event',
      './scopes#fill sentry scope',
      './legacy#beforeSend bugsnag report',
    ];
    // Told which specifiers name files of the scan: only those.
    const told = front.analyze(
      { path: 'app.tsx', text },
      { registry, wrapper: () => undefined, local: (_, spec) => spec === '@/hooks' },
    );
    assert.deepEqual(noted(told), [...expected, '@/hooks#aliased bugsnag event']);
    // Not told (the first pass): every specifier that is no SDK's, for the scan to resolve.
    assert.deepEqual(noted(analyze(text)), [
      ...expected.slice(0, 3),
      'some-package#default bugsnag event',
      ...expected.slice(3),
      '@/hooks#aliased bugsnag event',
    ]);
  });

  it('types the parameters of the functions the file exports under a name other files pass so', () => {
    const bugsnag = VENDORS.find((v) => v.id === 'bugsnag')!;
    const event = { vendor: bugsnag, callback: { arg: 0, param: 0, type: 'event' } };
    const text = [
      "export function addUser(event) { event.setUser('a'); }",
      "export const handlers = { addIban(event) { event.setUser('b'); } };",
      "function local(event) { event.setUser('c'); }",
      'module.exports = { renamed: local };',
      "export function notPassed(event) { event.setUser('d'); }",
      "export default function (event) { event.setUser('e'); }",
    ].join('\n');
    const passed = new Set(['addUser', 'handlers.addIban', 'renamed', 'default']);
    const a = front.analyze(
      { path: 'hooks.ts', text },
      {
        registry,
        wrapper: () => undefined,
        callbacks: (name) => (passed.has(name) ? [event] : undefined),
      },
    );
    assert.deepEqual(calls(a), [
      'event.setUser@1',
      'event.setUser@2',
      'event.setUser@3',
      'event.setUser@6',
    ]);
    const alone = front.analyze({ path: 'hooks.ts', text }, { registry, wrapper: () => undefined });
    assert.deepEqual(calls(alone), []);
  });
});

describe('js front end: the older Bugsnag client', () => {
  it('reads context, device, request and app of the client and the report, and notify’s options', () => {
    const a = analyze(
      [
        "import bugsnag from 'bugsnag-js';",
        "const client = bugsnag('k');",
        'client.context = user.email;',
        'client.device = { id: user.deviceId };',
        'client.request = { clientIp: ip };',
        "client.app = { version: '1' };",
        'client.device.locale = user.locale;',
        'client.notify(err, { context: user.email, device: {}, request: {}, app: {} });',
        'bugsnag({ beforeSend: (report) => { report.context = user.email; report.app = {}; } });',
      ].join('\n'),
    );
    assert.deepEqual(calls(a), [
      'bugsnag@2',
      'bugsnag@9',
      'client.app@6',
      'client.context@3',
      'client.device@4',
      'client.device@7',
      'client.notify@8',
      'client.request@5',
      'report.app@9',
      'report.context@9',
    ]);
    const notify = a.calls.find((c) => c.call === 'client.notify');
    assert.deepEqual(notify?.flows.map((f) => f.path).sort(), ['context', 'error']);
  });

  it('reads the CDN build’s global bugsnag, and not a local or imported name of that name', () => {
    const a = analyze(
      [
        "var client = bugsnag('k');",
        'client.user = { email: a };',
        "window.bugsnag({ apiKey: 'k', beforeSend: (report) => { report.context = b; } });",
        'function local(bugsnag) { bugsnag({ user: {} }).user = { email: c }; }',
        '{',
        '  const bugsnag = () => ({ user: {} });',
        "  bugsnag('k').user = { email: d };",
        '}',
      ].join('\n'),
    );
    assert.deepEqual(
      calls(a),
      ['bugsnag@3', 'bugsnag@1', 'client.user@2', 'report.context@3'].sort(),
    );
  });
});
