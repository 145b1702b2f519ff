/**
 * Crash-test child: `node dist/testing/crash-child.js <db-path> [max-rounds]`. Opens the SQLite
 * outbox and enqueues in a loop, several concurrent calls per round (so group commit batches
 * them); after each call resolves it prints the message ids of that call on one line
 * (`ack <id> <id> …`). The parent SIGKILLs it mid-stream and checks every printed id survived.
 * Stops by itself after `max-rounds` rounds (default 5 000).
 */
import { openSqliteOutbox } from '../store/sqlite/outbox.js';

const CALLS_PER_ROUND = 4;
/** An SDK's batch: the outbox inserts sixteen rows per statement, then the rest one by one. */
const ROWS_PER_CALL = 20;

async function run(path: string, maxRounds: number): Promise<void> {
  const outbox = openSqliteOutbox({ path });
  process.stdout.write('ready\n');
  for (let round = 0; round < maxRounds; round++) {
    const calls = Array.from({ length: CALLS_PER_ROUND }, async (_, c) => {
      const ids = Array.from({ length: ROWS_PER_CALL }, (_, i) => `r${round}-c${c}-${i}`);
      await outbox.enqueue(
        ids.map((messageId) => ({ destination: 'crash', messageId, payload: '{"e":1}' })),
      );
      // Pipes are synchronous on Linux: once written, the parent receives the line.
      process.stdout.write(`ack ${ids.join(' ')}\n`);
    });
    await Promise.all(calls);
  }
  await outbox.close();
}

const [path, rounds] = process.argv.slice(2);
if (path === undefined) {
  process.stderr.write('usage: crash-child.js <db-path> [max-rounds]\n');
  process.exitCode = 2;
} else {
  await run(path, rounds === undefined ? 5_000 : Number(rounds));
}
