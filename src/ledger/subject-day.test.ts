import assert from 'node:assert/strict';
import { it } from 'node:test';
import {
  addCells,
  cellKey,
  cellOf,
  encodeCells,
  forEachCell,
  FORM_CODES,
  groupDeltas,
} from './subject-day.js';
import type { LedgerDelta } from './types.js';

const S = (n: number) => `l1_${String(n).padStart(22, '0')}`;
const d = (over: Partial<LedgerDelta> = {}): LedgerDelta => ({
  destination: 'mixpanel',
  subject: S(1),
  day: '2026-11-10',
  category: '*',
  form: 'passed',
  count: 1,
  ...over,
});

it('encodes cells compactly and decodes them back, for every form', () => {
  const cells = new Map<string, number>();
  for (const f of FORM_CODES)
    cells.set(cellKey('user.contact.email', f), FORM_CODES.indexOf(f) + 1);
  cells.set(cellKey('*', 'passed'), 40);
  const text = encodeCells(cells);
  assert.match(text, /^user\.contact\.email:0:1;/);
  const back: [string, number][] = [];
  forEachCell(text, (k, n) => back.push([k, n]));
  assert.deepEqual(back, [...cells]);
  assert.deepEqual(cellOf(cellKey('user.name', 'removed')), {
    category: 'user.name',
    form: 'removed',
  });
  const sum = new Map([[cellKey('*', 'passed'), 2]]);
  addCells(sum, text);
  assert.equal(sum.get(cellKey('*', 'passed')), 42);
  assert.equal(sum.get(cellKey('user.contact.email', 'removed')), 7);
});

it('groups deltas by subject-day, validating each delta, consecutive or not', () => {
  const vendorSeen: string[] = [];
  const { days, written } = groupDeltas(
    [
      d({ vendorSubject: 'v1' }),
      d({ category: 'user.name', form: 'removed', count: 2, vendorSubject: 'v1' }),
      d({ subject: S(2) }),
      d({ category: 'user.name', form: 'removed', count: 3, vendorSubject: 'v1' }),
      d({ category: 'user.name alice', form: 'removed' }),
      d({ count: 0 }),
      d({ form: 'leaked' as 'passed' }),
      d({ org: '' }),
      d({ subject: 'alice@example.com' }),
      d({ org: S(9) }),
    ],
    (x) => vendorSeen.push(String(x.vendorSubject)),
  );
  assert.equal(written, 5);
  const got = [...days].map((x) => [x.key, [...x.cells]]);
  assert.deepEqual(got, [
    [
      ['mixpanel', '2026-11-10', S(1), ''],
      [
        ['*:0', 1],
        ['user.name:6', 5],
      ],
    ],
    [['mixpanel', '2026-11-10', S(2), ''], [['*:0', 1]]],
    [['mixpanel', '2026-11-10', S(1), S(9)], [['*:0', 1]]],
  ]);
  assert.deepEqual(vendorSeen, ['v1', 'undefined', 'v1', 'undefined']);
});
