/**
 * The shared body bounds: JSON values per request (every object member and array element, the
 * root included, summed over NDJSON lines) and prototype-polluting keys.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isBodyError, parseJson, parseNdjson, sanitize } from './body.js';
import { DEFAULT_LIMITS, type Limits } from './types.js';

const limits = (maxValues: number): Limits => ({ ...DEFAULT_LIMITS, maxValues });

describe('body: values per request', () => {
  it('counts the root, every member and every element', () => {
    // 1 root + 2 members + 3 elements + 1 member = 7 values.
    const text = '{"a":[1,2,{"b":null}],"c":"x"}';
    assert.ok(!isBodyError(parseJson(text, limits(7))));
    const over = parseJson(text, limits(6));
    assert.ok(isBodyError(over));
    assert.equal(over.error, 'too_large');
    assert.equal(over.message, 'more than 6 JSON values in one request');
    assert.ok(isBodyError(parseJson('[' + '0,'.repeat(5) + '0]', limits(6))), 'a flat array');
    assert.ok(!isBodyError(parseJson('[' + '0,'.repeat(4) + '0]', limits(6))));
  });

  it('sums the lines of NDJSON', () => {
    const line = '{"event":"e","properties":{"a":1}}'; // 4 values
    assert.ok(!isBodyError(parseNdjson([line, line].join('\n'), limits(8))));
    const over = parseNdjson([line, line, line].join('\n'), limits(11));
    assert.ok(isBodyError(over));
    assert.equal(over.error, 'too_large');
    assert.match(over.message, /^line 3: more than 11 JSON values/);
  });

  it('a deep body is refused as too deep, a wide one as too large', () => {
    const deep = '{"a":'.repeat(40) + '1' + '}'.repeat(40);
    const r = parseJson(deep, { ...DEFAULT_LIMITS, maxDepth: 32 });
    assert.ok(isBodyError(r));
    assert.equal(r.error, 'too_deep');
    // A million values in a 2 MB body: refused without a policy ever seeing them.
    const wide = parseJson(`{"batch":[${'0,'.repeat(999_999)}0]}`, DEFAULT_LIMITS);
    assert.ok(isBodyError(wide));
    assert.equal(wide.error, 'too_large');
  });

  it('still removes prototype-polluting keys, and counts them', () => {
    const v = JSON.parse('{"__proto__":{"x":1},"constructor":1,"ok":{"prototype":2,"y":3}}');
    assert.equal(sanitize(v, 8), 3);
    assert.deepEqual(Object.keys(v as object), ['ok']);
    assert.deepEqual(Object.keys((v as { ok: object }).ok), ['y']);
    // 1 root + 1 member + 2 members = 4 values: a budget of 4 holds them, 3 does not.
    assert.equal(sanitize(JSON.parse('{"a":{"b":1,"c":2}}'), 8, { left: 4, max: 4 }), 0);
    assert.ok(isBodyError(sanitize(JSON.parse('{"a":{"b":1,"c":2}}'), 8, { left: 3, max: 3 })));
  });
});
