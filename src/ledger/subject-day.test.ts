import assert from 'node:assert/strict';
import { it } from 'node:test';
import {
  addCells,
  cellKey,
  cellOf,
  encodeCells,
  forEachCell,
  FORM_CODES,
  groupDays,
  packDeltas,
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

it('packs deltas into subject-day rows, validating each delta, consecutive or not', () => {
  const { rows, skipped } = packDeltas([
    d({ vendorSubject: 'v1' }),
    d({ category: 'user.name', form: 'removed', count: 2, vendorSubject: 'v1' }),
    d({ subject: S(2) }),
    d({ category: 'user.name', form: 'removed', count: 3, vendorSubject: 'v1' }),
    d({ category: 'user.name alice', form: 'removed', vendorSubject: 'v1' }),
    d({ count: 0, vendorSubject: 'v1' }),
    d({ form: 'leaked' as 'passed', vendorSubject: 'v1' }),
    d({ org: '' }),
    d({ subject: 'alice@example.com' }),
    d({ org: S(9) }),
    d({ vendorSubject: 'v2' }),
  ]);
  assert.equal(skipped, 5);
  assert.deepEqual(rows, [
    {
      destination: 'mixpanel',
      day: '2026-11-10',
      subject: S(1),
      vendorSubject: 'v1',
      counts: '*:0:1;user.name:6:5',
    },
    { destination: 'mixpanel', day: '2026-11-10', subject: S(2), counts: '*:0:1' },
    { destination: 'mixpanel', day: '2026-11-10', subject: S(1), org: S(9), counts: '*:0:1' },
    {
      destination: 'mixpanel',
      day: '2026-11-10',
      subject: S(1),
      vendorSubject: 'v2',
      counts: '*:0:1',
    },
  ]);
});

it('groups rows by subject-day, adding their cells; every row with a kept cell reaches onVendor', () => {
  const row = { destination: 'mixpanel', day: '2026-11-10', subject: S(1) };
  const vendorSeen: string[] = [];
  const { days, written, skipped } = groupDays(
    [
      { ...row, vendorSubject: 'v1', counts: '*:0:1;user.name:6:2' },
      { ...row, vendorSubject: 'v2', counts: 'user.name:6:3;user.name:7:1' },
      { ...row, subject: S(2), counts: 'bad category:0:1' },
      { ...row, org: S(9), counts: '*:0:4' },
      { ...row, org: '', counts: '*:0:4;*:1:1' },
    ],
    (r) => vendorSeen.push(String(r.vendorSubject)),
  );
  assert.deepEqual([written, skipped], [4, 1 + 1 + 2]);
  assert.deepEqual(
    [...days].map((x) => [x.key, [...x.cells]]),
    [
      [
        ['mixpanel', '2026-11-10', S(1), ''],
        [
          ['*:0', 1],
          ['user.name:6', 5],
        ],
      ],
      [['mixpanel', '2026-11-10', S(1), S(9)], [['*:0', 4]]],
    ],
  );
  assert.deepEqual(vendorSeen, ['v1', 'v2', 'undefined']);
});
