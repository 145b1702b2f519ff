// Compiling rules: the atomic rewrite of `X{m,n}(?!Y)` tails matches exactly what the rule's own
// pattern matches, and is applied only where that is provable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { atomicTail } from './compile-rule.js';
import { allRules } from './rules/index.js';
import { createRng } from '../testing/corpus/prng.js';
import { createScanner, type Match } from './scanner.js';
import type { Rule } from './types.js';

test('a tail X{m,n}(?!Y) with X inside Y is rewritten as an atomic run; others are kept', () => {
  const re = /ab-[A-Za-z0-9_-]{4,8}(?![A-Za-z0-9_-])/y;
  const atomic = atomicTail(re);
  assert.notEqual(atomic.source, re.source);
  assert.equal(atomic.flags, re.flags);
  // X has a character Y lacks (`.`): a shorter run can end before it and still match.
  const kept = /ab-[a-z.]{2,6}(?![a-z])/y;
  assert.equal(atomicTail(kept), kept);
  // An escaped `-` is a character, not a range: `[a\-z]` does not hold `b`.
  const escaped = /x[b]{1,3}(?![a\-z])/y;
  assert.equal(atomicTail(escaped), escaped);
  // Fixed counts, negated classes and classes with \d are left as they are.
  for (const r of [/x[a-z]{4}(?![a-z])/y, /x[^ ]{1,4}(?![^ ])/y, /x[\d]{1,4}(?![\d])/y])
    assert.equal(atomicTail(r), r);
});

test('rewritten rule patterns match exactly where the original patterns match', () => {
  const rng = createRng(17);
  let rewritten = 0;
  for (const rule of allRules) {
    if (rule.pattern === undefined) continue;
    const original = new RegExp(rule.pattern.source, rule.pattern.flags + 'd');
    const atomic = atomicTail(original);
    if (atomic === original) continue;
    rewritten++;
    const examples = rule.examples.positive.map((e) => (typeof e === 'string' ? e : e.text));
    const alphabet = [...new Set([...examples.join(''), ...'._-=~+/ :;AZaz09'])].join('');
    const texts: string[] = [];
    for (const e of examples) {
      texts.push(e);
      for (let k = 0; k < 60; k++) {
        const cut = rng.int(0, e.length);
        texts.push(
          e.slice(0, cut) + rng.chars(alphabet, rng.int(0, 3)) + e.slice(cut + rng.int(0, 2)),
          e + rng.chars(alphabet, rng.int(1, 3)),
          e + e.slice(rng.int(0, e.length - 1)),
        );
      }
    }
    for (const t of texts) {
      for (let at = 0; at < Math.min(t.length, 24); at++) {
        original.lastIndex = atomic.lastIndex = at;
        const a = original.exec(t);
        const b = atomic.exec(t);
        const group = rule.group ?? 0;
        assert.deepEqual(
          b && [b.index, b[0], b[group], b.indices?.[group]],
          a && [a.index, a[0], a[group], a.indices?.[group]],
          `${rule.id} at ${at} in ${JSON.stringify(t)}`,
        );
        if (!original.sticky && !original.global) break;
      }
    }
  }
  assert.ok(rewritten >= 30, `${rewritten} rules rewritten`);
});

test('a rule that requires a character is tried only where it occurs after the hit, per text', () => {
  const rule: Rule = {
    id: 'test_user_pass',
    category: 'user.authorization.password',
    description: 'test',
    keywords: ['https://'],
    requires: '@',
    pattern: /https:\/\/[a-z]{1,16}:([a-z0-9]{1,16})@(?=[a-z])/y,
    group: 1,
    confidence: 0.9,
    examples: { positive: ['https://u:pw1@h'], negative: [] },
  };
  const scanner = createScanner([rule]);
  const found = (text: string): string[] => {
    const out: Match[] = [];
    scanner.scan(text, { key: '', keyCategory: undefined }, out);
    return out.map((m) => text.slice(m.start, m.end));
  };
  // The `@` after the first URL belongs to the second; each URL is judged by its own text.
  assert.deepEqual(found('https://a.io/x https://u:pw1@h.io https://v:pw2@g.io'), ['pw1', 'pw2']);
  // Twice: the second scan of the same string starts before where the first one's search ended.
  assert.deepEqual(found('https://u:pw3@h.io then https://a.io/x'), ['pw3']);
  assert.deepEqual(found('https://u:pw3@h.io then https://a.io/x'), ['pw3']);
  assert.deepEqual(found('https://a.io/x https://b.io/y'), []);
  // A different text after one without `@`, and the same text again.
  assert.deepEqual(found('https://u:pw4@h.io'), ['pw4']);
  assert.deepEqual(found('https://u:pw4@h.io'), ['pw4']);
  // An `@` too far away for any match: nothing.
  assert.deepEqual(found(`https://u:pw5${'x'.repeat(500)}@h.io`), []);
  assert.throws(() => createScanner([{ ...rule, requires: '@@' }]), /requires is one character/);
});

test('a window rule near a credential runs only where the text names one or assigns to the keyword', () => {
  const rule: Rule = {
    id: 'test_acme_key',
    category: 'system.authentication',
    description: 'test',
    keywords: ['acme'],
    pattern: /(?<![A-Za-z0-9])[a-f0-9]{32}(?![A-Za-z0-9])/g,
    anchor: 'window',
    near: 'credential',
    confidence: 0.9,
    examples: { positive: ['acme key 0123456789abcdef0123456789abcdef'], negative: [] },
  };
  const scanner = createScanner([rule]);
  const found = (text: string): number => {
    const out: Match[] = [];
    scanner.scan(text, { key: '', keyCategory: undefined }, out);
    return out.length;
  };
  const hex = '9f86d081884c7d659a2feaa0c55ad015';
  // Named as a credential, or the keyword's name assigned or called.
  for (const text of [
    `acme secret ${hex}`,
    `ACME_TOKEN=${hex}`,
    `ACME_ACCOUNT_ID = "${hex}"`,
    `acme: { id: "${hex}" }`,
    `new AcmeClient("${hex}")`,
    `acme-cli login ${hex}`,
    `acme upload -t ${hex}`,
  ])
    assert.equal(found(text), 1, text);
  // A mention of the provider: a campaign source, prose, a host.
  for (const text of [
    `utm_source=acme&utm_medium=email&click_id=${hex}`,
    `Signed up via acme (ref ${hex})`,
    `https://www.acme.com/track/${hex}`,
    `acme order ${hex} shipped`,
  ])
    assert.equal(found(text), 0, text);
  // Without the guard the same rule reports every one of them.
  const loose = createScanner([{ ...rule, near: undefined }]);
  const out: Match[] = [];
  loose.scan(`Signed up via acme (ref ${hex})`, { key: '', keyCategory: undefined }, out);
  assert.equal(out.length, 1);
  assert.throws(
    () => createScanner([{ ...rule, anchor: 'keyword', pattern: /acme/y }]),
    /near is for window rules/,
  );
});
