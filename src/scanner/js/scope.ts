/**
 * A small binder for one JavaScript/TypeScript file: which declaration an identifier refers to,
 * by lexical scope. Enough for the scanner's questions (is `mp` the Mixpanel client? is `props`
 * the object declared above?), without a type checker: a Program per file would cost more than
 * the whole scan.
 */
import type * as T from 'typescript';
import ts from './ts.js';

/** What a name is bound to. */
export type Decl =
  | {
      readonly k: 'var';
      readonly node: T.VariableDeclaration;
      /** For destructuring: the binding element and the property (or index) it reads. */
      readonly element?: { readonly node: T.BindingElement; readonly key: string | number };
    }
  | {
      readonly k: 'import';
      readonly module: string;
      /** `default`, `*` (namespace), or the imported name. */
      readonly name: string;
    }
  | { readonly k: 'param'; readonly fn: T.SignatureDeclaration; readonly index: number }
  | { readonly k: 'function'; readonly node: T.FunctionDeclaration }
  | { readonly k: 'class'; readonly node: T.ClassDeclaration };

type Table = Map<string, Decl>;

/** Kinds of nodes that open a scope. */
const SCOPE_KINDS: ReadonlySet<T.SyntaxKind> = new Set([
  ts.SyntaxKind.SourceFile,
  ts.SyntaxKind.Block,
  ts.SyntaxKind.ModuleBlock,
  ts.SyntaxKind.CaseClause,
  ts.SyntaxKind.DefaultClause,
  ts.SyntaxKind.ForStatement,
  ts.SyntaxKind.ForOfStatement,
  ts.SyntaxKind.ForInStatement,
  ts.SyntaxKind.CatchClause,
  ts.SyntaxKind.FunctionDeclaration,
  ts.SyntaxKind.FunctionExpression,
  ts.SyntaxKind.ArrowFunction,
  ts.SyntaxKind.MethodDeclaration,
  ts.SyntaxKind.Constructor,
  ts.SyntaxKind.GetAccessor,
  ts.SyntaxKind.SetAccessor,
]);

function bindPattern(
  name: T.BindingName,
  node: T.VariableDeclaration,
  table: Table,
  key?: string | number,
  element?: T.BindingElement,
): void {
  if (ts.isIdentifier(name)) {
    table.set(
      name.text,
      element !== undefined && key !== undefined
        ? { k: 'var', node, element: { node: element, key } }
        : { k: 'var', node },
    );
    return;
  }
  // One level of destructuring is followed; deeper names are bound without a source.
  name.elements.forEach((el, i) => {
    if (ts.isOmittedExpression(el)) return;
    if (ts.isArrayBindingPattern(name)) {
      if (ts.isIdentifier(el.name))
        table.set(el.name.text, { k: 'var', node, element: { node: el, key: i } });
      return;
    }
    const prop = el.propertyName ?? el.name;
    const k = ts.isIdentifier(prop) || ts.isStringLiteral(prop) ? prop.text : undefined;
    if (ts.isIdentifier(el.name)) {
      table.set(
        el.name.text,
        k !== undefined && el.dotDotDotToken === undefined
          ? { k: 'var', node, element: { node: el, key: k } }
          : { k: 'var', node },
      );
    }
  });
}

function bindVariables(list: T.VariableDeclarationList, table: Table): void {
  for (const d of list.declarations) bindPattern(d.name, d, table);
}

function bindImport(imp: T.ImportDeclaration, table: Table): void {
  if (!ts.isStringLiteral(imp.moduleSpecifier) || imp.importClause === undefined) return;
  const module = imp.moduleSpecifier.text;
  const clause = imp.importClause;
  if (clause.name) table.set(clause.name.text, { k: 'import', module, name: 'default' });
  const b = clause.namedBindings;
  if (b && ts.isNamespaceImport(b)) table.set(b.name.text, { k: 'import', module, name: '*' });
  if (b && ts.isNamedImports(b)) {
    for (const el of b.elements) {
      table.set(el.name.text, { k: 'import', module, name: (el.propertyName ?? el.name).text });
    }
  }
}

function bindStatements(statements: readonly T.Statement[], table: Table): void {
  for (const s of statements) {
    if (ts.isVariableStatement(s)) bindVariables(s.declarationList, table);
    else if (ts.isFunctionDeclaration(s) && s.name)
      table.set(s.name.text, { k: 'function', node: s });
    else if (ts.isClassDeclaration(s) && s.name) table.set(s.name.text, { k: 'class', node: s });
    else if (ts.isImportDeclaration(s)) bindImport(s, table);
    else if (ts.isImportEqualsDeclaration(s) && ts.isExternalModuleReference(s.moduleReference)) {
      const e = s.moduleReference.expression;
      if (ts.isStringLiteral(e)) table.set(s.name.text, { k: 'import', module: e.text, name: '*' });
    }
  }
}

function buildTable(n: T.Node): Table {
  const table: Table = new Map();
  if (
    ts.isSourceFile(n) ||
    ts.isBlock(n) ||
    ts.isModuleBlock(n) ||
    ts.isCaseClause(n) ||
    ts.isDefaultClause(n)
  ) {
    bindStatements(n.statements, table);
  } else if (ts.isFunctionLike(n)) {
    if ((ts.isFunctionExpression(n) || ts.isClassExpression(n)) && n.name) {
      table.set(n.name.text, { k: 'function', node: n as unknown as T.FunctionDeclaration });
    }
    n.parameters.forEach((p, index) => {
      if (ts.isIdentifier(p.name)) table.set(p.name.text, { k: 'param', fn: n, index });
    });
  } else if (
    (ts.isForStatement(n) || ts.isForOfStatement(n) || ts.isForInStatement(n)) &&
    n.initializer
  ) {
    if (ts.isVariableDeclarationList(n.initializer)) bindVariables(n.initializer, table);
  } else if (ts.isCatchClause(n) && n.variableDeclaration) {
    bindPattern(n.variableDeclaration.name, n.variableDeclaration, table);
  }
  return table;
}

/** Name lookups for one file. */
export interface Binder {
  /** The declaration `id` refers to, or undefined for globals (and names the binder cannot see). */
  lookup(id: T.Identifier): Decl | undefined;
  /** The declaration of `name` visible at `at`. */
  lookupAt(name: string, at: T.Node): Decl | undefined;
}

/** A binder whose scope tables are built on first use. */
export function createBinder(): Binder {
  const tables = new WeakMap<T.Node, Table>();
  function tableOf(n: T.Node): Table {
    let t = tables.get(n);
    if (t === undefined) {
      t = buildTable(n);
      tables.set(n, t);
    }
    return t;
  }
  function lookupAt(name: string, at: T.Node): Decl | undefined {
    for (let n: T.Node | undefined = at; n !== undefined; n = n.parent) {
      if (!SCOPE_KINDS.has(n.kind)) continue;
      const d = tableOf(n).get(name);
      if (d !== undefined) return d;
    }
    return undefined;
  }
  return { lookup: (id) => lookupAt(id.text, id.parent ?? id), lookupAt };
}

/**
 * Whether a declaration is ambient (`declare const bugsnag: BugsnagStatic`, `declare function
 * gtag(...args: unknown[]): void`, `declare var Bugsnag: …`): it only tells TypeScript about a
 * value that exists elsewhere, most often a browser global, and gives the name no value of the
 * file's own. Parents must be set (analyze.ts sets them).
 */
export function isAmbient(d: Decl): boolean {
  if (d.k === 'function' || d.k === 'class') return declares(d.node);
  if (d.k !== 'var') return false;
  const statement = d.node.parent?.parent;
  return statement !== undefined && ts.isVariableStatement(statement) && declares(statement);
}

function declares(n: T.Statement): boolean {
  return (
    ts.canHaveModifiers(n) &&
    (ts.getModifiers(n)?.some((m) => m.kind === ts.SyntaxKind.DeclareKeyword) ?? false)
  );
}

/** The nearest function enclosing `n` (not `n` itself). */
export function enclosingFunction(n: T.Node): T.SignatureDeclaration | undefined {
  for (let p = n.parent; p !== undefined; p = p.parent) {
    if (ts.isFunctionLike(p) && !ts.isFunctionTypeNode(p) && !ts.isMethodSignature(p)) return p;
  }
  return undefined;
}
