/**
 * Throwaway source trees for scanner tests: `project({ 'src/app.ts': '…' })` writes the files
 * under a fresh temp folder and returns its path; `removeProjects()` (in an `after` hook)
 * deletes every folder made. `filesUnder` lists a tree (fixture projects).
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];

/** Write `files` (path → text, `/`-separated) under a new temp folder; returns the folder. */
export function project(files: Record<string, string>, prefix = 'veil-scan-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** Remove every folder `project` made. */
export function removeProjects(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** Every file under `dir`, as paths relative to it with `/` separators, sorted. */
export function filesUnder(dir: string, base = ''): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir).sort()) {
    const full = join(dir, e);
    const rel = base === '' ? e : `${base}/${e}`;
    if (statSync(full).isDirectory()) out.push(...filesUnder(full, rel));
    else out.push(rel);
  }
  return out;
}
