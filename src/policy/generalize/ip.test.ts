import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generalizeIp, openCountryDatabase, type CountryLookup } from './ip.js';
import { writeCountryMmdb } from '../../testing/mmdb-writer.js';
import { VeilError } from '../../errors.js';

const ENTRIES = [
  { cidr: '203.0.113.0/24', country: 'JP' },
  { cidr: '198.51.100.0/22', country: 'US' },
  { cidr: '198.51.100.128/25', country: 'CA' }, // more specific wins inside the /22
  { cidr: '2001:db8::/32', country: 'DE' },
  { cidr: '2001:db8:ff00::/40', country: 'FR' },
];

/** A lookup that records what it was asked, to check the address form handed to it. */
function recording(answer: string | undefined): CountryLookup & { asked: string[] } {
  const asked: string[] = [];
  return { asked, country: (ip) => (asked.push(ip), answer) };
}

describe('generalizeIp prefix', () => {
  const cases: [string, string | undefined][] = [
    ['203.0.113.77', '203.0.113.0'],
    ['10.1.2.3', '10.1.2.0'],
    ['0.0.0.0', '0.0.0.0'],
    ['255.255.255.255', '255.255.255.0'],
    [' 203.0.113.77 ', '203.0.113.0'],
    ['2001:db8:85a3:8d3:1319:8a2e:370:7348', '2001:db8:85a3::'],
    ['2001:0DB8:85A3:0000:0000:8A2E:0370:7334', '2001:db8:85a3::'],
    ['2001:db8::1', '2001:db8::'],
    ['2001::1', '2001::'],
    ['::1', '::'],
    ['0:db8:0::1', '0:db8::'],
    ['::ffff:1.2.3.4', '1.2.3.0'],
    ['::ffff:102:304', '1.2.3.0'],
    ['::FFFF:203.0.113.9', '203.0.113.0'],
    ['fe80::1%eth0', 'fe80::'],
    ['fe80::abcd:1%25en0', 'fe80::'],
    ['64:ff9b::203.0.113.5', '64:ff9b::'],
    ['256.1.1.1', undefined],
    ['1.2.3', undefined],
    ['01.2.3.4', undefined],
    ['1.2.3.4/24', undefined],
    ['2001:db8:::1', undefined],
    ['1:2:3:4:5:6:7:8:9', undefined],
    ['[2001:db8::1]', undefined],
    ['localhost', undefined],
    ['', undefined],
    ['1'.repeat(10_000), undefined],
  ];
  for (const [ip, want] of cases) {
    test(`${JSON.stringify(ip.slice(0, 40))} → ${want}`, () => {
      assert.equal(generalizeIp(ip, 'prefix'), want);
    });
  }
});

describe('generalizeIp modes', () => {
  test('drop removes valid and invalid values', () => {
    assert.equal(generalizeIp('203.0.113.7', 'drop'), undefined);
    assert.equal(generalizeIp('nonsense', 'drop'), undefined);
  });
  test('keep returns the input untouched, even when it is not an address', () => {
    for (const v of ['203.0.113.7', 'fe80::1%eth0', 'not an ip', '']) {
      assert.equal(generalizeIp(v, 'keep'), v);
    }
  });
  test('country without a lookup fails closed', () => {
    assert.equal(generalizeIp('203.0.113.7', 'country'), undefined);
  });
  test('country asks the lookup in canonical form: mapped → IPv4, zone removed', () => {
    const l = recording('JP');
    assert.equal(generalizeIp('::ffff:203.0.113.9', 'country', l), 'JP');
    assert.equal(generalizeIp('FE80::1%eth0', 'country', l), 'JP');
    assert.deepEqual(l.asked, ['203.0.113.9', 'fe80::1']);
  });
  test('country never falls back to the address', () => {
    assert.equal(generalizeIp('203.0.113.7', 'country', recording(undefined)), undefined);
    assert.equal(generalizeIp('bogus', 'country', recording('JP')), undefined);
  });
  test('country rejects lookup answers that are not alpha-2 codes, and lookup errors', () => {
    for (const bad of ['203.0.113.7', 'jp', 'JPN', '']) {
      assert.equal(generalizeIp('203.0.113.7', 'country', recording(bad)), undefined);
    }
    const throwing: CountryLookup = {
      country: () => {
        throw new Error('boom');
      },
    };
    assert.equal(generalizeIp('203.0.113.7', 'country', throwing), undefined);
  });
});

describe('openCountryDatabase', () => {
  let dir = '';
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'veil-ip-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  for (const recordSize of [24, 28] as const) {
    test(`lookups in a ${recordSize}-bit database written by mmdb-writer`, async () => {
      const file = path.join(dir, `country-${recordSize}.mmdb`);
      fs.writeFileSync(file, writeCountryMmdb(ENTRIES, { recordSize }));
      const db = await openCountryDatabase(file);
      const cases: [string, string | undefined][] = [
        ['203.0.113.1', 'JP'],
        ['203.0.113.255', 'JP'],
        ['203.0.112.255', undefined],
        ['203.0.114.0', undefined],
        ['198.51.100.5', 'US'],
        ['198.51.103.254', 'US'],
        ['198.51.100.200', 'CA'],
        ['198.51.104.1', undefined],
        ['::ffff:203.0.113.9', 'JP'],
        ['2001:db8::1', 'DE'],
        ['2001:db8:1234:5678::1', 'DE'],
        ['2001:db8:ff12::1', 'FR'],
        ['2001:db9::1', undefined],
        ['2001:db7:ffff:ffff:ffff:ffff:ffff:ffff', undefined],
        ['::1', undefined],
        ['not an ip', undefined],
        ['', undefined],
      ];
      for (const [ip, want] of cases) assert.equal(db.country(ip), want, ip);
      assert.equal(generalizeIp('203.0.113.80', 'country', db), 'JP');
      assert.equal(generalizeIp('2001:db8:ff00::9%eth0', 'country', db), 'FR');
      assert.equal(generalizeIp('192.0.2.1', 'country', db), undefined);
    });
  }

  test('registered_country.iso_code is the fallback when country is absent', async () => {
    const file = path.join(dir, 'registered.mmdb');
    const entries = [
      { cidr: '192.0.2.0/24', country: 'GB', field: 'registered_country' as const },
      { cidr: '203.0.113.0/24', country: 'JP' },
    ];
    fs.writeFileSync(file, writeCountryMmdb(entries));
    const db = await openCountryDatabase(file);
    assert.equal(db.country('192.0.2.10'), 'GB');
    assert.equal(db.country('203.0.113.10'), 'JP');
  });

  test('an empty database answers undefined for everything', async () => {
    const file = path.join(dir, 'empty-tree.mmdb');
    fs.writeFileSync(file, writeCountryMmdb([]));
    const db = await openCountryDatabase(file);
    assert.equal(db.country('203.0.113.1'), undefined);
    assert.equal(db.country('2001:db8::1'), undefined);
  });

  test('a corrupt file rejects with a VeilError naming the file', async () => {
    const file = path.join(dir, 'corrupt.mmdb');
    fs.writeFileSync(file, 'this is not a MaxMind database at all');
    await assert.rejects(openCountryDatabase(file), (err: unknown) => {
      assert.ok(err instanceof VeilError);
      assert.equal(err.code, 'VEIL_E_INPUT_READ');
      assert.match(err.message, /cannot open country database/);
      assert.ok(err.message.includes(file), err.message);
      return true;
    });
  });

  test('a truncated database (metadata cut off) rejects', async () => {
    const file = path.join(dir, 'truncated.mmdb');
    const good = writeCountryMmdb(ENTRIES);
    fs.writeFileSync(file, good.subarray(0, good.length - 200));
    await assert.rejects(openCountryDatabase(file), /cannot open country database/);
  });

  test('a missing file and an empty file reject with the file name', async () => {
    for (const name of ['missing.mmdb', 'empty.mmdb']) {
      const file = path.join(dir, name);
      if (name === 'empty.mmdb') fs.writeFileSync(file, '');
      await assert.rejects(openCountryDatabase(file), (err: unknown) => {
        assert.ok(err instanceof Error && err.message.includes(file), String(err));
        return true;
      });
    }
  });
});
