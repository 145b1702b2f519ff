// Runs every rule's embedded examples through the real scanner with ALL rules enabled, the way
// gitleaks validates its rules: a rule whose positive example is missed, or whose near-miss
// negative example is reported, cannot ship.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { allRules } from './index.js';
import { createScanner, type Match } from '../scanner.js';
import { checkRule } from '../compile-rule.js';
import { classifyKey } from '../context.js';
import type { Example } from '../types.js';

const scanner = createScanner(allRules);

function run(ex: Example): { text: string; matches: Match[] } {
  const text = typeof ex === 'string' ? ex : ex.text;
  const key = typeof ex === 'string' ? '' : (ex.key ?? '');
  const matches: Match[] = [];
  scanner.scan(text, classifyKey(key), matches);
  return { text, matches };
}

test('rule ids are unique', () => {
  const ids = allRules.map((r) => r.id);
  assert.deepEqual(
    ids.filter((id, i) => ids.indexOf(id) !== i),
    [],
  );
});

for (const rule of allRules) {
  describe(`rule ${rule.id}`, () => {
    test('is well formed', () => checkRule(rule));
    rule.examples.positive.forEach((ex, i) => {
      test(`finds positive #${i}`, () => {
        const kind = typeof ex === 'string' ? rule.id : (ex.kind ?? rule.id);
        const { text, matches } = run(ex);
        const mine = matches.filter((m) => m.kind === kind);
        assert.ok(
          mine.length > 0,
          `${kind} not found in ${JSON.stringify(text)}; got ${JSON.stringify(matches)}`,
        );
        if (typeof ex !== 'string' && ex.match !== undefined) {
          const spans = mine.map((m) => text.slice(m.start, m.end));
          assert.ok(
            spans.includes(ex.match),
            `expected span ${JSON.stringify(ex.match)}, got ${JSON.stringify(spans)}`,
          );
        }
      });
    });
    rule.examples.negative.forEach((ex, i) => {
      test(`ignores negative #${i}`, () => {
        const { text, matches } = run(ex);
        const kinds = new Set([rule.id, ...(rule.kinds ?? [])]);
        const mine = matches.filter((m) => kinds.has(m.kind));
        assert.deepEqual(
          mine.map((m) => text.slice(m.start, m.end)),
          [],
          `false positive in ${JSON.stringify(text)}`,
        );
      });
    });
  });
}
