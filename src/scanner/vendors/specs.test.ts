import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  command,
  fields,
  id,
  keyed,
  namedFields,
  options,
  SEGMENT_BROWSER,
  SEGMENT_NODE,
  SEGMENT_NODE_FIELDS,
  segmentNodeCall,
  sink,
} from './specs.js';
import type { ArgSpec } from './types.js';

/** The argument specs of a member's only sink. */
const argsOf = (member: { sinks?: readonly { args: readonly ArgSpec[] }[] }) => {
  assert.equal(member.sinks?.length, 1);
  return member.sinks[0]!.args;
};

test('argument builders leave out the position and keyword they are not given', () => {
  assert.deepEqual(fields(undefined, 'context'), { role: 'fields', path: 'context' });
  assert.ok(!('index' in fields(undefined, 'context')));
  assert.deepEqual(id(2, 'alias', 'alias_id'), {
    index: 2,
    keyword: 'alias_id',
    role: 'identity',
    path: 'alias',
  });
  assert.deepEqual(id(0), { index: 0, role: 'identity', path: 'userId' });
  assert.deepEqual(keyed('tags', 'value'), {
    index: 1,
    keyword: 'value',
    role: 'value',
    keyFrom: 0,
    path: 'tags',
  });
});

test('command sinks match argument 0 against one name or several', () => {
  assert.deepEqual(command('boot', 'identify', []).when, { arg: 0, equals: ['boot'] });
  assert.deepEqual(command(['a', 'aAsync'], 'event', []).when, { arg: 0, equals: ['a', 'aAsync'] });
});

test('namedFields keeps each key under its own name', () => {
  const spec = options(1, namedFields('tags', 'extra'));
  assert.deepEqual(spec, {
    index: 1,
    role: 'object',
    fields: { tags: { role: 'fields', path: 'tags' }, extra: { role: 'fields', path: 'extra' } },
  });
});

test('Segment browser calls append an SDK’s own arguments after the shared ones', () => {
  const extra = options(2, { context: fields(undefined, 'context') });
  const track = argsOf(SEGMENT_BROWSER.track(extra));
  assert.deepEqual(
    track.map((a) => [a.index, a.role]),
    [
      [0, 'event-name'],
      [1, 'fields'],
      [2, 'object'],
    ],
  );
  assert.equal(argsOf(SEGMENT_BROWSER.track()).length, 2);
  assert.equal(argsOf(SEGMENT_BROWSER.group('group'))[1]!.path, 'group');
});

test('a Segment node override replaces one field and leaves the shared fields alone', () => {
  const group = argsOf(segmentNodeCall('group', { traits: fields(undefined, 'group') }))[0]!;
  assert.equal(group.fields?.traits?.path, 'group');
  assert.equal(group.fields?.userId?.path, 'userId');
  assert.equal(SEGMENT_NODE_FIELDS.traits?.path, 'traits');
  assert.equal(argsOf(SEGMENT_NODE.group!)[0]!.fields?.traits?.path, 'traits');
  assert.deepEqual(sink('alias', []), { sinks: [{ kind: 'alias', args: [] }] });
});
