/**
 * `veil serve [--config FILE] [--port N] [--host H]`: run the gateway until SIGINT/SIGTERM, then
 * shut down gracefully (stop intake, flush, close). Without --config: the embedded demo.
 * Logs are JSON lines (pino) on stderr; they never contain event values, tokens or keys.
 */
import { destination, pino } from 'pino';
import { loadConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { createGateway } from '../gateway/gateway.js';
import { DEMO_TOKEN, demoConfig } from '../gateway/demo.js';
import type { Io } from './detect.js';

/** Options of `veil serve`. */
export interface ServeOptions {
  readonly config?: string;
  readonly port?: number;
  readonly host?: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Resolves when the process is asked to stop (default: SIGINT or SIGTERM). */
  readonly stopped?: Promise<void>;
}

function signalled(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

function withListen(c: Config, o: ServeOptions): Config {
  return {
    ...c,
    server: {
      ...c.server,
      ...(o.port !== undefined && { port: o.port }),
      ...(o.host && { host: o.host }),
    },
  };
}

/** Run the gateway; resolves to the exit code after shutdown. */
export async function runServe(o: ServeOptions, io: Io): Promise<number> {
  const demo = o.config === undefined;
  const config = withListen(demo ? demoConfig(process.cwd()) : await loadConfig(o.config!), o);
  const log = pino(
    { base: { svc: 'veil' }, level: o.env.VEIL_LOG_LEVEL ?? 'info' },
    destination(2),
  );
  const gw = await createGateway(config, { env: o.env, log });
  const url = await gw.start();
  io.stderr.write(`veil serve: listening on ${url}\n`);
  if (demo) {
    const out = config.destinations.local;
    io.stderr.write(
      `veil serve: embedded demo — token "${DEMO_TOKEN}" for every SDK; point an SDK at ${url}/mixpanel, ${url}/segment, ${url}/posthog or ${url}/amplitude\n` +
        `veil serve: minimized events are written to ${out?.type === 'file' ? out.path : '(file)'}\n`,
    );
  }
  io.stderr.write(`veil serve: admin token in ${gw.adminTokenSource}\n`);
  await (o.stopped ?? signalled());
  io.stderr.write('veil serve: shutting down\n');
  await gw.shutdown();
  return 0;
}
