import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyIPv4, classifyIPv6, expandIPv6, isNetmask, isValidIPv6, parseIPv4 } from './ip.js';

test('parseIPv4 accepts strict dotted quads only', () => {
  assert.deepEqual(parseIPv4('192.168.0.1'), [192, 168, 0, 1]);
  assert.deepEqual(parseIPv4('x8.8.8.8y', 1, 8), [8, 8, 8, 8]);
  for (const bad of [
    '256.1.1.1',
    '1.2.3',
    '1.2.3.4.5',
    '01.2.3.4',
    '1..2.3',
    '1.2.3.4.',
    '1234.1.1.1',
    '',
  ])
    assert.equal(parseIPv4(bad), undefined, bad);
});

test('classifyIPv4 separates public, private and reserved ranges', () => {
  const cases: Array<[string, string]> = [
    ['8.8.8.8', 'public'],
    ['93.184.216.34', 'public'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.32.0.1', 'public'],
    ['192.168.1.1', 'private'],
    ['127.0.0.1', 'private'],
    ['169.254.1.1', 'private'],
    ['100.64.0.1', 'private'],
    ['100.128.0.1', 'public'],
    ['203.0.113.5', 'private'],
    ['0.1.2.3', 'reserved'],
    ['224.0.0.251', 'reserved'],
    ['255.255.255.255', 'reserved'],
  ];
  for (const [ip, cls] of cases) assert.equal(classifyIPv4(parseIPv4(ip)!), cls, ip);
});

test('isNetmask', () => {
  assert.equal(isNetmask([255, 255, 255, 0]), true);
  assert.equal(isNetmask([255, 255, 240, 0]), true);
  assert.equal(isNetmask([255, 0, 255, 0]), false);
  assert.equal(isNetmask([10, 0, 0, 0]), false);
});

test('IPv6 validation and classes', () => {
  assert.equal(isValidIPv6('2001:4860:4860::8888'), true);
  assert.equal(isValidIPv6('12:34:56'), false);
  assert.equal(isValidIPv6('00:1A:2B:3C:4D:5E'), false);
  assert.equal(classifyIPv6('2001:4860:4860::8888'), 'public');
  assert.equal(classifyIPv6('::1'), 'private');
  assert.equal(classifyIPv6('fe80::1'), 'private');
  assert.equal(classifyIPv6('fd12:3456:789a::1'), 'private');
  assert.equal(classifyIPv6('2001:db8::1'), 'private');
  assert.equal(classifyIPv6('::ffff:192.168.1.1'), 'private');
  assert.equal(classifyIPv6('::ffff:8.8.8.8'), 'public');
  assert.equal(classifyIPv6('::'), 'reserved');
  assert.equal(classifyIPv6('ff02::1'), 'reserved');
  assert.equal(classifyIPv6('0:0:0:0:0:0:0:1'), 'private');
  assert.equal(classifyIPv6('0:0:0:0:0:ffff:192.168.1.1'), 'private');
  assert.equal(classifyIPv6('::FFFF:8.8.8.8'), 'public');
});

test('expandIPv6 fills the gap and splits an embedded dotted quad', () => {
  assert.deepEqual(expandIPv6('2001:db8::1'), [0x2001, 0xdb8, 0, 0, 0, 0, 0, 1]);
  assert.deepEqual(expandIPv6('::'), [0, 0, 0, 0, 0, 0, 0, 0]);
  assert.deepEqual(expandIPv6('::ffff:192.168.1.1'), [0, 0, 0, 0, 0, 0xffff, 0xc0a8, 0x0101]);
  assert.deepEqual(expandIPv6('1:2:3:4:5:6:7:8'), [1, 2, 3, 4, 5, 6, 7, 8]);
});
