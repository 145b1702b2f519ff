/**
 * `veil impact`: what the disclosure ledger (`<data_dir>/ledger.db`) says was sent to one
 * destination in a window of UTC days — totals, per (category, form) counts, the affected users
 * of an owner's user file (`--users`), the subjects of a leaked dataset (`--leaked`), and a breach
 * notification record with deadlines and drafts (`--aware-at`).
 */
import { Command } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { VeilError } from '../errors.js';
import { toCsv } from '../ledger/csv.js';
import { pendingInWindow, readPending, type Pending } from '../ledger/journal.js';
import { readLeaked } from '../ledger/leaked.js';
import { buildNotification } from '../ledger/notify.js';
import { affectedCells, affectedRow, summaryCells, type AffectedRow } from '../ledger/report.js';
import {
  openLedgerStore,
  type ImpactSummary,
  type LedgerStore,
  type Window,
} from '../ledger/store.js';
import { createLedgerPseudonymizer, type LedgerPseudonymizer } from '../ledger/subject.js';
import { readUsers, type User } from '../ledger/users.js';
import { loadMasterKey } from '../policy/keys.js';
import type { Io } from './detect.js';
import {
  action,
  checkDestination,
  resolveStore,
  table,
  withStoreOptions,
  type StoreOptions,
} from './outbox.js';

/** Options of `veil impact` (as commander parses them). */
export interface ImpactOptions extends StoreOptions {
  readonly destination: string;
  readonly from: string;
  readonly to: string;
  readonly format?: string;
  readonly users?: string;
  readonly idColumn?: string;
  readonly emailColumn?: string;
  readonly leaked?: string;
  readonly awareAt?: string;
  readonly malicious?: boolean;
}

const usage = (msg: string) => new VeilError('VEIL_E_USAGE', msg);

const DATE = /^\d{4}-\d{2}-\d{2}$/;
// A date-time must say its offset: deadlines and day boundaries must not depend on the machine.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** `t` (ISO date = midnight UTC, or date-time with an offset) as an instant; else VEIL_E_USAGE. */
export function instant(t: string, flag: string): Date {
  const d = DATE.test(t) ? new Date(`${t}T00:00:00Z`) : DATE_TIME.test(t) ? new Date(t) : undefined;
  const valid =
    d !== undefined &&
    !Number.isNaN(d.getTime()) &&
    (!DATE.test(t) || d.toISOString().startsWith(t));
  if (!valid)
    throw usage(
      `${flag} must be an ISO date (2026-11-01) or date-time with offset (2026-11-01T09:00:00Z)`,
    );
  return d;
}

/** The UTC day of `instant(t, flag)`. */
export const utcDay = (t: string, flag: string): string =>
  instant(t, flag).toISOString().slice(0, 10);

function checkOptions(o: ImpactOptions): string {
  const format = o.format ?? (o.users !== undefined ? 'csv' : 'table');
  if (!['json', 'table', 'csv'].includes(format))
    throw usage('--format must be json, table or csv');
  if (o.users !== undefined && o.idColumn === undefined) throw usage('--users needs --id-column');
  if (o.users === undefined && (o.idColumn ?? o.emailColumn) !== undefined)
    throw usage('--id-column and --email-column need --users');
  if (o.users !== undefined && format === 'table')
    throw usage('with --users, --format is csv or json');
  if (o.malicious && o.awareAt === undefined) throw usage('--malicious needs --aware-at');
  return format;
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new VeilError('VEIL_E_INPUT_READ', `cannot read ${file} (${why})`);
  }
}

function pseudonymizer(dataDir: string, env: NodeJS.ProcessEnv): LedgerPseudonymizer {
  const master = loadMasterKey({ env, dataDir, create: false });
  if (master === undefined) {
    throw new VeilError(
      'VEIL_E_KEY_INVALID',
      `no master key: set VEIL_MASTER_KEY or keep ${join(dataDir, 'master.key')}; ledger pseudonyms need it`,
    );
  }
  return createLedgerPseudonymizer(master);
}

/** Subjects of the leaked file that the ledger knows in `w`, and what was read. */
function leakedSubjects(
  store: LedgerStore,
  w: Window,
  file: string,
  key: () => LedgerPseudonymizer,
) {
  const leak = readLeaked(readText(file));
  const candidates = new Set(store.resolve(w.destination, leak.pseudonyms).values());
  // Ids a policy passed unchanged: their ledger pseudonym is the subject itself.
  if (leak.rawIds.size > 0) for (const id of leak.rawIds) candidates.add(key()(id));
  const found = store.exposure(w, candidates);
  const stats = {
    records: leak.records,
    bad_lines: leak.badLines,
    ids: leak.pseudonyms.size + leak.rawIds.size,
  };
  return { found, stats: { ...stats, matched_subjects: found.size } };
}

function affectedUsers(
  store: LedgerStore,
  w: Window,
  users: readonly User[],
  key: LedgerPseudonymizer,
  only?: ReadonlySet<string>,
): AffectedRow[] {
  const bySubject = new Map<string, User[]>();
  for (const u of users) {
    const s = key(u.id);
    if (only !== undefined && !only.has(s)) continue;
    bySubject.set(s, [...(bySubject.get(s) ?? []), u]);
  }
  const found = store.exposure(w, bySubject.keys());
  return [...found].flatMap(([s, e]) => bySubject.get(s)!.map((u) => affectedRow(e, u)));
}

function summaryTable(s: ImpactSummary): string {
  const [head, ...rows] = summaryCells(s);
  return (
    `destination ${s.destination}, ${s.from} to ${s.to} (UTC days, inclusive)\n` +
    `subjects ${s.subjects}, orgs ${s.orgs}, events ${s.events}\n\n` +
    table(
      head!.map((h) => h.toUpperCase()),
      rows,
    )
  );
}

function write(io: Io, format: string, doc: unknown, csv: string[][], text: () => string): void {
  if (format === 'json') io.stdout.write(JSON.stringify(doc, null, 2) + '\n');
  else if (format === 'csv') io.stdout.write(toCsv(csv));
  else io.stdout.write(text());
}

function leakedTable(
  stats: { records: number; ids: number; matched_subjects: number },
  subjects: readonly AffectedRow[],
): string {
  const cells = subjects.map((s) => [
    s.subject,
    String(s.events),
    s.first_day,
    s.last_day,
    s.exposed.join(' '),
  ]);
  return (
    `leaked records ${stats.records}, ids ${stats.ids}, subjects found ${stats.matched_subjects}\n\n` +
    table(['SUBJECT', 'EVENTS', 'FIRST_DAY', 'LAST_DAY', 'EXPOSED'], cells)
  );
}

/** A checked command line: output format, window, awareness. */
interface Request {
  readonly o: ImpactOptions;
  readonly format: string;
  readonly w: Window;
  readonly awareAt?: Date;
}

function request(o: ImpactOptions): Request {
  const format = checkOptions(o);
  const w: Window = {
    destination: o.destination,
    from: utcDay(o.from, '--from'),
    to: utcDay(o.to, '--to'),
  };
  if (w.from > w.to) throw usage('--from is after --to');
  const awareAt = o.awareAt === undefined ? undefined : instant(o.awareAt, '--aware-at');
  return { o, format, w, ...(awareAt && { awareAt }) };
}

/** Answer `r` from `store` on `io`; `key` gives the ledger pseudonymizer when it is needed. */
function answer(
  r: Request,
  store: LedgerStore,
  key: () => LedgerPseudonymizer,
  users: readonly User[] | undefined,
  io: Io,
): void {
  const { o, format, w } = r;
  const summary = store.impact(w);
  const leaked = o.leaked === undefined ? undefined : leakedSubjects(store, w, o.leaked, key);
  const only = leaked && new Set(leaked.found.keys());
  const rows = users === undefined ? undefined : affectedUsers(store, w, users, key(), only);
  if (r.awareAt !== undefined) {
    const basis = 'subjects of the leaked dataset found in the ledger';
    const affected = leaked && { subjects: leaked.found.size, basis };
    const input = { awareAt: r.awareAt, malicious: o.malicious === true, summary, affected };
    const record = buildNotification(input, new Date());
    const doc = rows ? { ...record, users_affected: rows.length } : record;
    io.stdout.write(JSON.stringify(doc, null, 2) + '\n');
  } else if (rows !== undefined) {
    write(
      io,
      format,
      { ...w, users: rows },
      affectedCells(rows, o.emailColumn !== undefined),
      () => '',
    );
  } else if (leaked !== undefined) {
    const subjects = [...leaked.found.values()].map((e) => affectedRow(e));
    const doc = { ...w, ...leaked.stats, subjects };
    write(io, format, doc, affectedCells(subjects, false), () =>
      leakedTable(leaked.stats, subjects),
    );
  } else write(io, format, summary, summaryCells(summary), () => summaryTable(summary));
}

/**
 * What the outbox's ledger journal holds for the destination that the ledger does not (yet): the
 * last seconds before a running gateway's next flush, or what a crashed gateway counted, which it
 * writes when it starts again. Undefined (said on stderr) when the journal cannot be read.
 */
function pendingOf(outboxPath: string, applied: number, w: Window, io: Io): Pending | undefined {
  try {
    return readPending(outboxPath, applied, w.destination);
  } catch (e) {
    io.stderr.write(
      `veil impact: the outbox's ledger journal could not be read, so the answer holds only ` +
        `what the ledger has written: ${(e as Error).message}\n`,
    );
    return undefined;
  }
}

/** Say on stderr what of the answer came from the journal, and what of it could not be read. */
function notePending(p: Pending, w: Window, io: Io): void {
  const { events, subjects } = pendingInWindow(p.days, w.from, w.to);
  if (events > 0)
    io.stderr.write(
      `veil impact: ${events} event(s) of ${subjects} subject(s) in this answer come from the ` +
        `outbox's ledger journal: counted and acknowledged, not yet written to the ledger (a ` +
        `running gateway writes them at its next flush, a stopped one when it starts again)\n`,
    );
  if (p.unreadable > 0)
    io.stderr.write(
      `veil impact: ${p.unreadable} entr${p.unreadable === 1 ? 'y' : 'ies'} of the outbox's ` +
        `ledger journal could not be read and are not in this answer\n`,
    );
}

/** Run `veil impact`; resolves to the exit code (errors are VeilErrors). */
export async function runImpact(o: ImpactOptions, io: Io, env: NodeJS.ProcessEnv): Promise<number> {
  const r = request(o);
  const target = await resolveStore(o);
  checkDestination(target, o.destination);
  const dataDir = dirname(target.path);
  const path = join(dataDir, 'ledger.db');
  if (!existsSync(path)) throw new VeilError('VEIL_E_INPUT_READ', `no ledger at ${path}`);
  const users =
    o.users === undefined
      ? undefined
      : readUsers(readText(o.users), o.users, o.idColumn!, o.emailColumn);
  let memo: LedgerPseudonymizer | undefined;
  const key = () => (memo ??= pseudonymizer(dataDir, env));
  const store = openLedgerStore({ path });
  let copy: LedgerStore | undefined;
  try {
    // Counts the journal holds and the ledger not yet are part of the answer: the ledger's rows
    // of the window, in memory, with them added (the file is not written; the gateway writes
    // them itself).
    const pending = pendingOf(target.path, store.appliedEpoch(), r.w, io);
    if (pending !== undefined && pending.days.length > 0) {
      copy = store.copyWindow(r.w);
      copy.flushDays(pending.days);
    }
    answer(r, copy ?? store, key, users, io);
    if (pending !== undefined) notePending(pending, r.w, io);
    return 0;
  } finally {
    copy?.close();
    store.close();
  }
}

/** Add `veil impact` to `program`; `setExit` receives each run's exit code. */
export function registerImpactCommand(
  program: Command,
  io: Io,
  setExit: (code: number) => void,
  env: NodeJS.ProcessEnv = process.env,
): void {
  withStoreOptions(
    program
      .command('impact')
      .description('who and what was sent to a destination in a window (disclosure ledger)'),
  )
    .requiredOption('--destination <name>', 'the destination (vendor) to report on')
    .requiredOption('--from <t>', 'first day of the window (ISO date or date-time, UTC)')
    .requiredOption('--to <t>', 'last day of the window, inclusive')
    .option('--format <f>', 'json, table or csv (default: table; csv with --users)')
    .option('--users <file.csv>', "the owner's user table: output the affected users")
    .option('--id-column <c>', 'column of --users holding the user id the apps send')
    .option('--email-column <e>', 'column of --users holding the email (copied to the output)')
    .option('--leaked <file>', 'a dataset leaked from the vendor (NDJSON or JSON array)')
    .option('--aware-at <t>', 'when the breach became known: output a notification record (JSON)')
    .option('--malicious', '不正の目的 (unauthorized access): APPI final report within 60 days')
    .action(action(io, setExit, (o: ImpactOptions) => runImpact(o, io, env)));
}
