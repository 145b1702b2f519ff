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
        "let reassigned = (event) => { event.setUser('h'); };",
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
