/**
 * Load `veil.yaml`: parse YAML with positions, validate against ConfigSchema, check what needs
 * the file system, resolve relative paths against the config file's directory. Every problem
 * is reported at once in one VEIL_E_CONFIG_INVALID error; messages name paths, never values.
 *
 * Secrets are never written in the file: `*_env` keys name environment variables, which the
 * component using them reads. There is no `${VAR}` interpolation.
 */
import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { VeilError } from '../errors.js';
import { configErrorMap, flattenIssues, renderProblem, type ConfigProblem } from './issues.js';
import { ConfigSchema, type Config } from './schema.js';
import { parseYamlSource } from './yaml-source.js';

export { redactConfig } from './redact.js';

/** The error thrown for an invalid config: `<file> is not valid (N problem[s])`. */
export function configInvalid(file: string, problems: readonly string[]): VeilError {
  const n = problems.length;
  return new VeilError(
    'VEIL_E_CONFIG_INVALID',
    `${file} is not valid (${n} problem${n === 1 ? '' : 's'})`,
    problems,
  );
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The GeoIP database must exist when the config is loaded, not at the first lookup. */
function checkGeoip(raw: unknown, dir: string): ConfigProblem[] {
  const db = isRecord(raw) && isRecord(raw.geoip) ? raw.geoip.country_database : undefined;
  if (typeof db !== 'string' || db === '') return [];
  const path = ['geoip', 'country_database'];
  const abs = resolve(dir, db);
  try {
    if (statSync(abs).isFile()) return [];
    return [{ path, message: `not a file: ${abs}` }];
  } catch {
    return [{ path, message: `file not found: ${abs}` }];
  }
}

/** `config` with data_dir, geoip.country_database and file destination paths made absolute. */
function resolvePaths(config: Config, dir: string): Config {
  const destinations: Config['destinations'] = {};
  for (const [name, d] of Object.entries(config.destinations)) {
    destinations[name] = d.type === 'file' ? { ...d, path: resolve(dir, d.path) } : d;
  }
  return {
    ...config,
    data_dir: resolve(dir, config.data_dir),
    ...(config.geoip && {
      geoip: { country_database: resolve(dir, config.geoip.country_database) },
    }),
    destinations,
  };
}

/** File destinations that write the same file once paths are absolute (`a` vs `/dir/a`). */
function checkOutputs(config: Config): ConfigProblem[] {
  const seen = new Map<string, string>();
  const out: ConfigProblem[] = [];
  for (const [name, d] of Object.entries(config.destinations)) {
    if (d.type !== 'file') continue;
    const first = seen.get(d.path);
    if (first === undefined) seen.set(d.path, name);
    else
      out.push({
        path: ['destinations', name, 'path'],
        message: `same output file as destinations.${first}.path`,
      });
  }
  return out;
}

/**
 * Parse and validate config text. `file` names the file in messages and anchors relative paths
 * (its directory; relative `file` is taken from the current directory). Returns the config with
 * defaults filled in and absolute paths. Throws VEIL_E_CONFIG_INVALID listing every problem:
 * YAML syntax problems as `file:line:col: message` first, then `dotted.path: message (line L)`.
 */
export function parseConfig(text: string, file: string): Config {
  const dir = dirname(resolve(file));
  const source = parseYamlSource(text, file);
  if (source.value === undefined) throw configInvalid(file, source.problems);
  const r = ConfigSchema.safeParse(source.value, { error: configErrorMap });
  const found = [
    ...(r.success ? [] : flattenIssues(r.error.issues)),
    ...checkGeoip(source.value, dir),
  ];
  const config = r.success ? resolvePaths(r.data, dir) : undefined;
  if (config) found.push(...checkOutputs(config));
  const problems = [...source.problems, ...found.map((p) => renderProblem(p, source.lineOf))];
  if (problems.length > 0 || config === undefined) throw configInvalid(file, problems);
  return config;
}

/**
 * Read and parse a config file (see parseConfig). Throws VEIL_E_INPUT_READ when the file
 * cannot be read, VEIL_E_CONFIG_INVALID when it does not validate.
 */
export async function loadConfig(file: string): Promise<Config> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new VeilError('VEIL_E_INPUT_READ', `cannot read config file ${file} (${reason})`);
  }
  return parseConfig(text, file);
}
