import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { startFakeVendor } from './fake-vendor.js';

test('records method, path, query, headers and (gunzipped) body; default answer 200 {}', async () => {
  const v = await startFakeVendor();
  try {
    const res = await fetch(`${v.url}/track?ip=0`, {
      method: 'POST',
      body: gzipSync('{"a":1}'),
      headers: { 'content-encoding': 'gzip' },
    });
    assert.equal(res.status, 200);
    assert.equal(await res.text(), '{}');
    const [r] = v.requests;
    assert.equal(r?.method, 'POST');
    assert.equal(r?.url, '/track?ip=0');
    assert.equal(r?.path, '/track');
    assert.equal(r?.query.get('ip'), '0');
    assert.equal(r?.text, '{"a":1}');
    assert.equal(r?.gzipped, true);
  } finally {
    await v.close();
  }
});

test('setResponder changes answers; a throwing responder answers 500; hang ends at close', async () => {
  const v = await startFakeVendor();
  v.setResponder(() => ({ status: 429, headers: { 'retry-after': '3' } }));
  const r1 = await fetch(v.url, { method: 'POST', body: 'x' });
  assert.equal(r1.status, 429);
  assert.equal(r1.headers.get('retry-after'), '3');
  v.setResponder(() => {
    throw new Error('nope');
  });
  assert.equal((await fetch(v.url)).status, 500);
  v.setResponder(() => 'hang');
  const hanging = fetch(v.url, { method: 'POST', body: 'y' }).then(
    () => 'answered',
    () => 'failed',
  );
  await v.waitFor(3);
  await v.close();
  assert.equal(await hanging, 'failed');
  assert.equal(v.requests.length, 3);
});
