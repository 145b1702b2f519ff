/**
 * Imports read from a file's text, without a parse: which modules a file names (to decide
 * whether it must be read again with wrappers known) and which names it binds from them (for
 * re-exports). Quantifiers are bounded: these run over every file, generated ones included.
 */

/** A name imported and the name it is bound to here (`a as b` → [a, b]). */
export type ImportPair = readonly [name: string, as: string];

/** `a, b as c, type d` → [[a, a], [b, c], [d, d]]; anything that is not a name is skipped. */
export function importPairs(list: string): ImportPair[] {
  const out: ImportPair[] = [];
  for (const part of list.split(',')) {
    const [name, as] = part
      .trim()
      .replace(/^type\s+/, '')
      .split(/\s+as\s+/)
      .map((s) => s.trim());
    if (name && /^[\w$]+$/.test(name)) out.push([name, as && /^[\w$]+$/.test(as) ? as : name]);
  }
  return out;
}

/** `from m import …` (a parenthesized list may span lines) or `import a.b`. */
const PY_IMPORT =
  /^[ \t]*(?:from[ \t]+([\w.]{1,500})[ \t]+import[ \t]+(\([^()]{0,4000}\)|[^\n#]{0,4000})|import[ \t]+([\w.]{1,500}))/gm;

/** One Python import: `names` for `from module import …`, absent for `import module`. */
export interface PythonImport {
  readonly module: string;
  readonly names?: readonly ImportPair[];
}

/** The Python imports of a file. */
export function pythonImports(text: string): PythonImport[] {
  const out: PythonImport[] = [];
  for (const m of text.matchAll(PY_IMPORT)) {
    if (m[3] !== undefined) out.push({ module: m[3] });
    else out.push({ module: m[1]!, names: importPairs(m[2]!.replace(/[()\\]/g, ' ')) });
  }
  return out;
}

/** Every module specifier of a JavaScript file: `from '…'`, `require('…')`, `import('…')`. */
const JS_SPECIFIER = /(?:\bfrom|\brequire\(|\bimport\(?)\s*['"]([^'"\n]{1,500})['"]/g;

/** The module specifiers a JavaScript file names. */
export function jsSpecifiers(text: string): string[] {
  return [...text.matchAll(JS_SPECIFIER)].map((m) => m[1]!);
}

const JS_IMPORT =
  /import\s+(?:type\s+)?(?:([\w$]{1,200})\s*,?\s*)?(?:\{([^{}]{0,4000})\})?\s*from\s*['"]([^'"\n]{1,500})['"]/g;

/** The names a JavaScript file binds by `import`: local name → module and imported name. */
export function jsImportBindings(text: string): Map<string, { specifier: string; name: string }> {
  const out = new Map<string, { specifier: string; name: string }>();
  for (const m of text.matchAll(JS_IMPORT)) {
    if (m[1] !== undefined) out.set(m[1], { specifier: m[3]!, name: 'default' });
    for (const [name, local] of importPairs(m[2] ?? '')) out.set(local, { specifier: m[3]!, name });
  }
  return out;
}
