/**
 * Child process: the baseline server. A bare node:http server that checks the Basic-auth write
 * key, reads the body, `JSON.parse`s it and inserts every event of `batch` (as
 * `JSON.stringify(event)`) into the same SQLite table as Veil's outbox, opened by the same code
 * (same schema, WAL, same `synchronous`), with the same statements (sixteen rows per INSERT) and
 * the same group commit: one IMMEDIATE transaction per event-loop turn for every request
 * pending, then `200 {"success":true}`. No decoding rules, no policy, no metrics. Arguments: data
 * directory, `full` | `normal`.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createRowInsert } from '../../src/store/sqlite/insert.js';
import { prepareQueries } from '../../src/store/sqlite/queries.js';
import { openDatabase } from '../../src/store/sqlite/schema.js';
import type { NewRow } from '../../src/store/types.js';
import { DESTINATION, serveChild, WRITE_KEY } from './server-child.js';

function main(): void {
  const [dir, synchronous] = process.argv.slice(2);
  if (dir === undefined || (synchronous !== 'full' && synchronous !== 'normal'))
    throw new Error('usage: baseline-child DIR full|normal');
  const db = openDatabase(join(dir, 'baseline.db'), synchronous);
  // The outbox's own statements: sixteen rows per INSERT, the rest one by one.
  const commit = db.transaction(createRowInsert(prepareQueries(db)));
  let rows = 0;
  let pending: { rows: NewRow[]; res: ServerResponse }[] = [];
  const flush = (): void => {
    const batch = pending;
    pending = [];
    const all = batch.flatMap((p) => p.rows);
    commit.immediate(all, Date.now());
    rows += all.length;
    for (const p of batch) answer(p.res, 200, '{"success":true}');
  };
  const expected = `Basic ${Buffer.from(`${WRITE_KEY}:`).toString('base64')}`;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.headers.authorization !== expected) return answer(res, 401, '{"success":false}');
      let batch: unknown;
      try {
        batch = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { batch?: unknown }).batch;
      } catch {
        return answer(res, 400, '{"success":false}');
      }
      if (!Array.isArray(batch)) return answer(res, 400, '{"success":false}');
      const mine = batch.map((e: { messageId?: unknown }): NewRow => {
        const id = typeof e.messageId === 'string' && e.messageId ? e.messageId : randomUUID();
        return { destination: DESTINATION, messageId: id, payload: JSON.stringify(e) };
      });
      if (pending.length === 0) setImmediate(flush);
      pending.push({ rows: mine, res });
    });
  });
  server.keepAliveTimeout = 5_000;
  server.listen(0, '127.0.0.1', () => {
    const a = server.address() as AddressInfo;
    serveChild({
      url: `http://127.0.0.1:${a.port}`,
      count: () => rows,
      shutdown: () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
        }).then(() => {
          db.close();
        }),
    });
  });
}

function answer(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(body);
}

main();
