import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixtureMap } from './fixture.js';
import { csvField, ROPA_COLUMNS, renderRopaCsv } from './ropa-csv.js';

/** A small RFC 4180 parser, to read back what the renderer wrote. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ',') {
      row.push(field);
      field = '';
    } else if (!quoted && c === '\r' && text[i + 1] === '\n') {
      rows.push([...row, field]);
      row = [];
      field = '';
      i++;
    } else {
      field += c;
    }
  }
  return rows;
}

test('one row per vendor with Art. 30 facts; commas and quotes survive a round trip', () => {
  const csv = renderRopaCsv(fixtureMap());
  assert.ok(csv.endsWith('\r\n'));
  const [header, ...rows] = parseCsv(csv);
  assert.deepEqual(header, [...ROPA_COLUMNS]);
  assert.deepEqual(
    rows.map((r) => r[0]),
    ['amplitude', 'mixpanel', 'warehouse'],
  );
  const mp = Object.fromEntries(ROPA_COLUMNS.map((c, i) => [c, rows[1]![i]]));
  assert.equal(mp.recipient_legal_name, 'Mixpanel, Inc.');
  assert.equal(mp.recipient_address, 'One Front Street, "Floor 28", San Francisco, CA');
  assert.equal(mp.purpose, 'Product analytics, funnels');
  assert.equal(mp.personal_data_categories, 'user.location.imprecise; user.unique_id.pseudonymous');
  // user.unique_id was pseudonymized (its child was sent), not removed.
  assert.equal(mp.categories_removed_before_sending, 'user.contact.email');
  assert.equal(mp.retention_at_vendor, '1825 days');
  assert.equal(mp.international_transfer, 'yes');
  assert.ok(csv.includes('"One Front Street, ""Floor 28"", San Francisco, CA"'));
});

test('fields are quoted only when needed and defused against formulas', () => {
  assert.equal(csvField('plain'), 'plain');
  assert.equal(csvField('a\nb'), '"a\nb"');
  assert.equal(csvField('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
  assert.equal(csvField('@sum'), "'@sum");
});
