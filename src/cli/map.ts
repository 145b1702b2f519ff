/**
 * `veil map`: the data map from `<data_dir>/inventory.db` and the vendor register (`vendors:`
 * in veil.yaml), as a CycloneDX 1.6 SaaSBOM, Markdown, HTML, GDPR Art. 30 CSV, or the 外部送信
 * disclosure page. Read-only; safe while the gateway runs.
 */
import { Command, Option } from 'commander';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadConfig } from '../config/load.js';
import { DEFAULT_DATA_DIR } from '../config/schema.js';
import type { VendorRegister } from '../config/vendors.js';
import { VeilError } from '../errors.js';
import { renderCycloneDx } from '../inventory/map/cyclonedx.js';
import { renderDisclosure, type DisclosureLang } from '../inventory/map/disclosure.js';
import { renderHtml } from '../inventory/map/html.js';
import { renderMarkdown } from '../inventory/map/markdown.js';
import { compareCode } from '../inventory/map/code.js';
import { buildDataMap, type DataMap } from '../inventory/map/model.js';
import { renderRopaCsv } from '../inventory/map/ropa-csv.js';
import { INVENTORY_FILE, openInventoryStore, type InventoryRow } from '../inventory/store.js';
import { readScanJson } from '../scanner/output/json.js';
import type { Io } from './detect.js';
import { action, checkDestination } from './outbox.js';

/** The formats of `veil map --format`. */
export const MAP_FORMATS = ['cyclonedx', 'markdown', 'html', 'ropa-csv', 'disclosure'] as const;

interface MapOptions {
  readonly config?: string;
  readonly dataDir?: string;
  readonly format: (typeof MAP_FORMATS)[number];
  readonly destination?: string;
  readonly lang: DisclosureLang;
  /** A `veil scan --format json` file to compare with (markdown, html, cyclonedx). */
  readonly scan?: string;
}

/** Rows of the inventory at `path`, or none when the file does not exist yet. */
function readRows(path: string, destination: string | undefined): InventoryRow[] {
  if (!existsSync(path)) return [];
  try {
    const store = openInventoryStore({ path });
    try {
      return store.rows(destination === undefined ? {} : { destination });
    } finally {
      store.close();
    }
  } catch (e) {
    const why = (e as { code?: string }).code ?? (e as Error).message;
    throw new VeilError('VEIL_E_INPUT_READ', `cannot read the inventory ${path} (${why})`);
  }
}

function render(map: DataMap, o: MapOptions): string {
  switch (o.format) {
    case 'cyclonedx':
      return renderCycloneDx(map);
    case 'markdown':
      return renderMarkdown(map);
    case 'html':
      return renderHtml(map);
    case 'ropa-csv':
      return renderRopaCsv(map);
    case 'disclosure':
      return renderDisclosure(map, o.lang);
  }
}

/** `map` with the comparison to the scan of `o.scan` (only `o.destination`'s, when given). */
function withCode(map: DataMap, o: MapOptions, types: Record<string, string>): DataMap {
  if (!['markdown', 'html', 'cyclonedx'].includes(o.format))
    throw new VeilError('VEIL_E_USAGE', '--scan applies to --format markdown, html and cyclonedx');
  const code = compareCode(map, readScanJson(o.scan!), types);
  const d = o.destination;
  return { ...map, code: d === undefined ? code : code.filter((s) => s.destinations.includes(d)) };
}

async function runMap(o: MapOptions, io: Io, now: () => number): Promise<number> {
  const config = o.config === undefined ? undefined : await loadConfig(o.config);
  const path = join(resolve(o.dataDir ?? config?.data_dir ?? DEFAULT_DATA_DIR), INVENTORY_FILE);
  const known = config === undefined ? undefined : Object.keys(config.destinations);
  if (o.destination !== undefined) checkDestination({ path, destinations: known }, o.destination);
  if (!existsSync(path)) io.stderr.write(`veil: no inventory yet at ${path}\n`);
  const rows = readRows(path, o.destination);
  const register: Record<string, VendorRegister> = config?.vendors ?? {};
  const names = (known ?? []).filter((d) => o.destination === undefined || d === o.destination);
  const built = buildDataMap(rows, register, o.destination ? [o.destination] : names, now());
  const types = Object.fromEntries(
    Object.entries(config?.destinations ?? {}).map(([name, d]) => [name, d.type]),
  );
  const map = o.scan === undefined ? built : withCode(built, o, types);
  const missing = map.vendors.filter((v) => v.register === undefined).map((v) => v.destination);
  if (missing.length > 0)
    io.stderr.write(
      `veil: no vendor register entry (vendors: in veil.yaml) for: ${missing.join(', ')}\n`,
    );
  io.stdout.write(render(map, o));
  return 0;
}

/**
 * Add `veil map` to `program`; `setExit` receives each run's exit code (0, or 2 for usage,
 * config and read errors). `now` stamps the output (ms since the epoch; default Date.now).
 */
export function registerMapCommand(
  program: Command,
  io: Io,
  setExit: (code: number) => void,
  now: () => number = Date.now,
): void {
  program
    .command('map')
    .description('the data map: what each vendor receives, with the vendor register')
    .option('--config <file>', 'veil.yaml: its data_dir, destinations and vendors: register')
    .option(
      '--data-dir <dir>',
      `data directory (default: data_dir of --config, else ${DEFAULT_DATA_DIR})`,
    )
    .addOption(
      new Option('--format <format>', 'output format').choices(MAP_FORMATS).default('markdown'),
    )
    .option('--destination <name>', 'only this destination')
    .option(
      '--scan <file>',
      'a veil scan --format json output: show flows in code beside observed ones (markdown, html, cyclonedx)',
    )
    .addOption(
      new Option('--lang <lang>', 'language of --format disclosure')
        .choices(['ja', 'en', 'both'])
        .default('both'),
    )
    .action(action(io, setExit, (o: MapOptions) => runMap(o, io, now)));
}
