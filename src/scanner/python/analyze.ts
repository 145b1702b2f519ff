/**
 * The Python front end: parses with tree-sitter-python (WebAssembly, loaded once), reads every
 * call that reaches an SDK sink or configuration call, and every wrapper function around one
 * (followed one level, in this file and, through its exports, in the files that import it).
 *
 * Every node property read from JavaScript crosses into WebAssembly, and that, not the parse,
 * was most of the time. So: one `descendantsOfType` finds the nodes to act on (sites.ts), the
 * text of a tree without syntax errors answers what it can (expr.ts, imports.ts), and assigned
 * values are read only when needed (lazy.ts).
 */
import type { Node, Range, Tree } from 'web-tree-sitter';
import { focus, type Focused, type Span } from '../core/focus.js';
import type {
  AnalyzeContext,
  FileAnalysis,
  FrontEnd,
  SourceFile,
  WrapperExport,
} from '../core/front.js';
import type { FileProblem } from '../types.js';
import { createFileState, type FileState } from './context.js';
import { loadPythonParser, parsePython, syntaxErrors } from './parser.js';
import { createScope, type Scope } from './scope.js';
import { readPending } from './calls.js';
import { readDeferred, visit } from './walk.js';

function exportsOf(module: Scope, st: FileState): WrapperExport[] {
  const out: WrapperExport[] = [];
  const add = (name: string, def: number | undefined): void => {
    for (const ref of def === undefined ? [] : (st.found.get(def) ?? [])) {
      if (ref.k === 'member' && ref.via !== undefined) out.push({ name, ref, line: ref.via.line });
    }
  };
  for (const [name, b] of module.vars) {
    add(name, b.def);
    // A module-level instance of a class of this file: `analytics = Analytics()` → `analytics.track`.
    if (b.instance !== undefined) {
      for (const [attr, ab] of b.instance.attrs) add(`${name}.${attr}`, ab.def);
    }
  }
  return out;
}

function problemsOf(root: Node, path: string): FileProblem[] {
  const errors = syntaxErrors(root);
  if (errors.count === 0) return [];
  const where = errors.first !== undefined ? ` (first at line ${errors.first.line})` : '';
  return [{ file: path, message: `syntax errors: recovered ${errors.count}${where}` }];
}

/** Whether the parse of a focused text is the cut `focus` meant (see core/focus.ts). */
function fitsCut(root: Node, cut: Focused): boolean {
  if (root.hasError) return false;
  for (let s = root.firstChild; s !== null; s = s.nextSibling) {
    if (s.type !== 'comment' && !cut.fits(s.startIndex, s.endIndex)) return false;
  }
  return true;
}

/**
 * Parse the statements of a file that can matter, or the whole file. tree-sitter parses only
 * the kept ranges of the file itself (`includedRanges`), so no blanked copy is built.
 */
export function parseFile(file: SourceFile, ctx: AnalyzeContext): Tree {
  const cut = ctx.relevant === undefined ? undefined : focus(file.text, 'python', ctx.relevant);
  if (cut !== undefined) {
    // No statement can matter: an empty list would mean the whole file to tree-sitter.
    if (cut.ranges.length === 0) return parsePython('');
    const tree = parsePython(file.text, rangesOf(file.text, cut.ranges));
    if (fitsCut(tree.rootNode, cut)) return tree;
    tree.delete();
  }
  return parsePython(file.text);
}

/** tree-sitter ranges of spans that start at column 0 and end at column 0 or the end. */
function rangesOf(text: string, spans: readonly Span[]): Range[] {
  const out: Range[] = [];
  let row = 0;
  let at = 0;
  const rowAt = (offset: number): number => {
    for (let nl = text.indexOf('\n', at); nl >= 0 && nl < offset; nl = text.indexOf('\n', at)) {
      row++;
      at = nl + 1;
    }
    return row;
  };
  for (const s of spans) {
    const startRow = rowAt(s.start);
    const endRow = rowAt(s.end);
    out.push({
      startIndex: s.start,
      endIndex: s.end,
      startPosition: { row: startRow, column: 0 },
      endPosition: { row: endRow, column: s.end - at },
    });
  }
  return out;
}

/** Read one Python file. The grammar must be loaded (`init()`). */
export function analyzePython(file: SourceFile, ctx: AnalyzeContext): FileAnalysis {
  const tree = parseFile(file, ctx);
  try {
    const root = tree.rootNode;
    const st = createFileState(file.path, ctx, root.hasError ? undefined : file.text);
    const module = createScope();
    visit(root, { st, scope: module });
    readDeferred(st);
    // Wrappers are known once every body is read: now their callers can be.
    readPending(st);
    return {
      calls: st.calls,
      hits: st.hits,
      exports: exportsOf(module, st),
      problems: problemsOf(root, file.path),
    };
  } finally {
    tree.delete();
  }
}

/** Create the Python front end. */
export function createPythonFrontEnd(): FrontEnd {
  return {
    language: 'python',
    extensions: ['.py'],
    init: loadPythonParser,
    analyze: analyzePython,
  };
}
