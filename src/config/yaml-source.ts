/**
 * The YAML side of config loading: parse with positions, report syntax errors as
 * `file:line:col: message`, and find the line of a dotted path. Messages never quote the
 * source text, which may hold secrets.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { formatConfigPath } from './issues.js';

/** A parsed YAML config file. */
export interface YamlSource {
  /** The document as plain JS values; `undefined` when it could not be built (see problems). */
  readonly value: unknown;
  /** Syntax problems, `file:line:col: message`, in file order. */
  readonly problems: readonly string[];
  /** 1-based line of the node at `path`, else of its closest ancestor key; undefined at the root. */
  lineOf(path: readonly PropertyKey[]): number | undefined;
}

const MAX_MESSAGE = 200;

/**
 * yaml's messages sometimes end with a piece of source (`Unresolved tag: !foo`, `Not a YAML
 * token: …`); keep only the part before it.
 */
function safeMessage(message: string): string {
  const cut = message.split(': ')[0] ?? message;
  return cut.length > MAX_MESSAGE ? cut.slice(0, MAX_MESSAGE) + '…' : cut;
}

/** Find the key path of the map key that starts at `offset` (for duplicate-key errors). */
function keyPathAt(
  node: unknown,
  offset: number,
  path: PropertyKey[] = [],
): PropertyKey[] | undefined {
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isScalar(pair.key)) continue;
      const p = [...path, String(pair.key.value)];
      if (pair.key.range?.[0] === offset) return p;
      const inner = keyPathAt(pair.value, offset, p);
      if (inner) return inner;
    }
  } else if (isSeq(node)) {
    for (const [i, item] of node.items.entries()) {
      const inner = keyPathAt(item, offset, [...path, i]);
      if (inner) return inner;
    }
  }
  return undefined;
}

function walk(doc: Document, lc: LineCounter, path: readonly PropertyKey[]): number | undefined {
  let node: unknown = doc.contents;
  let line: number | undefined;
  for (const seg of path) {
    let start: number | undefined;
    if (isMap(node)) {
      // The last pair wins, as in toJS(); the key's line reads better than a block value's.
      const pair = node.items.findLast((p) => isScalar(p.key) && String(p.key.value) === seg);
      if (pair === undefined || !isScalar(pair.key)) break;
      start = pair.key.range?.[0];
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      node = node.items[seg];
      start = (node as { range?: [number, number, number] } | undefined)?.range?.[0];
    } else break;
    if (start === undefined) break;
    line = lc.linePos(start).line;
  }
  return line;
}

/**
 * Parse YAML text. Duplicate keys and warnings count as problems (strict by default); the
 * recovered document is still returned so validation can list its problems too.
 */
export function parseYamlSource(text: string, file: string): YamlSource {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const problems = [...doc.errors, ...doc.warnings]
    .sort((a, b) => a.pos[0] - b.pos[0])
    .map((e) => {
      const { line, col } = lc.linePos(e.pos[0]);
      let message = safeMessage(e.message);
      // yaml quotes the offending escape (`\x4…`), a piece of a possibly secret string.
      if (e.code === 'BAD_DQ_ESCAPE') message = 'Invalid escape sequence in a double-quoted string';
      if (e.code === 'MULTIPLE_DOCS') message = 'more than one YAML document (---); use one';
      if (e.code === 'DUPLICATE_KEY') {
        const key = keyPathAt(doc.contents, e.pos[0]);
        message = key ? `duplicate key ${formatConfigPath(key)}` : 'duplicate key';
      }
      return `${file}:${line}:${col}: ${message}`;
    });
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    problems.push(`${file}: ${safeMessage((e as Error).message)}`);
  }
  return { value, problems, lineOf: (path) => walk(doc, lc, path) };
}
