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
  mergeCounts,
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
    [...days].map((x) => [x.key, x.counts]),
    [
      [['mixpanel', '2026-11-10', S(1), ''], '*:0:1;user.name:6:5'],
      [['mixpanel', '2026-11-10', S(1), S(9)], '*:0:4'],
    ],
  );
  assert.deepEqual(vendorSeen, ['v1', 'v2', 'undefined']);
});

it('merges encoded counts: sorted values in one pass, any other order through a map, same sums', () => {
  const keys = ['*:0', 'user.name:6', 'user.contact.email:5', 'user.contact.email:6', 'web.url:2'];
  let seed = 7;
  const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n) as number;
  const value = (sorted: boolean): string => {
    const picked = keys.filter(() => rnd(2) === 0);
    if (picked.length === 0) picked.push(keys[rnd(keys.length)]!);
    if (sorted) picked.sort();
    else picked.reverse();
    return picked.map((k) => `${k}:${1 + rnd(50)}`).join(';');
  };
  const sum = (...vs: string[]) => {
    const m = new Map<string, number>();
    for (const v of vs) addCells(m, v);
    return m;
  };
  for (let i = 0; i < 500; i++) {
    const [a, b] = [value(i % 3 !== 0), value(i % 5 !== 0)];
    const merged = mergeCounts(a, b);
    assert.deepEqual(sum(merged), sum(a, b), `${a} + ${b}`);
    const order: string[] = [];
    forEachCell(merged, (k) => order.push(k));
    assert.deepEqual(order, [...order].sort(), 'the result is sorted by cell key');
  }
  assert.equal(
    mergeCounts('*:0:1;web.url:2:3', '*:0:4;user.name:6:2'),
    '*:0:5;user.name:6:2;web.url:2:3',
  );
  assert.equal(mergeCounts('web.url:2:3;*:0:1', '*:0:4'), '*:0:5;web.url:2:3');
});

it('stores canonical rows as they are and re-encodes others; odd form codes are refused', () => {
  const row = { destination: 'mixpanel', day: '2026-11-10', subject: S(1) };
  const counts = (rows: { counts: string }[]) =>
    [
      ...groupDays(
        rows.map((r) => ({ ...row, ...r })),
        () => {},
      ).days,
    ].map((x) => x.counts);
  assert.deepEqual(counts([{ counts: '*:0:1;web.url:2:3' }]), ['*:0:1;web.url:2:3']);
  assert.deepEqual(counts([{ counts: '*:0:1e3;web.url:2:03' }]), ['*:0:1000;web.url:2:3']);
  // Not canonical as a whole, so each cell is judged alone and the value re-encoded.
  assert.deepEqual(counts([{ counts: '*:0:1;' }]), ['*:0:1']);
  assert.deepEqual(counts([{ counts: 'Web.url:2:3;*:0:2' }]), ['*:0:2']);
  assert.deepEqual(counts([{ counts: '*:0:1;web.url:2:+3' }]), ['*:0:1;web.url:2:3']);
  const { written, skipped } = groupDays(
    [{ ...row, counts: '*: :1;*:0:2;*:00:1;*:9:1' }],
    () => {},
  );
  assert.deepEqual([written, skipped], [1, 3]);
});
