/**
 * The embedded demo (`veil serve` without `--config`): SQLite and keys in `./.veil/`, the safe
 * default policy, one local file destination, and one source per vendor wire format accepting
 * the demo token. It listens on 127.0.0.1 only.
 */
import { resolve } from 'node:path';
import { ConfigSchema, type Config } from '../config/schema.js';
import { VENDORS } from '../receivers/types.js';

/** The token every demo source accepts. Use a real config for anything but a local try-out. */
export const DEMO_TOKEN = 'veil-demo-token';

/** The demo config, with paths under `cwd`. */
export function demoConfig(cwd: string, port = 8787): Config {
  const sources = Object.fromEntries(
    VENDORS.map((v) => [`demo-${v}`, { type: v, tokens: [DEMO_TOKEN], destinations: ['local'] }]),
  );
  return ConfigSchema.parse({
    version: 1,
    data_dir: resolve(cwd, '.veil'),
    sources,
    server: { host: '127.0.0.1', port },
    destinations: { local: { type: 'file', path: resolve(cwd, '.veil', 'out', 'events.ndjson') } },
  });
}
