/**
 * TypeScript path aliases: `compilerOptions.paths` and `baseUrl` of the `tsconfig.json` and
 * `jsconfig.json` files in the scanned tree, so `import { track } from '@/lib/analytics'` is
 * followed to `src/lib/analytics.ts` like a relative import. Config files are read with the
 * TypeScript compiler's own JSON reader (comments and trailing commas allowed), and relative
 * `extends` are followed. A file uses the nearest config in its folder or above, as an editor
 * does for a project without references.
 */
import { posix } from 'node:path';
import ts from '../js/ts.js';

/** One `paths` pattern: `@/*` → prefix `@/`, suffix ``, wildcard. */
interface Pattern {
  readonly prefix: string;
  readonly suffix: string;
  readonly wildcard: boolean;
  /** Targets, each relative to the scan root, with at most one `*`. */
  readonly targets: readonly string[];
}

/** The aliases of one config file. */
export interface AliasConfig {
  /** The config file, relative to the scan root. */
  readonly file: string;
  /** Folder of the config file, relative to the scan root (`''` for the root). */
  readonly dir: string;
  /** `baseUrl`, relative to the scan root, when set. */
  readonly baseUrl?: string;
  readonly patterns: readonly Pattern[];
}

/** What reading configs needs: the text of a file relative to the root, or undefined. */
export type ReadText = (path: string) => string | undefined;

interface Options {
  baseUrl?: string;
  paths?: Record<string, string[]>;
  /** Folder `paths` targets are relative to when there is no `baseUrl`. */
  pathsDir?: string;
}

const MAX_EXTENDS = 8;

function compilerOptions(path: string, read: ReadText, depth: number): Options | undefined {
  const text = read(path);
  if (text === undefined) return undefined;
  const { config } = ts.parseConfigFileTextToJson(path, text) as {
    config?: { extends?: unknown; compilerOptions?: Record<string, unknown> };
  };
  if (config === undefined || config === null || typeof config !== 'object') return undefined;
  const dir = posix.dirname(path);
  let out: Options = {};
  const parents = typeof config.extends === 'string' ? [config.extends] : config.extends;
  if (Array.isArray(parents) && depth < MAX_EXTENDS) {
    for (const p of parents) {
      // Only configs in the tree: a package's (`@tsconfig/node20`) sets no project paths.
      if (typeof p !== 'string' || !p.startsWith('.')) continue;
      const file = posix.normalize(posix.join(dir, p.endsWith('.json') ? p : `${p}.json`));
      out = { ...out, ...compilerOptions(file, read, depth + 1) };
    }
  }
  const co = config.compilerOptions;
  if (co !== undefined && co !== null && typeof co === 'object') {
    if (typeof co.baseUrl === 'string') out.baseUrl = posix.normalize(posix.join(dir, co.baseUrl));
    if (co.paths !== null && typeof co.paths === 'object' && !Array.isArray(co.paths)) {
      const paths: Record<string, string[]> = {};
      for (const [k, v] of Object.entries(co.paths as Record<string, unknown>)) {
        if (Array.isArray(v)) paths[k] = v.filter((t): t is string => typeof t === 'string');
      }
      out.paths = paths;
      out.pathsDir = dir;
    }
  }
  return out;
}

/** Read the aliases of config files (paths relative to the scan root); unreadable ones are skipped. */
export function loadAliases(configs: readonly string[], read: ReadText): AliasConfig[] {
  const out: AliasConfig[] = [];
  for (const path of configs) {
    let o: Options | undefined;
    try {
      o = compilerOptions(path, read, 0);
    } catch {
      o = undefined;
    }
    if (o === undefined || (o.baseUrl === undefined && o.paths === undefined)) continue;
    const base = o.baseUrl ?? o.pathsDir ?? posix.dirname(path);
    const patterns: Pattern[] = [];
    for (const [key, targets] of Object.entries(o.paths ?? {})) {
      const star = key.indexOf('*');
      patterns.push({
        prefix: star < 0 ? key : key.slice(0, star),
        suffix: star < 0 ? '' : key.slice(star + 1),
        wildcard: star >= 0,
        targets: targets.map((t) => posix.normalize(posix.join(base, t))),
      });
    }
    // TypeScript picks the pattern with the longest prefix.
    patterns.sort((a, b) => b.prefix.length - a.prefix.length);
    const dir = posix.dirname(path);
    out.push({
      file: path,
      dir: dir === '.' ? '' : dir,
      ...(o.baseUrl !== undefined ? { baseUrl: o.baseUrl } : {}),
      patterns,
    });
  }
  // Nearest first: the deepest folder that holds the importing file; in one folder
  // tsconfig.json before jsconfig.json, as TypeScript looks.
  const js = (a: AliasConfig): number => (a.file.endsWith('jsconfig.json') ? 1 : 0);
  return out.sort((a, b) => b.dir.length - a.dir.length || js(a) - js(b));
}

function inside(dir: string, file: string): boolean {
  return dir === '' || file.startsWith(dir + '/');
}

/**
 * The paths (relative to the scan root, without extension resolution) a non-relative
 * `specifier` may name from `fromFile`, by the nearest config's `paths`, then its `baseUrl`.
 */
export function aliasTargets(
  aliases: readonly AliasConfig[],
  fromFile: string,
  specifier: string,
): string[] {
  const config = aliases.find((a) => inside(a.dir, fromFile));
  if (config === undefined) return [];
  const out: string[] = [];
  for (const p of config.patterns) {
    const matches = p.wildcard
      ? specifier.length >= p.prefix.length + p.suffix.length &&
        specifier.startsWith(p.prefix) &&
        specifier.endsWith(p.suffix)
      : specifier === p.prefix;
    if (!matches) continue;
    const star = p.wildcard
      ? specifier.slice(p.prefix.length, specifier.length - p.suffix.length)
      : '';
    for (const t of p.targets) out.push(t.replace('*', star));
    break;
  }
  if (config.baseUrl !== undefined)
    out.push(posix.normalize(posix.join(config.baseUrl, specifier)));
  return out.map((p) => (p === '.' ? '' : p)).filter((p) => p !== '' && !p.startsWith('..'));
}
