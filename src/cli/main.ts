/** The `veil` command line. Exit codes: 0 ok, 1 findings asked to fail on, 2 usage/config/input errors. */
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { readFileSync } from 'node:fs';
import { ERROR_CODES, VeilError } from '../errors.js';
import { parseCategoryList } from './categories.js';
import { runCheck } from './check.js';
import { registerConfigCommands } from './config.js';
import { runDetect, type Io } from './detect.js';
import { registerDestinationCommands } from './destination.js';
import { registerOutboxCommands } from './outbox.js';
import { runServe } from './serve.js';
import { runDemo } from './demo.js';
import { registerImpactCommand } from './impact.js';
import { registerMapCommand } from './map.js';
import { registerScanCommand } from './scan.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('must be a positive integer');
  return n;
}

function portNumber(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65_535)
    throw new InvalidArgumentError('must be a port number (0-65535)');
  return n;
}

function unitInterval(v: string): number {
  const n = Number(v);
  if (!(n >= 0 && n <= 1)) throw new InvalidArgumentError('must be a number between 0 and 1');
  return n;
}

/** Build the program; `setExit` receives the exit code of the command that ran. */
export function buildProgram(io: Io, setExit: (code: number) => void): Command {
  const program = new Command('veil')
    .description('Privacy firewall for product analytics')
    .version(pkg.version)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });

  program
    .command('detect')
    .description('find personal data and secrets in NDJSON values; one finding per line out')
    .argument('[file]', 'NDJSON file, or - for stdin', '-')
    .option(
      '--fail-on <categories>',
      'exit 1 when findings in these categories exist (comma-separated; parents cover children)',
    )
    .option(
      '--min-confidence <n>',
      'report only findings at or above this confidence (0..1)',
      unitInterval,
    )
    .option('--max-scan-length <chars>', 'characters scanned per string value', positiveInt)
    .action(
      async (
        file: string,
        o: { failOn?: string; minConfidence?: number; maxScanLength?: number },
      ) => {
        const failOn = o.failOn !== undefined ? parseCategoryList(o.failOn) : undefined;
        setExit(await runDetect(file, { ...o, failOn }, io));
      },
    );
  program
    .command('check')
    .description(
      'dry run of the policy: canonical NDJSON events in, minimized events out, summary on stderr; no network',
    )
    .argument('[file]', 'NDJSON file, or - for stdin', '-')
    .option('--config <file>', 'veil.yaml (default: the built-in safe policy)')
    .option(
      '--destination <name>',
      'destination whose policy to apply (default: the first in the config)',
    )
    .option(
      '--format <format>',
      'input format: canonical, or a vendor wire payload per line: mixpanel, segment, posthog, amplitude',
      'canonical',
    )
    .option(
      '--fail-on <categories>',
      'exit 1 when input events carry these categories (comma-separated)',
    )
    .action(
      async (
        file: string,
        o: { config?: string; destination?: string; format: string; failOn?: string },
      ) => {
        const failOn = o.failOn !== undefined ? parseCategoryList(o.failOn) : undefined;
        const opts = { ...o, failOn, env: process.env };
        setExit(await runCheck(file, opts, io));
      },
    );
  program
    .command('serve')
    .description(
      'run the gateway: SDK receivers, policy, durable outbox, forwarding (no --config: embedded demo)',
    )
    .option('--config <file>', 'veil.yaml (default: the embedded demo in ./.veil)')
    .option('--port <n>', 'override server.port', portNumber)
    .option('--host <address>', 'override server.host')
    .action(async (o: { config?: string; port?: number; host?: string }) => {
      setExit(await runServe({ ...o, env: process.env }, io));
    });
  program
    .command('demo')
    .description(
      'drive the real SDKs through a throwaway local gateway and show what the app sent next to what the vendor receives',
    )
    .action(async () => setExit(await runDemo(io, process.env)));
  registerOutboxCommands(program, io, setExit);
  registerImpactCommand(program, io, setExit);
  registerMapCommand(program, io, setExit);
  registerScanCommand(program, io, setExit);
  registerDestinationCommands(program, io, setExit);
  registerConfigCommands(program, io, setExit);
  return program;
}

/** Run the CLI with `argv` (without node and script); resolves to the process exit code. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  let code = 0;
  const program = buildProgram(io, (c) => (code = c));
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.exitCode === 0) return 0; // --help, --version
      return ERROR_CODES.VEIL_E_USAGE.exit;
    }
    if (e instanceof VeilError) {
      io.stderr.write(`veil: ${e.message} (${e.code})\n`);
      for (const p of e.problems) io.stderr.write(`  ${p}\n`);
      return e.exitCode;
    }
    io.stderr.write(`veil: internal error (VEIL_E_INTERNAL): ${(e as Error).stack ?? String(e)}\n`);
    return ERROR_CODES.VEIL_E_INTERNAL.exit;
  }
}
