/**
 * `veil demo`: start a throwaway gateway (embedded demo config in a temporary directory), drive
 * the official SDKs through it, and print side by side what the app sent and what the vendor
 * receives. Nothing leaves the machine: the destination is a local NDJSON file.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_TOKEN, demoConfig } from '../gateway/demo.js';
import { createGateway } from '../gateway/gateway.js';
import { demoCalls } from './demo-sdks.js';
import type { Io } from './detect.js';

/** `path = value` lines of a JSON value, leaves only. */
export function flatten(v: unknown, prefix = ''): string[] {
  if (typeof v !== 'object' || v === null) return [`${prefix} = ${JSON.stringify(v)}`];
  const entries = Array.isArray(v) ? v.map((x, i) => [String(i), x] as const) : Object.entries(v);
  return entries.flatMap(([k, x]) => flatten(x, prefix === '' ? k : `${prefix}.${k}`));
}

/** Two columns, each cut to `width` characters. */
export function sideBySide(left: string[], right: string[], width = 58): string {
  const cut = (s: string) => (s.length > width ? s.slice(0, width - 1) + '…' : s.padEnd(width));
  const rows: string[] = [`  ${cut('the app sent')} │ the vendor receives`];
  rows.push(`  ${'─'.repeat(width)}─┼─${'─'.repeat(width)}`);
  for (let i = 0; i < Math.max(left.length, right.length); i++)
    rows.push(`  ${cut(left[i] ?? '')} │ ${right[i] ?? ''}`);
  return rows.join('\n');
}

async function waitForLines(file: string, n: number): Promise<string[]> {
  for (let i = 0; i < 400; i++) {
    try {
      const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
      if (lines.length >= n) return lines;
    } catch {
      // not written yet
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('the gateway did not deliver the demo events within 10 s');
}

/** Run the demo; resolves to the exit code. */
export async function runDemo(
  io: Io,
  env: Readonly<Record<string, string | undefined>>,
): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'veil-demo-'));
  const config = demoConfig(dir, 0);
  const out = join(dir, '.veil', 'out', 'events.ndjson');
  const gw = await createGateway(config, { env: { VEIL_MASTER_KEY: env.VEIL_MASTER_KEY } });
  try {
    const url = await gw.start();
    io.stdout.write(`veil demo: a gateway on ${url}, default policy, destination ${out}\n\n`);
    let delivered = 0;
    for (const call of demoCalls()) {
      await call.run(url, DEMO_TOKEN);
      const lines = await waitForLines(out, ++delivered);
      const received = JSON.parse(lines[delivered - 1]!) as unknown;
      io.stdout.write(
        `${call.sdk} → veil (${call.vendor} receiver, default policy) → destination\n`,
      );
      io.stdout.write(sideBySide(flatten(call.sent), flatten(received)) + '\n\n');
    }
    io.stdout.write(
      'Ids became keyed pseudonyms, the IP, name and email are gone, URLs lost their queries.\n' +
        'Run `veil serve` and point your own SDKs at it to see your events.\n',
    );
    return 0;
  } finally {
    await gw.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }
}
