/**
 * Runs one `veil` subcommand in process, for CLI tests: a fresh commander program with only the
 * commands `register` adds, in-memory stdin/stdout/stderr, and the exit code the command set
 * (2 for commander's own usage errors, as `main` maps them).
 */
import { Readable, Writable } from 'node:stream';
import { Command, CommanderError } from 'commander';
import type { Io } from '../cli/detect.js';

/** What a command run printed and returned. */
export interface CommandResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Register a command family on `program`. */
export type Register = (program: Command, io: Io, setExit: (code: number) => void) => void;

/** Run `veil <args>` with the commands of `register`. */
export async function runCommand(
  register: Register,
  args: readonly string[],
): Promise<CommandResult> {
  let stdout = '';
  let stderr = '';
  let code = 0;
  const sink = (f: (s: string) => void) =>
    new Writable({ write: (c: Buffer, _e, cb) => (f(c.toString()), cb()) });
  const io = {
    stdin: Readable.from([]),
    stdout: sink((s) => (stdout += s)),
    stderr: sink((s) => (stderr += s)),
  };
  const program = new Command('veil')
    .exitOverride()
    .configureOutput({ writeOut: (s) => (stdout += s), writeErr: (s) => (stderr += s) });
  register(program, io, (c) => (code = c));
  try {
    await program.parseAsync([...args], { from: 'user' });
  } catch (e) {
    if (!(e instanceof CommanderError)) throw e;
    code = e.exitCode === 0 ? 0 : 2;
  }
  return { code, stdout, stderr };
}
