import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CanonicalEvent } from '../../pipeline/event.js';
import { createFileExporter } from './index.js';

const ev = (i: number): CanonicalEvent => ({
  type: 'track',
  event: 'Paid',
  anonymousId: `a${i}`,
  messageId: `m${i}`,
});
const live = () => new AbortController().signal;

async function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'veil-file-'));
  try {
    await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test('appends one JSON line per event, batch after batch, creating the directory', () =>
  withDir(async (dir) => {
    const path = join(dir, 'a', 'b', 'events.ndjson');
    const x = createFileExporter({ path });
    assert.deepEqual(await x.send([ev(0), ev(1)], live()), { kind: 'ok' });
    assert.deepEqual(await x.send([ev(2)], live()), { kind: 'ok' });
    await x.close();
    await x.close();
    const lines = (await readFile(path, 'utf8')).split('\n');
    assert.equal(lines.pop(), '');
    assert.deepEqual(
      lines.map((l) => JSON.parse(l)),
      [ev(0), ev(1), ev(2)],
    );
    assert.equal((await stat(path)).mode & 0o777, 0o600);
  }));

test('an existing file is appended to, not truncated, and tightened to 0600', () =>
  withDir(async (dir) => {
    const path = join(dir, 'events.ndjson');
    await writeFile(path, '{"old":true}\n', { mode: 0o644 });
    const x = createFileExporter({ path });
    assert.equal((await x.send([ev(7)], live())).kind, 'ok');
    await x.close();
    assert.equal(await readFile(path, 'utf8'), `{"old":true}\n${JSON.stringify(ev(7))}\n`);
    assert.equal((await stat(path)).mode & 0o777, 0o600);
  }));

test('send after close reopens the file', () =>
  withDir(async (dir) => {
    const path = join(dir, 'e.ndjson');
    const x = createFileExporter({ path });
    await x.send([ev(1)], live());
    await x.close();
    assert.equal((await x.send([ev(2)], live())).kind, 'ok');
    await x.close();
    assert.equal((await readFile(path, 'utf8')).split('\n').length, 3);
  }));

test('an unwritable path is retryable and names no event value', () =>
  withDir(async (dir) => {
    const blocker = join(dir, 'not-a-dir');
    await writeFile(blocker, '');
    const x = createFileExporter({ path: join(blocker, 'events.ndjson') });
    const r = await x.send([ev(1)], live());
    assert.equal(r.kind, 'retryable');
    assert.ok(r.kind === 'retryable' && !r.message.includes('a1') && /open/.test(r.message));
    await x.close();
  }));

test(
  'a full disk (ENOSPC) is retryable',
  { skip: !existsSync('/dev/full') && 'no /dev/full here' },
  async () => {
    const x = createFileExporter({ path: '/dev/full' });
    const r = await x.send([ev(1)], live());
    assert.deepEqual(r, { kind: 'retryable', message: 'file write failed (ENOSPC)' });
    await x.close();
  },
);

test('an aborted signal writes nothing and is retryable', () =>
  withDir(async (dir) => {
    const path = join(dir, 'e.ndjson');
    const x = createFileExporter({ path });
    const ac = new AbortController();
    ac.abort();
    assert.equal((await x.send([ev(1)], ac.signal)).kind, 'retryable');
    await x.close();
    assert.equal(existsSync(path), false);
  }));

test('declares its limits', () => {
  const x = createFileExporter({ path: '/nonexistent/x' });
  assert.deepEqual(x.limits, { maxEvents: 1000, maxBytes: 8 * 1024 * 1024 });
  assert.equal(x.type, 'file');
});
