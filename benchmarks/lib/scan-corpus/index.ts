/**
 * A generated monorepo for the `veil scan` benchmark, deterministic from a seed: about 70%
 * TypeScript/JavaScript files that call no SDK (components, hooks, utilities, services), 20% that
 * do (browser SDKs imported or global, Node SDKs, and callers of each app's `src/lib/analytics.ts`
 * wrapper) and 10% Python (Django apps: views calling SDKs or `core.analytics.track`, models).
 * Files are 50–400 lines, most of them short. The generator counts what it plants: SDK sink calls
 * per vendor and wrapper call sites, so a run can compare them with what the scanner found.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { nodeFile, jsFile } from './js-files.js';
import { APPS, PACKAGES, SERVICES, place, roles } from './layout.js';
import type { Out } from './out.js';
import { pyFile } from './python-files.js';
import { Pick, random } from './random.js';
import { WRAPPERS } from './wrappers.js';

/** What the generator wrote. */
export interface ScanCorpus {
  readonly seed: number;
  readonly files: number;
  readonly bytes: number;
  readonly lines: number;
  /** Files by extension (`.tsx`: 1234). */
  readonly byExt: Readonly<Record<string, number>>;
  /** Files by role: plain, sdk-browser, sdk-node, wrapper-caller, wrapper-module, python-… */
  readonly byRole: Readonly<Record<string, number>>;
  /**
   * SDK sink calls written, by vendor id: wrapper bodies included, each `Identify().set(…)`
   * included, init/config calls not.
   */
  readonly plantedCalls: Readonly<Record<string, number>>;
  /** Calls of a wrapper function (`track(…)` imported from an analytics module), by language. */
  readonly plantedWrapperSites: { readonly js: number; readonly python: number };
}

function content(o: Out, role: string, path: string): string[] {
  if (role.startsWith('python')) return pyFile(o, role);
  if (role === 'sdk-node') return nodeFile(o);
  const root = path.split('/').slice(0, 2).join('/');
  const wrapper = WRAPPERS.find((w) => w.path.startsWith(`${root}/`))?.path ?? '';
  let spec = posix.relative(posix.dirname(path), wrapper.replace(/\.[jt]s$/, ''));
  if (!spec.startsWith('.')) spec = `./${spec}`;
  return jsFile(o, role, spec);
}

/** Counts of what was written. */
class Tally {
  readonly planted: Record<string, number> = {};
  readonly sites = { js: 0, python: 0 };
  readonly byExt: Record<string, number> = {};
  readonly byRole: Record<string, number> = {};
  bytes = 0;
  lines = 0;
  constructor(readonly dir: string) {}
  write(path: string, role: string, text: string): void {
    const full = join(this.dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
    this.bytes += Buffer.byteLength(text);
    this.lines += text.split('\n').length - 1;
    const ext = path.slice(path.lastIndexOf('.'));
    this.byExt[ext] = (this.byExt[ext] ?? 0) + 1;
    this.byRole[role] = (this.byRole[role] ?? 0) + 1;
  }
}

/** Write the corpus into `dir` (which should be empty): `files` source files from `seed`. */
export function writeScanCorpus(opts: { dir: string; seed: number; files: number }): ScanCorpus {
  const p = new Pick(random(opts.seed));
  const t = new Tally(opts.dir);
  for (const w of WRAPPERS) {
    t.write(w.path, 'wrapper-module', w.text);
    for (const [v, n] of Object.entries(w.planted)) t.planted[v] = (t.planted[v] ?? 0) + n;
  }
  // Manifests are not scanned; they make the tree look like the monorepo it stands for.
  for (const root of [...APPS, ...PACKAGES, ...SERVICES]) {
    mkdirSync(join(opts.dir, root), { recursive: true });
    const manifest = `{ "name": "@acme/${root.split('/')[1]}", "private": true }\n`;
    writeFileSync(join(opts.dir, root, 'package.json'), manifest);
  }
  const taken = new Set<string>(WRAPPERS.map((w) => w.path));
  for (const role of roles(opts.files)) {
    const path = place(p, role, taken);
    const ext = path.slice(path.lastIndexOf('.'));
    const ts = ext === '.ts' || ext === '.tsx';
    const jsx = ext === '.tsx' || ext === '.jsx';
    const o: Out = { p, ts, jsx, planted: t.planted, sites: t.sites };
    t.write(path, role, content(o, role, path).join('\n') + '\n');
  }
  return {
    seed: opts.seed,
    files: Object.values(t.byExt).reduce((s, n) => s + n, 0),
    bytes: t.bytes,
    lines: t.lines,
    byExt: t.byExt,
    byRole: t.byRole,
    plantedCalls: t.planted,
    plantedWrapperSites: t.sites,
  };
}
