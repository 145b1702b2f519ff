/**
 * The Python grammar: tree-sitter-python's WebAssembly build run by web-tree-sitter. Loading it is
 * asynchronous and done once per process; parsing is synchronous and recovers from syntax errors.
 */
import { createRequire } from 'node:module';
import { Language, Parser, type Node, type Range, type Tree } from 'web-tree-sitter';
import type { Pos } from '../types.js';

let loading: Promise<Parser> | undefined;
let parser: Parser | undefined;

async function load(): Promise<Parser> {
  await Parser.init();
  const wasm = createRequire(import.meta.url).resolve('tree-sitter-python/tree-sitter-python.wasm');
  const p = new Parser();
  p.setLanguage(await Language.load(wasm));
  parser = p;
  return p;
}

/** Loads the grammar; later calls (and concurrent ones) reuse the first load. */
export async function loadPythonParser(): Promise<void> {
  loading ??= load();
  try {
    await loading;
  } catch (err) {
    // A failed load may be retried (a missing file fixed) rather than cached forever.
    loading = undefined;
    throw err;
  }
}

/** Parse Python source (only `includedRanges` of it, when given). The caller owns the tree and must `delete()` it. Throws before `loadPythonParser()`. */
export function parsePython(text: string, includedRanges?: Range[]): Tree {
  if (parser === undefined) throw new Error('the Python grammar is not loaded: call init() first');
  const tree = parser.parse(text, null, includedRanges ? { includedRanges } : undefined);
  if (tree === null) throw new Error('tree-sitter returned no tree');
  return tree;
}

/** 1-based line and column (UTF-16 code units, as in the JavaScript front end) of a node's start. */
export function posOf(node: Node): Pos {
  return { line: node.startPosition.row + 1, column: node.startPosition.column + 1 };
}

/** ERROR and MISSING nodes in a tree: the places where the parser recovered. */
export function syntaxErrors(root: Node): { count: number; first?: Pos } {
  if (!root.hasError) return { count: 0 };
  let count = 0;
  let first: Pos | undefined;
  const cursor = root.walk();
  let done = false;
  while (!done) {
    const n = cursor.currentNode;
    if (n.isError || n.isMissing) {
      count++;
      first ??= posOf(n);
    }
    // Descend only into subtrees that hold an error; stay on error nodes' children too.
    if (n.hasError && cursor.gotoFirstChild()) continue;
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent()) {
        done = true;
        break;
      }
    }
  }
  cursor.delete();
  return first === undefined ? { count } : { count, first };
}
