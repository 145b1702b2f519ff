/**
 * Which scanned file an import names, so wrappers exported by one file are followed from
 * another. Only relative JavaScript imports and Python imports of modules inside the scan root
 * are resolved; packages are SDKs (the registry) or out of scope.
 */
import { posix } from 'node:path';
import type { Language } from '../vendors/types.js';

const JS_EXTENSIONS = ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts'];

function jsCandidates(fromFile: string, specifier: string): string[] {
  if (!specifier.startsWith('.')) return [];
  const base = posix.normalize(posix.join(posix.dirname(fromFile), specifier));
  const out = [base];
  // TypeScript's NodeNext style: `./analytics.js` names `analytics.ts`.
  const ext = posix.extname(base);
  const stem = ext !== '' && JS_EXTENSIONS.includes(ext) ? base.slice(0, -ext.length) : base;
  for (const e of JS_EXTENSIONS) out.push(stem + e);
  for (const e of JS_EXTENSIONS) out.push(`${base}/index${e}`);
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

/** The scanned file an import resolves to, or undefined. */
export function resolveImport(
  language: Language,
  fromFile: string,
  specifier: string,
  exists: (path: string) => boolean,
): string | undefined {
  const candidates =
    language === 'js' ? jsCandidates(fromFile, specifier) : pythonCandidates(fromFile, specifier);
  for (const c of candidates) if (exists(c)) return c;
  return undefined;
}
