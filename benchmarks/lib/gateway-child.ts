/**
 * Child process: a Veil gateway (`createGateway`) with one Segment source → one file
 * destination that is paused before the gateway starts, so the benchmark measures ingest
 * (HTTP in, decode, policy, durable commit, ack) and not delivery. The default (safe) policy
 * applies. Arguments: data directory, `full` | `normal` (SQLite synchronous), and optionally
 * `records-off` (inventory and ledger disabled). `VEIL_BENCH_RECORDS=inventory|ledger` keeps only
 * that one on (with `VEIL_BENCH_WORKERS`, read here only).
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { ConfigSchema } from '../../src/config/schema.js';
import { createGateway } from '../../src/gateway/gateway.js';
import { DESTINATION, serveChild, WRITE_KEY } from './server-child.js';

async function main(): Promise<void> {
  const [dir, synchronous, records] = process.argv.slice(2);
  const off = records === 'records-off';
  if (dir === undefined || (synchronous !== 'full' && synchronous !== 'normal'))
    throw new Error('usage: gateway-child DIR full|normal');
  const config = ConfigSchema.parse({
    version: 1,
    data_dir: dir,
    sources: { app: { type: 'segment', tokens: [WRITE_KEY], destinations: [DESTINATION] } },
    server: {
      host: '127.0.0.1',
      port: 0,
      ...(process.env.VEIL_BENCH_WORKERS !== undefined && {
        policy_workers: Number(process.env.VEIL_BENCH_WORKERS),
      }),
    },
    outbox: { high_water: 50_000_000, synchronous },
    ...(off && { inventory: { enabled: false }, ledger: { enabled: false } }),
    // Investigation knob: VEIL_BENCH_RECORDS=inventory|ledger keeps only that one on.
    ...(process.env.VEIL_BENCH_RECORDS === 'inventory' && { ledger: { enabled: false } }),
    ...(process.env.VEIL_BENCH_RECORDS === 'ledger' && { inventory: { enabled: false } }),
    destinations: { [DESTINATION]: { type: 'file', path: join(dir, 'out.ndjson') } },
  });
  const env = { VEIL_MASTER_KEY: randomBytes(32).toString('hex') };
  const gw = await createGateway(config, { env });
  // What `veil destination pause warehouse` does, before the first request.
  gw.outbox.setState(DESTINATION, 'paused');
  const url = await gw.start();
  serveChild({ url, count: () => gw.outbox.depth(), shutdown: () => gw.shutdown() });
}

main().catch((e: unknown) => {
  process.stderr.write(`gateway child: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
