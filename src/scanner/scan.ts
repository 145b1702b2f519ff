/**
 * `scan(root)`: walk a source tree, read every JavaScript/TypeScript and Python file that names
 * an SDK, follow exported wrapper functions (up to three levels deep) to their callers in other
 * files, and classify what each call sends.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { Category } from '../engine/types.js';
import type {
  AnalyzeContext,
  CallbackUse,
  FileAnalysis,
  FrontEnd,
  SourceFile,
} from './core/front.js';
import { compareFindings, findingsOf, type ConfigHit } from './core/findings.js';
import { createRegistry, type Ref, type Registry } from './core/registry.js';
import { pythonShadows, resolveImport } from './core/resolve.js';
import { loadAliases, type AliasConfig } from './core/aliases.js';
import { addReexports } from './core/reexports.js';
import { MAX_WRAPPER_LEVEL } from './core/sink.js';
import { jsSpecifiers, pythonImports } from './core/text-imports.js';
import { createJsFrontEnd } from './js/analyze.js';
import { createPythonFrontEnd } from './python/analyze.js';
import type { FileProblem, ScanResult, SinkCall } from './types.js';
import { VENDORS } from './vendors/index.js';
import type { Language, VendorDefinition } from './vendors/types.js';

/** Folders never scanned: dependencies, build output, virtual environments, VCS data. */
export const SKIPPED_DIRS: ReadonlySet<string> = new Set([
  'node_modules',
  '.git',
  '.hg',
  '.svn',
  'dist',
  'build',
  'out',
  'coverage',
  '.next',
  '.nuxt',
  '.turbo',
  '.cache',
  'vendor',
  'bower_components',
  '.venv',
  'venv',
  'env',
  '__pycache__',
  'site-packages',
  '.tox',
  '.mypy_cache',
]);

/** Config files whose `paths`/`baseUrl` aliases resolve imports. */
const CONFIG_FILES = new Set(['tsconfig.json', 'jsconfig.json']);

/** Files larger than this are skipped (bundles, generated code), in bytes. */
export const DEFAULT_MAX_FILE_BYTES = 1_000_000;

/** Options of `scan`. */
export interface ScanOptions {
  /** Extra categories each vendor may receive, by vendor id (`--allow intercom=user.contact`). */
  readonly allow?: ReadonlyMap<string, readonly Category[]>;
  /** Files larger than this are skipped, in bytes (default `DEFAULT_MAX_FILE_BYTES`). */
  readonly maxFileBytes?: number;
  /** Path prefixes (relative to the root, `/`-separated) not to scan. */
  readonly exclude?: readonly string[];
  /** Vendor definitions (default: all built-in ones). */
  readonly vendors?: readonly VendorDefinition[];
  /** Skip what the `.gitignore` files of the scanned tree ignore (default true). */
  readonly gitignore?: boolean;
  /**
   * Parse only the top-level statements that can matter to an SDK call (`core/focus.ts`;
   * default true). The findings are the same either way; false parses every statement.
   */
  readonly focus?: boolean;
}

interface Walked {
  readonly files: string[];
  /** `tsconfig.json` and `jsconfig.json` files (their path aliases). */
  readonly configs: string[];
  readonly problems: FileProblem[];
  bytes: number;
}

/** The `.gitignore` of one folder: its patterns apply to paths relative to that folder. */
interface IgnoreFile {
  /** The folder, relative to the scan root ('' for the root, or for a folder above it). */
  readonly dir: string;
  /** For a folder above the scan root: the root's path relative to that folder. */
  readonly above?: string;
  readonly rules: Ignore;
}

/**
 * Whether the `.gitignore` files from the root down to the entry's folder ignore `rel` (a path
 * relative to the scan root, `/` at the end for a folder). As in git, a deeper file's rules
 * come later, and `!pattern` there re-includes what a parent ignored.
 */
function gitIgnored(stack: readonly IgnoreFile[], rel: string): boolean {
  let ignored = false;
  for (const f of stack) {
    const r = f.rules.test(
      f.above !== undefined
        ? `${f.above}/${rel}`
        : f.dir === ''
          ? rel
          : rel.slice(f.dir.length + 1),
    );
    if (r.ignored) ignored = true;
    else if (r.unignored) ignored = false;
  }
  return ignored;
}

/** The `.gitignore` of `dir` (relative path `rel`), if it has one. */
function readGitignore(dir: string, rel: string): IgnoreFile | undefined {
  let text: string;
  try {
    text = readFileSync(join(dir, '.gitignore'), 'utf8');
  } catch {
    return undefined;
  }
  return { dir: rel === '.' ? '' : rel, rules: ignore().add(text) };
}

/**
 * The `.gitignore` files of the folders above the scan root, up to the root of its git work
 * tree (the nearest folder with a `.git`), outermost first: scanning `web/` of a repository
 * skips what the repository's own `.gitignore` ignores there, as git does. None outside a work
 * tree, and none when they ignore the scan root itself (it was asked for by name).
 */
function gitignoresAbove(root: string): IgnoreFile[] {
  if (existsSync(join(root, '.git'))) return [];
  const chain: string[] = [];
  let top: string | undefined;
  for (let d = dirname(root); ; d = dirname(d)) {
    chain.push(d);
    if (existsSync(join(d, '.git'))) {
      top = d;
      break;
    }
    if (dirname(d) === d) break;
  }
  if (top === undefined) return [];
  const out: IgnoreFile[] = [];
  for (const d of chain.reverse()) {
    const own = readGitignore(d, '.');
    if (own !== undefined) out.push({ ...own, above: toRel(d, root) });
  }
  // '' tests the root itself, as a folder (`web/` against the repository's rules).
  return gitIgnored(out, '') ? [] : out;
}

function walk(
  root: string,
  dir: string,
  exts: ReadonlySet<string>,
  opts: ScanOptions,
  out: Walked,
  ignores: readonly IgnoreFile[] = [],
): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    out.problems.push({
      file: toRel(root, dir),
      message: `cannot read folder: ${(err as Error).message}`,
    });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const hasIgnore = opts.gitignore !== false && entries.some((e) => e.name === '.gitignore');
  const own = hasIgnore ? readGitignore(dir, toRel(root, dir)) : undefined;
  const stack = own === undefined ? ignores : [...ignores, own];
  for (const e of entries) {
    const full = join(dir, e.name);
    const rel = toRel(root, full);
    if (opts.exclude?.some((p) => rel === p || rel.startsWith(p.endsWith('/') ? p : p + '/')))
      continue;
    if (stack.length > 0 && gitIgnored(stack, e.isDirectory() ? `${rel}/` : rel)) continue;
    if (e.isDirectory()) {
      if (!SKIPPED_DIRS.has(e.name)) walk(root, full, exts, opts, out, stack);
    } else if (e.isFile() && CONFIG_FILES.has(e.name)) {
      out.configs.push(rel);
    } else if (
      e.isFile() &&
      exts.has(extOf(e.name)) &&
      !/\.min\.[cm]?js$/.test(e.name) &&
      !e.name.endsWith('.d.ts')
    ) {
      out.files.push(rel);
    }
  }
}

function extOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot);
}

function toRel(root: string, path: string): string {
  const r = relative(root, path);
  return (r === '' ? '.' : r).split(sep).join('/');
}

interface Lang {
  readonly front: FrontEnd;
  readonly registry: Registry;
}

/** Walk `root` (a folder or one file) and report every SDK call and finding. */
export async function scan(root: string, options: ScanOptions = {}): Promise<ScanResult> {
  const vendors = options.vendors ?? VENDORS;
  const fronts = [createJsFrontEnd(), createPythonFrontEnd()];
  const langs = new Map<string, Lang>();
  for (const front of fronts) {
    const registry = createRegistry(vendors, front.language);
    for (const ext of front.extensions) langs.set(ext, { front, registry });
  }
  const abs = resolve(root);
  const isFile = statSync(abs).isFile();
  const base = isFile ? resolve(abs, '..') : abs;
  const walked: Walked = { files: [], configs: [], problems: [], bytes: 0 };
  if (isFile) walked.files.push(toRel(base, abs));
  else {
    const above = options.gitignore === false ? [] : gitignoresAbove(base);
    walk(base, base, new Set(langs.keys()), options, walked, above);
  }

  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const texts = new Map<string, string>();
  for (const f of walked.files) {
    try {
      const size = statSync(join(base, f)).size;
      if (size > maxBytes) {
        walked.problems.push({
          file: f,
          message: `skipped: ${size} bytes is over the ${maxBytes}-byte limit`,
        });
        continue;
      }
      const text = readFileSync(join(base, f), 'utf8');
      walked.bytes += size;
      texts.set(f, text);
    } catch (err) {
      walked.problems.push({ file: f, message: `cannot read: ${(err as Error).message}` });
    }
  }
  const used = new Set<Language>();
  for (const f of texts.keys()) used.add(langs.get(extOf(f))!.front.language);
  for (const front of fronts) if (used.has(front.language)) await front.init();

  const results = new Map<string, FileAnalysis>();
  const exported = new Map<string, Ref[]>();
  // Keys (`file#name`) whose importers have been read with them known: a file read again
  // exports them again, and they are not added twice.
  const followed = new Set<string>();
  const addExports = (path: string, analysis: FileAnalysis): void => {
    for (const w of analysis.exports) {
      const key = `${path}#${w.name}`;
      if (!followed.has(key)) exported.set(key, [...(exported.get(key) ?? []), w.ref]);
    }
  };
  const noWrappers = () => undefined;
  const exists = (p: string): boolean => texts.has(p);
  // Python: an absolute import of a top-level module the tree holds is the project's own.
  const pythonLocal = memoByImport((from, spec) => pythonShadows(from, spec, exists));
  const focusing = options.focus ?? true;
  // Pass 1: files that name an SDK; collect the wrappers they export.
  for (const [path, text] of texts) {
    const lang = langs.get(extOf(path))!;
    if (!lang.registry.mentions(text)) continue;
    const analysis = analyzeSafely(
      lang,
      { path, text },
      {
        registry: lang.registry,
        wrapper: noWrappers,
        ...(lang.front.language === 'python' ? { local: pythonLocal } : {}),
        ...(focusing ? { relevant: [lang.registry.pattern] } : {}),
      },
    );
    results.set(path, analysis);
    addExports(path, analysis);
  }
  // Pass 2: files that import a file exporting wrappers, read again with the wrappers known.
  // Such a file can export wrappers of its own (a wrapper of an imported wrapper): then the
  // files importing it are read again in another round, up to MAX_WRAPPER_LEVEL levels.
  let loaded: readonly AliasConfig[] | undefined;
  const aliasesOf = (): readonly AliasConfig[] =>
    (loaded ??= loadAliases(walked.configs, (p) => {
      try {
        return readFileSync(join(base, p), 'utf8');
      } catch {
        return undefined;
      }
    }));
  // What passes 2 and 3 give a file read again: the wrappers exported so far (read when called),
  // and whether a JS import resolves to a file of the scan (remembered per file and specifier).
  const wrapperIn =
    (language: Language, aliases: readonly AliasConfig[]) =>
    (from: string, specifier: string, name: string): readonly Ref[] | undefined => {
      const target = resolveImport(language, from, specifier, exists, aliases);
      return target === undefined ? undefined : exported.get(`${target}#${name}`);
    };
  let localJs: ((from: string, spec: string) => boolean) | undefined;
  const localOf = (aliases: readonly AliasConfig[]) =>
    (localJs ??= memoByImport(
      (from, spec) => resolveImport('js', from, spec, exists, aliases) !== undefined,
    ));
  if (exported.size > 0) {
    const aliases = aliasesOf();
    const byLanguage = { js: new Map<string, string>(), python: new Map<string, string>() };
    for (const [p, text] of texts) byLanguage[langs.get(extOf(p))!.front.language].set(p, text);
    const local = localOf(aliases);
    for (let round = 1; round <= MAX_WRAPPER_LEVEL; round++) {
      // Barrels and Python packages that re-export wrappers export them too.
      for (const language of ['js', 'python'] as const) {
        addReexports(language, byLanguage[language], exported, (from, spec) =>
          resolveImport(language, from, spec, exists, aliases),
        );
      }
      const fresh = [...exported.keys()].filter((k) => !followed.has(k));
      if (fresh.length === 0) break;
      for (const k of fresh) followed.add(k);
      const targets = new Set(fresh.map((k) => k.slice(0, k.indexOf('#'))));
      const stems = stemPattern(targets);
      // Every file exporting wrappers so far: a file read again sees all of them.
      const stemsAll = new RegExp(
        stemPattern(new Set([...followed].map((k) => k.slice(0, k.indexOf('#'))))).source,
        'g',
      );
      for (const [path, text] of texts) {
        const lang = langs.get(extOf(path))!;
        const language = lang.front.language;
        if (!stems.test(text) || !importsAny(language, path, text, targets, exists, aliases))
          continue;
        const wrapper = wrapperIn(language, aliases);
        const relevant = [lang.registry.pattern, stemsAll];
        const analysis = analyzeSafely(
          lang,
          { path, text },
          {
            registry: lang.registry,
            wrapper,
            ...(language === 'js' && aliases.length > 0 ? { local } : {}),
            ...(language === 'python' ? { local: pythonLocal } : {}),
            ...(focusing ? { relevant } : {}),
          },
        );
        results.set(path, analysis);
        // Its own wrappers around the ones it imports: their callers are read next round.
        addExports(path, analysis);
      }
    }
  }
  // Pass 3: files whose exported functions other files pass as SDK callbacks
  // (`Bugsnag.start({onError: addUser})` with `addUser` imported), read again with that known.
  const uses = callbackUses(results, (from, spec) =>
    resolveImport('js', from, spec, exists, aliasesOf()),
  );
  for (const [path, byName] of uses) {
    const text = texts.get(path);
    const lang = langs.get(extOf(path));
    if (text === undefined || lang === undefined || lang.front.language !== 'js') continue;
    const aliases = aliasesOf();
    const analysis = analyzeSafely(
      lang,
      { path, text },
      {
        registry: lang.registry,
        wrapper: wrapperIn('js', aliases),
        ...(aliases.length > 0 && { local: localOf(aliases) }),
        callbacks: (name) => byName.get(name),
      },
    );
    results.set(path, analysis);
  }
  return assemble(abs, walked, texts.size, results, vendors, options);
}

/**
 * The SDK callbacks the files read so far pass functions imported from other files of the scan
 * as: file → export name → the callbacks.
 */
function callbackUses(
  results: ReadonlyMap<string, FileAnalysis>,
  resolveJs: (from: string, spec: string) => string | undefined,
): Map<string, Map<string, CallbackUse[]>> {
  const out = new Map<string, Map<string, CallbackUse[]>>();
  for (const [path, analysis] of results) {
    for (const c of analysis.callbacks ?? []) {
      const target = resolveJs(path, c.specifier);
      if (target === undefined || target === path) continue;
      let byName = out.get(target);
      if (byName === undefined) out.set(target, (byName = new Map()));
      const list = byName.get(c.name) ?? [];
      if (!list.some((u) => u.vendor === c.vendor && u.callback === c.callback))
        list.push({ vendor: c.vendor, callback: c.callback });
      byName.set(c.name, list);
    }
  }
  return out;
}

/** `test` remembered per (importing file, specifier). */
function memoByImport(
  test: (from: string, spec: string) => boolean,
): (from: string, spec: string) => boolean {
  const known = new Map<string, boolean>();
  return (from, spec) => {
    const key = `${from}\0${spec}`;
    let r = known.get(key);
    if (r === undefined) known.set(key, (r = test(from, spec)));
    return r;
  };
}

/** The modules a file imports, as specifiers to resolve (a cheap textual read, no parse). */
function importedSpecifiers(language: Language, text: string, aliased: boolean): string[] {
  if (language === 'js') return jsSpecifiers(text).filter((s) => aliased || s.startsWith('.'));
  const out: string[] = [];
  for (const { module, names } of pythonImports(text)) {
    out.push(module);
    // `from . import analytics` / `from app import analytics` name a module too.
    for (const [name] of names ?? [])
      out.push(/^\.*$/.test(module) ? module + name : `${module}.${name}`);
  }
  return out;
}

/**
 * Every import of a file names its module by the file's stem (`analytics` for
 * `src/lib/analytics.ts`) or, for `index`/`__init__` files, by the folder's name: a file that
 * mentions none of them imports none of them.
 */
function stemPattern(targets: ReadonlySet<string>): RegExp {
  const stems = new Set<string>();
  for (const t of targets) {
    const parts = t.split('/');
    const base = parts[parts.length - 1]!.replace(/\.[^.]+$/, '');
    stems.add(base === 'index' || base === '__init__' ? (parts[parts.length - 2] ?? base) : base);
  }
  const words = [...stems].map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`(?:${words.join('|')})`);
}

/** Whether a file imports one of the files that export wrappers. */
function importsAny(
  language: Language,
  path: string,
  text: string,
  targets: ReadonlySet<string>,
  exists: (p: string) => boolean,
  aliases: readonly AliasConfig[],
): boolean {
  for (const spec of importedSpecifiers(language, text, aliases.length > 0)) {
    const target = resolveImport(language, path, spec, exists, aliases);
    if (target !== undefined && target !== path && targets.has(target)) return true;
  }
  return false;
}

function analyzeSafely(lang: Lang, file: SourceFile, ctx: AnalyzeContext): FileAnalysis {
  try {
    return lang.front.analyze(file, ctx);
  } catch (err) {
    // A front end bug must not stop the scan of the other files; it is reported.
    const message =
      err instanceof RangeError
        ? `skipped: nested too deeply to read (${err.message})`
        : `internal error: ${(err as Error).message}`;
    return { calls: [], hits: [], exports: [], problems: [{ file: file.path, message }] };
  }
}

function assemble(
  root: string,
  walked: Walked,
  files: number,
  results: ReadonlyMap<string, FileAnalysis>,
  vendors: readonly VendorDefinition[],
  options: ScanOptions,
): ScanResult {
  const calls: SinkCall[] = [];
  const hits: ConfigHit[] = [];
  const problems = [...walked.problems];
  for (const r of results.values()) {
    calls.push(...r.calls);
    hits.push(...r.hits);
    problems.push(...r.problems);
  }
  calls.sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column,
  );
  const byId = new Map(vendors.map((v) => [v.id, v]));
  const findings = findingsOf(calls, hits, byId, options.allow ?? new Map()).sort(compareFindings);
  problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return {
    root,
    stats: { files, bytes: walked.bytes, parsed: results.size },
    problems,
    calls,
    findings,
  };
}
