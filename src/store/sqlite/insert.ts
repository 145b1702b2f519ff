/**
 * Inserting queued rows: sixteen at a time in one statement, the rest one by one. Shared by the
 * outbox and the gateway benchmark's baseline, which must insert "the same way".
 */
import type { NewRow } from '../types.js';
import { INSERT_CHUNK, type Queries } from './queries.js';

/** Insert `rows` (in the caller's transaction) with `at` as their creation and due time. */
export function createRowInsert(q: Queries): (rows: readonly NewRow[], at: number) => void {
  const args: unknown[] = new Array<unknown>(INSERT_CHUNK * 5);
  return (rows, at) => {
    let i = 0;
    for (; i + INSERT_CHUNK <= rows.length; i += INSERT_CHUNK) {
      for (let j = 0; j < INSERT_CHUNK; j++) {
        const r = rows[i + j]!;
        const b = j * 5;
        args[b] = r.destination;
        args[b + 1] = r.messageId;
        args[b + 2] = r.payload;
        args[b + 3] = at;
        args[b + 4] = at;
      }
      q.insert16.run(args);
    }
    for (; i < rows.length; i++) {
      const r = rows[i]!;
      q.insert.run(r.destination, r.messageId, r.payload, at, at);
    }
  };
}
