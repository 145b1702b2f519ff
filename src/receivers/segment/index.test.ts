import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSegmentReceiver } from './index.js';
import type { ReceiverRequest, RejectCode } from '../types.js';

const receiver = createSegmentReceiver();
const route = receiver.route('POST', '/v1/batch')!;
const req: ReceiverRequest = {
  method: 'POST',
  path: '/v1/batch',
  query: new URLSearchParams(),
  headers: {},
  body: Buffer.alloc(0),
  clientIp: '127.0.0.1',
  receivedAt: 0,
};

test('accepted answers 200 {"success":true} as JSON', () => {
  const r = receiver.accepted(route, req, 3);
  assert.equal(r.status, 200);
  assert.deepEqual(JSON.parse(r.body), { success: true });
  assert.equal(r.headers['content-type'], 'application/json');
});

test('refusals: statuses the Segment SDKs handle as intended', () => {
  const expected: [RejectCode, number][] = [
    ['bad_json', 400],
    ['bad_gzip', 400],
    ['bad_request', 400],
    ['too_deep', 400],
    ['too_many_events', 400],
    ['too_large', 413],
    ['unauthorized', 401],
    ['overloaded', 429],
    ['not_found', 404],
    ['method_not_allowed', 405],
  ];
  for (const [code, status] of expected) {
    const r = receiver.refused(route, req, code, 'why');
    assert.equal(r.status, status, code);
    const body = JSON.parse(r.body) as { success: boolean; code: string };
    assert.equal(body.success, false);
    assert.equal(body.code, code);
  }
});

test('overloaded carries Retry-After in whole seconds, at least 1', () => {
  assert.equal(receiver.refused(route, req, 'overloaded', 'busy', 7).headers['retry-after'], '7');
  assert.equal(receiver.refused(route, req, 'overloaded', 'busy', 0.2).headers['retry-after'], '1');
  const dflt = receiver.refused(undefined, req, 'overloaded', 'busy').headers['retry-after'];
  assert.ok(Number(dflt) >= 1);
});

test('flags answers an empty settings object; replay refusal is a non-retried 4xx', () => {
  const f = receiver.flags(route, req);
  assert.equal(f.status, 200);
  assert.deepEqual(JSON.parse(f.body), { integrations: {} });
  const r = receiver.replayRefused(route, req);
  assert.ok(r.status >= 400 && r.status < 500 && ![408, 410, 429, 460].includes(r.status));
});
