/**
 * `veil config check` and `veil config show`: validate a `veil.yaml` without starting anything,
 * and print it as Veil reads it (defaults filled in, paths absolute) with every value that may
 * be a secret hidden (`redactConfig`). Both exit 2 with every problem listed by its dotted path
 * when the file is not valid, as `veil serve` would refuse it.
 */
import type { Command } from 'commander';
import { stringify } from 'yaml';
import { loadConfig, redactConfig } from '../config/load.js';
import type { Io } from './detect.js';

const DEFAULT_FILE = 'veil.yaml';

/** Add `veil config check|show` to `program`; `setExit` receives each run's exit code. */
export function registerConfigCommands(
  program: Command,
  io: Io,
  setExit: (code: number) => void,
): void {
  const config = program
    .command('config')
    .description('validate a veil.yaml, or print it as Veil reads it with secrets hidden');
  config
    .command('check')
    .description('validate a veil.yaml: exit 0 when valid, 2 with every problem by dotted path')
    .option('--config <file>', 'the config file', DEFAULT_FILE)
    .action(async (o: { config: string }) => {
      const c = await loadConfig(o.config);
      const n = (x: object | undefined) => Object.keys(x ?? {}).length;
      io.stdout.write(
        `veil config: ${o.config} is valid (${n(c.sources)} source(s), ` +
          `${n(c.destinations)} destination(s), ${n(c.policies)} polic(ies))\n`,
      );
      setExit(0);
    });
  config
    .command('show')
    .description(
      'print the config as Veil reads it (defaults filled in, paths absolute), secrets hidden',
    )
    .option('--config <file>', 'the config file', DEFAULT_FILE)
    .option('--format <f>', 'yaml or json', 'yaml')
    .action(async (o: { config: string; format: string }) => {
      if (o.format !== 'yaml' && o.format !== 'json') {
        io.stderr.write('veil: --format must be yaml or json (VEIL_E_USAGE)\n');
        setExit(2);
        return;
      }
      const shown = redactConfig(await loadConfig(o.config));
      io.stdout.write(
        o.format === 'json' ? JSON.stringify(shown, null, 2) + '\n' : stringify(shown),
      );
      setExit(0);
    });
}
