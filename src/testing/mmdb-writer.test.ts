import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { Reader, type CountryResponse } from 'maxmind';
import { writeCountryMmdb } from './mmdb-writer.js';

describe('writeCountryMmdb', () => {
  test('writes metadata a MaxMind reader accepts', () => {
    const db = writeCountryMmdb([{ cidr: '203.0.113.0/24', country: 'JP' }], { buildEpoch: 1e9 });
    const { metadata } = new Reader<CountryResponse>(db);
    assert.equal(metadata.binaryFormatMajorVersion, 2);
    assert.equal(metadata.binaryFormatMinorVersion, 0);
    assert.equal(metadata.databaseType, 'GeoLite2-Country');
    assert.equal(metadata.ipVersion, 6);
    assert.equal(metadata.recordSize, 24);
    assert.deepEqual(metadata.languages, ['en']);
    assert.deepEqual(metadata.description, { en: 'Veil test country database' });
    assert.equal(metadata.buildEpoch.getTime(), 1e12);
    // An IPv4 /24 under ::/96 needs one node per bit down to depth 96 + 23.
    assert.equal(metadata.nodeCount, 96 + 24);
  });

  test('most specific network wins, whatever the input order', () => {
    const entries = [
      { cidr: '10.1.2.0/24', country: 'FR' },
      { cidr: '10.0.0.0/8', country: 'DE' },
      { cidr: '10.1.2.3/32', country: 'IT' },
    ];
    for (const order of [entries, [...entries].reverse()]) {
      const reader = new Reader<CountryResponse>(writeCountryMmdb(order, { recordSize: 28 }));
      assert.equal(reader.get('10.200.0.1')?.country?.iso_code, 'DE');
      assert.equal(reader.get('10.1.2.4')?.country?.iso_code, 'FR');
      assert.equal(reader.get('10.1.2.3')?.country?.iso_code, 'IT');
      assert.equal(reader.get('11.0.0.1'), null);
    }
  });

  test('IPv4 and IPv6 networks share one tree; IPv4 lives at ::/96', () => {
    const reader = new Reader<CountryResponse>(
      writeCountryMmdb([
        { cidr: '198.51.100.0/24', country: 'US' },
        { cidr: '2001:db8::/32', country: 'DE' },
        { cidr: '2001:db8:0:1::/64', country: 'NL' },
      ]),
    );
    assert.equal(reader.get('198.51.100.77')?.country?.iso_code, 'US');
    assert.equal(reader.get('::198.51.100.77')?.country?.iso_code, 'US');
    assert.equal(reader.get('2001:db8:ffff::1')?.country?.iso_code, 'DE');
    assert.equal(reader.get('2001:db8:0:1::5')?.country?.iso_code, 'NL');
    assert.equal(reader.get('2001:db8:0:2::5')?.country?.iso_code, 'DE');
    assert.equal(reader.get('2001:db9::1'), null);
  });

  test('rejects malformed CIDRs', () => {
    for (const cidr of ['203.0.113.0', '203.0.113.0/33', '2001:db8::/129', 'x/8', '1.2.3.4/0']) {
      assert.throws(() => writeCountryMmdb([{ cidr, country: 'JP' }]), /bad CIDR/, cidr);
    }
  });
});
