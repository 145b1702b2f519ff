/**
 * Which scanned file an import names, so wrappers exported by one file are followed from
 * another. Relative JavaScript imports, those through tsconfig/jsconfig path aliases, and Python
 * imports of modules inside the scan root are resolved; packages are SDKs (the registry) or out
 * of scope.
 */
import { posix } from 'node:path';
import type { Language } from '../vendors/types.js';
import { aliasTargets, type AliasConfig } from './aliases.js';

const JS_EXTENSIONS = ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts'];

/** `base` as a module path: itself, with each extension, and as a folder's `index`. */
function jsExpand(base: string, out: string[]): void {
  out.push(base);
  // TypeScript's NodeNext style: `./analytics.js` names `analytics.ts`.
  const ext = posix.extname(base);
  const stem = ext !== '' && JS_EXTENSIONS.includes(ext) ? base.slice(0, -ext.length) : base;
  for (const e of JS_EXTENSIONS) out.push(stem + e);
  for (const e of JS_EXTENSIONS) out.push(`${base}/index${e}`);
}

function jsCandidates(
  fromFile: string,
  specifier: string,
  aliases: readonly AliasConfig[],
): string[] {
  const out: string[] = [];
  if (specifier.startsWith('.')) {
    jsExpand(posix.normalize(posix.join(posix.dirname(fromFile), specifier)), out);
  } else {
    for (const t of aliasTargets(aliases, fromFile, specifier)) jsExpand(t, out);
  }
  return out;
}

function pythonCandidates(fromFile: string, specifier: string): string[] {
  const dots = /^\.*/.exec(specifier)?.[0].length ?? 0;
  const rest = specifier
    .slice(dots)
    .split('.')
    .filter((s) => s !== '');
  let dir: string;
  if (dots === 0) dir = '';
  else {
    dir = posix.dirname(fromFile);
    for (let i = 1; i < dots; i++) dir = posix.dirname(dir);
    if (dir === '.') dir = '';
  }
  const base = posix.join(dir === '' ? '.' : dir, ...rest);
  const clean = posix.normalize(base);
  const out = [`${clean}.py`, `${clean}/__init__.py`];
  // Absolute imports from the folder of any enclosing package root (a monorepo's
  // `backend/app/x.py` imported as `app.x`), nearest first.
  if (dots === 0) {
    for (
      let d = posix.dirname(fromFile);
      d !== '.' && d !== '/' && d !== '';
      d = posix.dirname(d)
    ) {
      out.push(`${d}/${clean}.py`, `${d}/${clean}/__init__.py`);
    }
  }
  return out;
}

/**
 * The scanned file an import resolves to, or undefined. JavaScript specifiers that are not
 * relative are looked up through the path aliases of the scanned tsconfig/jsconfig files.
 */
export function resolveImport(
  language: Language,
  fromFile: string,
  specifier: string,
  exists: (path: string) => boolean,
  aliases: readonly AliasConfig[] = [],
): string | undefined {
  const candidates =
    language === 'js'
      ? jsCandidates(fromFile, specifier, aliases)
      : pythonCandidates(fromFile, specifier);
  for (const c of candidates) if (exists(c)) return c;
  return undefined;
}

/**
 * Whether an absolute Python import `spec` from `fromFile` names a module of the scanned tree on
 * the importing file's own search root: the nearest folder above it that is not a package (no
 * `__init__.py`), where Python finds the project's top-level modules. An app's `analytics/`
 * package there shadows Segment's `analytics` module; `app/analytics.py` beside `app/views.py`
 * does not (imports are absolute: `import analytics` there is the SDK).
 */
export function pythonShadows(
  fromFile: string,
  spec: string,
  exists: (path: string) => boolean,
): boolean {
  if (spec.startsWith('.')) return false;
  let dir = posix.dirname(fromFile);
  while (dir !== '.' && dir !== '' && exists(`${dir}/__init__.py`)) dir = posix.dirname(dir);
  const base = posix.join(dir === '' ? '.' : dir, ...spec.split('.'));
  return exists(`${base}.py`) || exists(`${base}/__init__.py`);
}
