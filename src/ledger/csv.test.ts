import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCsv, toCsv } from './csv.js';

test('parses quoted fields, escaped quotes, commas and line breaks inside quotes, CRLF', () => {
  const r = parseCsv('\ufeffid,email,note\r\n"u,1","a@x.org","said ""hi""\r\nbye"\r\nu2,,\r\n');
  assert.deepEqual(r, {
    ok: true,
    rows: [
      ['id', 'email', 'note'],
      ['u,1', 'a@x.org', 'said "hi"\r\nbye'],
      ['u2', '', ''],
    ],
  });
  assert.deepEqual(parseCsv('a\nb'), { ok: true, rows: [['a'], ['b']] });
  assert.deepEqual(parseCsv(''), { ok: true, rows: [] });
});

test('malformed input is an error naming the line, not the content', () => {
  const open = parseCsv('id\n"secret-value');
  assert.deepEqual(open, { ok: false, error: 'line 2: a quoted field is not closed' });
  const after = parseCsv('id\n"x"secret\n');
  assert.equal(after.ok, false);
  assert.ok(!JSON.stringify(after).includes('secret'));
  assert.equal(parseCsv('a"b\n').ok, false);
});

test('toCsv quotes what needs quoting and round-trips', () => {
  const rows = [
    ['id', 'note'],
    ['u,1', 'say "x"\nnext'],
    ['=SUM(A1)', 'plain'],
  ];
  const text = toCsv(rows);
  assert.equal(text.split('\r\n')[0], 'id,note');
  const back = parseCsv(text);
  assert.ok(back.ok);
  assert.deepEqual(back.rows.slice(0, 2), rows.slice(0, 2));
  assert.equal(back.rows[2]![0], "'=SUM(A1)", 'formulas are neutralized');
});
