/** Installed version of a benchmark peer, read from its package.json (many peers do not export it). */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The version of package `name` as resolved from the benchmarks; '?' when it cannot be read. */
export function packageVersion(name: string): string {
  const require = createRequire(import.meta.url);
  let entry: string;
  try {
    entry = require.resolve(name);
  } catch {
    return '?';
  }
  for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === name) return pkg.version ?? '?';
    } catch {
      // not a package root: keep walking up
    }
  }
  return '?';
}
