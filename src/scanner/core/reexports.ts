/**
 * Wrappers re-exported by another module: a barrel (`lib/index.ts` with
 * `export { track } from './analytics'`, `export * from './analytics'`, or an import followed by
 * `export { track }`; in CommonJS `module.exports = require('./analytics')` and
 * `exports.track = require('./analytics').track`) and, in Python, a package whose `__init__.py` imports a wrapper
 * (`from .analytics import track` there makes `from core import track` work). Read from the text (no
 * parse), after the first pass has found the wrappers, and followed through chains of such
 * modules.
 */
import type { Language } from '../vendors/types.js';
import type { Ref } from './registry.js';
import { importPairs, jsImportBindings, pythonImports } from './text-imports.js';

/** `file#name` → the refs of the wrapper exported under that name. */
export type Exported = Map<string, Ref[]>;

/** How many modules deep a chain of re-exports is followed. */
const MAX_ROUNDS = 6;

interface Link {
  /** The name the re-exporting module exports. */
  readonly as: string;
  readonly specifier: string;
  /**
   * The name in the module it comes from; `*` for every name but `default` (prefixed by `as`
   * when set); `**` for every name, `default` too (CommonJS `module.exports = require(…)`).
   */
  readonly name: string;
}

const EXPORT_LIST = /\bexport\s*[{*]/;
/** CommonJS: `module.exports = require('./x')` or `module.exports = { ...require('./x') }`. */
const CJS_ALL =
  /\bmodule\.exports\s*=\s*(?:\{\s*\.\.\.\s*)?require\(\s*['"]([^'"\n]{1,500})['"]\s*\)\s*[;},\n]/g;
/** CommonJS: `exports.track = require('./x').track` (also `module.exports.track = …`). */
const CJS_ONE =
  /\b(?:module\.)?exports\.([\w$]{1,200})\s*=\s*require\(\s*['"]([^'"\n]{1,500})['"]\s*\)\.([\w$]{1,200})/g;
const JS_FROM = /export\s*(?:type\s+)?\{([^{}]{0,4000})\}\s*from\s*['"]([^'"\n]{1,500})['"]/g;
const JS_STAR = /export\s*\*\s*(?:as\s+([\w$]{1,200})\s+)?from\s*['"]([^'"\n]{1,500})['"]/g;
const JS_LOCAL = /export\s*\{([^{}]{0,4000})\}(?!\s*from)/g;

function cjsLinks(text: string, out: Link[]): void {
  if (!text.includes('exports')) return;
  for (const m of text.matchAll(CJS_ALL)) out.push({ as: '', specifier: m[1]!, name: '**' });
  for (const m of text.matchAll(CJS_ONE)) out.push({ as: m[1]!, specifier: m[2]!, name: m[3]! });
}

function jsLinks(text: string): Link[] {
  const out: Link[] = [];
  cjsLinks(text, out);
  // Every form below has `export {` or `export *`; most files have neither.
  if (!EXPORT_LIST.test(text)) return out;
  for (const m of text.matchAll(JS_FROM)) {
    for (const [name, as] of importPairs(m[1]!)) out.push({ as, specifier: m[2]!, name });
  }
  for (const m of text.matchAll(JS_STAR)) out.push({ as: m[1] ?? '', specifier: m[2]!, name: '*' });
  // `import { track } from './analytics'` … `export { track }`.
  const imported = jsImportBindings(text);
  for (const m of text.matchAll(JS_LOCAL)) {
    for (const [local, as] of importPairs(m[1]!)) {
      const i = imported.get(local);
      if (i !== undefined) out.push({ as, specifier: i.specifier, name: i.name });
    }
  }
  return out;
}

function pythonLinks(text: string): Link[] {
  const out: Link[] = [];
  for (const i of pythonImports(text)) {
    for (const [name, as] of i.names ?? []) out.push({ as, specifier: i.module, name });
  }
  return out;
}

/**
 * Add to `exported` the wrappers each file of `language` re-exports. `resolve` maps an import
 * of a file to the scanned file it names. Returns the files that re-export something.
 */
export function addReexports(
  language: Language,
  texts: ReadonlyMap<string, string>,
  exported: Exported,
  resolve: (fromFile: string, specifier: string) => string | undefined,
): Set<string> {
  const links = new Map<string, { link: Link; target: string }[]>();
  for (const [path, text] of texts) {
    // Any Python module re-exports what it imports, but only packages (`__init__.py`) are
    // imported for that in practice: every module that calls a wrapper would count otherwise.
    if (language === 'python' && !path.endsWith('__init__.py')) continue;
    const found = language === 'js' ? jsLinks(text) : pythonLinks(text);
    const resolved = [];
    for (const link of found) {
      const target = resolve(path, link.specifier);
      if (target !== undefined && target !== path) resolved.push({ link, target });
    }
    if (resolved.length > 0) links.set(path, resolved);
  }
  const byFile = new Map<string, Map<string, Ref[]>>();
  const index = () => {
    byFile.clear();
    for (const [key, refs] of exported) {
      const hash = key.indexOf('#');
      const file = key.slice(0, hash);
      let m = byFile.get(file);
      if (m === undefined) byFile.set(file, (m = new Map()));
      m.set(key.slice(hash + 1), refs);
    }
  };
  const reexporters = new Set<string>();
  for (let round = 0; round < MAX_ROUNDS; round++) {
    index();
    let added = 0;
    for (const [path, list] of links) {
      for (const { link, target } of list) {
        const names = byFile.get(target);
        if (names === undefined) continue;
        const add = (as: string, refs: Ref[]) => {
          const key = `${path}#${as}`;
          if (exported.has(key)) return;
          exported.set(key, refs);
          reexporters.add(path);
          added++;
        };
        if (link.name !== '*' && link.name !== '**') {
          const refs = names.get(link.name);
          if (refs !== undefined) add(link.as, refs);
        } else {
          // `export *` never re-exports `default`; `export * as ns` exports `ns.name`.
          for (const [name, refs] of names) {
            if (name !== 'default' || link.name === '**')
              add(link.as === '' ? name : `${link.as}.${name}`, refs);
          }
        }
      }
    }
    if (added === 0) break;
  }
  return reexporters;
}
