// PostHog's $elements_chain: attribute values rewritten one by one, the rest copied as it is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PolicySchema } from '../config/policy.js';
import { createDetector } from '../engine/detect.js';
import { parseCanonical } from '../pipeline/event.js';
import { attributeName, rewriteElementsChain } from './elements-chain.js';
import { parseMasterKey } from './keys.js';
import { createPolicyStep } from './step.js';

const upper = (name: string, v: string) => (name === 'keep' ? v : v.toUpperCase());

test('each attribute value is rewritten, unescaped for the caller and escaped again', () => {
  const chain = 'a.btn.x:href="/a?b=1"keep="same"text="Say \\"hi\\"";div:nth-child="2"';
  const seen: [string, string][] = [];
  const out = rewriteElementsChain(chain, (name, v) => {
    seen.push([name, v]);
    return upper(name, v);
  });
  assert.deepEqual(seen, [
    ['href', '/a?b=1'],
    ['keep', 'same'],
    ['text', 'Say "hi"'],
    ['nth-child', '2'],
  ]);
  assert.equal(out, 'a.btn.x:href="/A?B=1"keep="same"text="SAY \\"HI\\"";div:nth-child="2"');
});

test('undefined removes the attribute; an unchanged chain is the same string', () => {
  const chain = 'a:attr__href="mailto:t@example.com"href="mailto:t@example.com"text="Mail"';
  assert.equal(
    rewriteElementsChain(chain, (n, v) => (n.endsWith('href') ? undefined : v)),
    'a:text="Mail"',
  );
  assert.equal(
    rewriteElementsChain(chain, (_n, v) => v),
    chain,
  );
});

test('a value holding =" is one value; a value left open is copied as it came', () => {
  const chain = 'a:text="x=\\"y\\" and title=\\"z\\""href="/p"';
  const names: string[] = [];
  rewriteElementsChain(chain, (n, v) => {
    names.push(n);
    return v;
  });
  assert.deepEqual(names, ['text', 'href']);
  const open = 'a:href="/p"text="never closed';
  assert.equal(rewriteElementsChain(open, upper), 'a:href="/P"text="never closed');
});

test('work is linear in the chain: 100 KB of attribute-like runs', () => {
  let calls = 0;
  const count = (_n: string, v: string) => {
    calls++;
    return v;
  };
  const runs = [
    'a="b"'.repeat(20_000),
    '="'.repeat(50_000),
    'x'.repeat(100_000) + '="',
    '\\"'.repeat(50_000),
  ];
  for (const chain of runs) {
    const t = performance.now();
    rewriteElementsChain(chain, count);
    // A generous bound that only a super-linear scan would exceed.
    assert.ok(performance.now() - t < 500, `${chain.slice(0, 12)}…`);
  }
  assert.ok(calls <= 20_000 + 50_000, `${calls} attributes`);
});

test('attributeName drops the attr__ prefix only', () => {
  assert.equal(attributeName('attr__data-user-id'), 'data-user-id');
  assert.equal(attributeName('href'), 'href');
});

test('the default policy cuts hrefs, pseudonymizes ids named so, and scans the text', () => {
  const step = createPolicyStep(PolicySchema.parse({}), {
    destination: 'posthog',
    master: parseMasterKey('cd'.repeat(32), 'given'),
    detector: createDetector(),
    now: () => Date.UTC(2026, 10, 24),
  });
  const chain =
    'a.nav:attr__href="/invoices/77812?token=abc"attr__data-user-id="u_88123"' +
    'attr__class="nav"href="/invoices/77812?token=abc"nth-child="2"text="Invoice for Taro Yamada";' +
    'a:attr__href="mailto:hanako@example.com"href="mailto:hanako@example.com"text="Contact"';
  const parsed = parseCanonical({
    type: 'track',
    event: '$autocapture',
    userId: 'u',
    properties: { $elements_chain: chain },
  });
  assert.ok(parsed.ok);
  const r = step(parsed.event);
  assert.ok(r.kind === 'ok');
  const out = (r.value.event.properties as Record<string, string>).$elements_chain!;
  assert.match(out, /^a\.nav:attr__href="\/invoices\/:id"attr__data-user-id="k1_[\w-]+"/);
  assert.ok(out.includes('attr__class="nav"href="/invoices/:id"nth-child="2"'), out);
  assert.ok(out.includes('text="Invoice for [redacted:person_full_name]"'), out);
  assert.ok(out.endsWith(';a:text="Contact"'), out);
  for (const raw of ['77812', 'token=abc', 'u_88123', 'hanako', 'Taro'])
    assert.ok(!out.includes(raw), `${raw} reached the vendor: ${out}`);
  const rec = r.value.records.find((x) => x.path === 'properties.$elements_chain');
  assert.deepEqual(rec?.before.slice().sort(), [
    'user.behavior.browsing_history',
    'user.name',
    'user.unique_id',
  ]);
  assert.equal(rec?.outcome, 'redacted');
});
