/**
 * One-shot measurement children: a benchmark module forks itself with `--child`, the child
 * measures, sends one IPC message with its result and exits. Every child runs with
 * `--expose-gc` (timing collects garbage between repetitions).
 */
import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Write `texts` to a temporary file, one per line, for children to read; run `fn` with its path;
 * remove the file however `fn` ends.
 */
export async function withTextsFile<T>(
  texts: readonly string[],
  fn: (file: string) => Promise<T>,
): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'veil-bench-'));
  try {
    const file = join(dir, 'events.ndjson');
    writeFileSync(file, texts.join('\n') + '\n');
    return await fn(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The event texts of a file written by the parent (one JSON text per line). */
export function readTexts(file: string): string[] {
  return readFileSync(file, 'utf8').split('\n').filter(Boolean);
}

/** True when the module at `moduleUrl` is this process's entry point, started as a child. */
export function isChild(moduleUrl: string): boolean {
  return process.argv[1] === fileURLToPath(moduleUrl) && process.argv[2] === '--child';
}

/** The child's arguments after `--child`. */
export function childArgs(): string[] {
  return process.argv.slice(3);
}

/** In the child: send `result` to the parent, then exit. */
export function reply(result: unknown): void {
  process.send!(result, () => process.exit(0));
}

/** Fork the module at `moduleUrl` as a child with `args`; resolves with the message it sent. */
export function runChild<T>(moduleUrl: string, args: readonly string[], label: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const c = fork(fileURLToPath(moduleUrl), ['--child', ...args], {
      execArgv: ['--expose-gc'],
      stdio: 'inherit',
    });
    let got: { value: T } | undefined;
    c.once('message', (m: T) => (got = { value: m }));
    c.once('error', reject);
    c.once('exit', (code) =>
      got
        ? resolve(got.value)
        : reject(new Error(`${label} child exited (code ${code}) without results`)),
    );
  });
}
