// Installs the benchmark peers (devDependencies of benchmarks/package.json) when any is missing,
// from benchmarks/package-lock.json, so `npm run bench` works on a fresh clone. Plain JS: it runs
// before TypeScript can compile the benchmarks, which import the peers' types.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const manifest = JSON.parse(readFileSync(join(here, 'package.json'), 'utf8'));
const missing = Object.keys(manifest.devDependencies ?? {}).filter(
  (name) => !existsSync(join(here, 'node_modules', name, 'package.json')),
);
if (missing.length > 0) {
  process.stderr.write(`benchmarks: installing peers (${missing.join(', ')} missing)\n`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: here, stdio: 'inherit' });
  // Peers load dynamically: without them the benchmarks still run and report them as failed.
  if (r.status !== 0)
    process.stderr.write('benchmarks: npm ci failed; peers will be reported as failed\n');
}
