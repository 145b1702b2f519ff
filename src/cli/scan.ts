/**
 * `veil scan [DIR]`: find the analytics and telemetry SDK calls in app code and report what
 * personal data each sends to which vendor (docs/scan.md). Exit codes: 0 ok, 1 findings in
 * `--fail-on` categories, 2 usage and input errors.
 */
import { Command, Option } from 'commander';
import { statSync, writeFileSync } from 'node:fs';
import type { Category } from '../engine/types.js';
import { VeilError } from '../errors.js';
import { applyBaseline } from '../scanner/output/baseline.js';
import { failingFindings, splitFailOn, type FailOn } from '../scanner/output/fail-on.js';
import { readScanJson } from '../scanner/output/json.js';
import { renderScan, SCAN_FORMATS, type ScanFormat } from '../scanner/output/render.js';
import type { Finding } from '../scanner/types.js';
import { VENDORS } from '../scanner/vendors/index.js';
import { parseCategoryList } from './categories.js';
import type { Io } from './detect.js';
import { action } from './outbox.js';

/** Options of `veil scan` as commander parses them. */
export interface ScanCommandOptions {
  readonly format: ScanFormat;
  readonly failOn?: string;
  readonly baseline?: string;
  readonly allow: readonly string[];
  readonly exclude: readonly string[];
  readonly output?: string;
  /** `--whole-files`: parse every statement, not only those that can reach an SDK. */
  readonly wholeFiles?: boolean;
  /** False with `--no-gitignore`: read files the `.gitignore` files ignore too. */
  readonly gitignore?: boolean;
}

/** Failing findings listed on stderr at most. */
const MAX_LISTED = 20;

const usage = (msg: string) => new VeilError('VEIL_E_USAGE', msg);

/** `--allow VENDOR=CAT,CAT` entries (repeatable) as the scanner's allow map. */
export function parseAllow(entries: readonly string[]): Map<string, Category[]> {
  const out = new Map<string, Category[]>();
  const known = VENDORS.map((v) => v.id);
  for (const e of entries) {
    const eq = e.indexOf('=');
    if (eq <= 0) throw usage(`--allow ${e}: expected VENDOR=CATEGORY[,CATEGORY...]`);
    const vendor = e.slice(0, eq).trim();
    if (!known.includes(vendor))
      throw usage(`--allow ${e}: unknown vendor "${vendor}"; known: ${known.join(', ')}`);
    out.set(vendor, [...(out.get(vendor) ?? []), ...parseCategoryList(e.slice(eq + 1))]);
  }
  return out;
}

/** `--fail-on` as categories (checked) and the `config` keyword. */
export function parseFailOn(list: string): FailOn {
  const { categories, config } = splitFailOn(list);
  if (categories === '' && !config) throw usage('--fail-on: empty list');
  return { categories: categories === '' ? [] : parseCategoryList(categories), config };
}

/** `--exclude` paths as the scanner takes them: relative, `/`-separated, no `./` or trailing `/`. */
export function normalizeExcludes(paths: readonly string[]): string[] {
  return paths
    .map((p) =>
      p
        .replace(/\\/g, '/')
        .replace(/^(?:\.\/)+/, '')
        .replace(/\/+$/, ''),
    )
    .filter((p) => p !== '' && p !== '.');
}

function checkDir(dir: string): void {
  try {
    statSync(dir);
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code ?? 'unreadable';
    throw usage(`cannot scan ${dir} (${why}): give a folder or a file`);
  }
}

function write(file: string, text: string): void {
  try {
    writeFileSync(file, text);
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code ?? 'unwritable';
    throw usage(`cannot write --output ${file} (${why})`);
  }
}

function reportFailing(failing: readonly Finding[], io: Io): void {
  io.stderr.write(`veil: ${failing.length} finding(s) in --fail-on categories\n`);
  for (const f of failing.slice(0, MAX_LISTED))
    io.stderr.write(`  ${f.file}:${f.line}: ${f.severity}: ${f.message}\n`);
  if (failing.length > MAX_LISTED) io.stderr.write(`  … and ${failing.length - MAX_LISTED} more\n`);
}

/** Run `veil scan DIR`; resolves to the exit code (usage and input errors are thrown). */
export async function runScan(dir: string, o: ScanCommandOptions, io: Io): Promise<number> {
  const failOn = o.failOn !== undefined ? parseFailOn(o.failOn) : undefined;
  const allow = parseAllow(o.allow);
  checkDir(dir);
  const baseline = o.baseline !== undefined ? readScanJson(o.baseline) : undefined;
  // Loaded on use: the TypeScript compiler and the Python grammar would slow every command.
  const { scan } = await import('../scanner/scan.js');
  const result = await scan(dir, {
    allow,
    exclude: normalizeExcludes(o.exclude),
    focus: o.wholeFiles !== true,
    gitignore: o.gitignore !== false,
  });
  const reported = baseline ? applyBaseline(result.findings, baseline.findings) : undefined;
  const findings = reported?.findings ?? result.findings;
  const text = renderScan(result, o.format, {
    findings,
    allow,
    ...(reported ? { baseline: reported.known } : {}),
  });
  if (o.output !== undefined) write(o.output, text);
  else io.stdout.write(text);
  const failing = failOn ? failingFindings(findings, failOn) : [];
  if (failing.length > 0) reportFailing(failing, io);
  return failing.length > 0 ? 1 : 0;
}

const collect = (v: string, prev: string[]): string[] => [...prev, v];

/** Add `veil scan` to `program`; `setExit` receives each run's exit code (0, 1 or 2). */
export function registerScanCommand(
  program: Command,
  io: Io,
  setExit: (code: number) => void,
): void {
  program
    .command('scan')
    .description('find analytics/telemetry SDK calls in code and what personal data each sends')
    .argument('[dir]', 'folder (or file) to scan', '.')
    .addOption(
      new Option('--format <format>', 'output format').choices(SCAN_FORMATS).default('table'),
    )
    .option(
      '--fail-on <categories>',
      'exit 1 when findings in these categories exist (comma-separated; parents cover children; `config` for risky settings)',
    )
    .option('--baseline <file>', 'an earlier --format json output: report only new findings')
    .option(
      '--allow <vendor=categories>',
      'categories a vendor is expected to receive (repeatable): sentry=user.contact.email',
      collect,
      [],
    )
    .option('--exclude <path>', 'path under DIR not to scan (repeatable)', collect, [])
    .option('--output <file>', 'write the report to this file instead of stdout')
    .option('--no-gitignore', 'also read the files that .gitignore files ignore')
    .option(
      '--whole-files',
      'parse every statement of the files read, not only those that can reach an SDK (slower)',
    )
    .action(action(io, setExit, (dir: string, o: ScanCommandOptions) => runScan(dir, o, io)));
}
