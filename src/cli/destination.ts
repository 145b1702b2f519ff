/**
 * `veil destination pause|resume|cut|status`: the per-destination switch. The state lives in the
 * outbox database, which the running gateway reads before every delivery round (and `lease`
 * hands out nothing for a destination that is not active), so a change applies without restart.
 * `cut` is the kill switch: it also discards every queued and dead-lettered event of the
 * destination, in the same transaction.
 */
import type { Command } from 'commander';
import { VeilError } from '../errors.js';
import type { DestinationState } from '../store/types.js';
import type { Io } from './detect.js';
import {
  action,
  checkDestination,
  resolveStore,
  statusRows,
  statusTable,
  withOutbox,
  withStoreOptions,
  type StoreOptions,
} from './outbox.js';

interface SwitchOptions extends StoreOptions {
  readonly yes?: boolean;
}

async function runSwitch(
  name: string,
  state: DestinationState,
  o: SwitchOptions,
  io: Io,
): Promise<number> {
  if (state === 'cut' && !o.yes) {
    throw new VeilError(
      'VEIL_E_USAGE',
      `cut stops delivery to ${name} and discards its queued and dead events for good; add --yes to confirm`,
    );
  }
  const target = await resolveStore(o);
  checkDestination(target, name);
  const { before, discarded, queued } = await withOutbox(target, (ob) => {
    const was = ob!.state(name);
    const n = ob!.setState(name, state);
    const left = ob!.status().find((s) => s.destination === name)?.queued ?? 0;
    return { before: was, discarded: n, queued: left };
  });
  const change = before === state ? `already ${state}` : `${before} → ${state}`;
  if (state === 'cut') {
    io.stdout.write(`${name}: ${change}; discarded ${discarded} queued/dead event(s)\n`);
  } else {
    io.stdout.write(`${name}: ${change}; ${queued} event(s) queued\n`);
  }
  return 0;
}

async function runStatus(o: StoreOptions & { json?: boolean }, io: Io): Promise<number> {
  const target = await resolveStore(o);
  const rows = await withOutbox(target, (ob) => statusRows(target, ob), false);
  if (o.json) {
    io.stdout.write(JSON.stringify({ destinations: rows }) + '\n');
    return 0;
  }
  io.stdout.write(statusTable(rows));
  return 0;
}

/** Add `veil destination pause|resume|cut|status` to `program`; `setExit` gets the exit code. */
export function registerDestinationCommands(
  program: Command,
  io: Io,
  setExit: (code: number) => void,
): void {
  const dest = program
    .command('destination')
    .description('pause, resume or cut (kill switch) forwarding to a destination');
  const sw = (verb: string, what: string) =>
    withStoreOptions(dest.command(verb).description(what).argument('<name>', 'destination name'));
  sw('pause', 'stop forwarding; events keep queuing').action(
    action(io, setExit, (name: string, o: SwitchOptions) => runSwitch(name, 'paused', o, io)),
  );
  sw('resume', 'forward again (also after a cut)').action(
    action(io, setExit, (name: string, o: SwitchOptions) => runSwitch(name, 'active', o, io)),
  );
  sw('cut', 'kill switch: stop forwarding and discard queued and dead events')
    .option('--yes', 'confirm: the discarded events cannot be recovered')
    .action(action(io, setExit, (name: string, o: SwitchOptions) => runSwitch(name, 'cut', o, io)));
  withStoreOptions(dest.command('status').description('state and queue numbers per destination'))
    .option('--json', 'one JSON document on stdout')
    .action(action(io, setExit, (o: StoreOptions & { json?: boolean }) => runStatus(o, io)));
}
