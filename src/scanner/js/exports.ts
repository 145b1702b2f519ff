/**
 * Names of wrapper functions, and which of them a file exports (ESM `export`, `export { … }`,
 * `export default`, CommonJS `module.exports` / `exports.x`), so other files' calls are followed.
 */
import type * as T from 'typescript';
import ts from './ts.js';
import type { WrapperExport } from '../core/front.js';
import { memberAccess, posOf, propName, unwrap, type FileContext } from './context.js';

function hasModifier(n: T.Node, kind: T.SyntaxKind): boolean {
  return ts.canHaveModifiers(n) && (ts.getModifiers(n) ?? []).some((m) => m.kind === kind);
}

/** The local name of the variable an object literal or function is assigned to. */
function holderName(n: T.Node): string | undefined {
  const p = n.parent;
  if (p === undefined) return undefined;
  if (ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return p.name.text;
  if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    const m = memberAccess(p.left);
    if (m !== undefined) return m.name;
    if (ts.isIdentifier(p.left)) return p.left.text;
  }
  return undefined;
}

/** How a wrapper function reads in reports: `track`, `analytics.track`, `Tracker.track`. */
export function wrapperName(fn: T.SignatureDeclaration, _sf: T.SourceFile): string | undefined {
  if (ts.isFunctionDeclaration(fn)) return fn.name?.text ?? 'default';
  const p = fn.parent;
  if (ts.isMethodDeclaration(fn) || (p !== undefined && ts.isPropertyAssignment(p))) {
    const name = ts.isMethodDeclaration(fn)
      ? propName(fn.name)
      : propName((p as T.PropertyAssignment).name);
    const owner = ts.isMethodDeclaration(fn) ? fn.parent : p!.parent;
    const ownerName = ts.isClassLike(owner)
      ? owner.name?.text
      : ts.isObjectLiteralExpression(owner)
        ? holderName(owner)
        : undefined;
    return ownerName !== undefined && name !== undefined ? `${ownerName}.${name}` : name;
  }
  if (ts.isFunctionExpression(fn) || ts.isArrowFunction(fn))
    return holderName(fn) ?? fn.name?.getText();
  return undefined;
}

/** Local name → the names it is exported under. */
function exportNames(sf: T.SourceFile): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (local: string, exported: string): void => {
    const list = out.get(local) ?? [];
    list.push(exported);
    out.set(local, list);
  };
  for (const s of sf.statements) {
    const exported = hasModifier(s, ts.SyntaxKind.ExportKeyword);
    const isDefault = hasModifier(s, ts.SyntaxKind.DefaultKeyword);
    if ((ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s)) && exported) {
      const name = s.name?.text ?? 'default';
      add(name, isDefault ? 'default' : name);
    } else if (ts.isVariableStatement(s) && exported) {
      for (const d of s.declarationList.declarations)
        if (ts.isIdentifier(d.name)) add(d.name.text, d.name.text);
    } else if (
      ts.isExportDeclaration(s) &&
      s.moduleSpecifier === undefined &&
      s.exportClause &&
      ts.isNamedExports(s.exportClause)
    ) {
      for (const el of s.exportClause.elements)
        add((el.propertyName ?? el.name).text, el.name.text);
    } else if (ts.isExportAssignment(s) && ts.isIdentifier(unwrap(s.expression))) {
      add((unwrap(s.expression) as T.Identifier).text, 'default');
    } else if (ts.isExpressionStatement(s)) {
      commonJs(s.expression, add);
    }
  }
  return out;
}

/** `module.exports = { a, b: c }`, `module.exports.a = a`, `exports.a = a`. */
function commonJs(e: T.Expression, add: (local: string, exported: string) => void): void {
  if (!ts.isBinaryExpression(e) || e.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return;
  const left = e.left.getText();
  const right = unwrap(e.right);
  if (left === 'module.exports' && ts.isObjectLiteralExpression(right)) {
    for (const p of right.properties) {
      const key = p.name !== undefined ? propName(p.name) : undefined;
      if (key === undefined) continue;
      if (ts.isShorthandPropertyAssignment(p)) add(p.name.text, key);
      else if (ts.isPropertyAssignment(p) && ts.isIdentifier(unwrap(p.initializer)))
        add((unwrap(p.initializer) as T.Identifier).text, key);
    }
  } else if (left === 'module.exports' && ts.isIdentifier(right)) {
    add(right.text, 'default');
  } else if (/^(?:module\.)?exports\.[\w$]+$/.test(left)) {
    const name = left.slice(left.lastIndexOf('.') + 1);
    add(ts.isIdentifier(right) ? right.text : name, name);
  }
}

/** The names a function of the file is exported under (`names`: `exportNames` of the file). */
function namesOf(
  fc: FileContext,
  fn: T.SignatureDeclaration,
  names: ReadonlyMap<string, readonly string[]>,
): string[] {
  const name = wrapperName(fn, fc.sf);
  if (name === undefined) return [];
  const [head, ...rest] = name.split('.');
  const exported = [...(names.get(head!) ?? [])];
  // `exports.track = function (…) {…}` names the function by its export.
  if (ts.isFunctionExpression(fn) || ts.isArrowFunction(fn)) {
    const p = fn.parent;
    if (ts.isBinaryExpression(p) && /^(?:module\.)?exports\.[\w$]+$/.test(p.left.getText(fc.sf)))
      exported.push(name);
  }
  if (ts.isFunctionDeclaration(fn) && hasModifier(fn, ts.SyntaxKind.DefaultKeyword))
    exported.push('default');
  return [...new Set(exported)].map((e) => [e, ...rest].join('.'));
}

/**
 * The names a function of the file is exported under, as other files import it: `addUser` for
 * `export function addUser`, `handlers.addUser` for a method of `export const handlers = {…}`.
 */
export function exportedAs(fc: FileContext, fn: T.SignatureDeclaration): string[] {
  return namesOf(fc, fn, exportNames(fc.sf));
}

/** The wrappers this file exports, under each name they are exported as. */
export function exportsOf(fc: FileContext): WrapperExport[] {
  const names = exportNames(fc.sf);
  const out: WrapperExport[] = [];
  for (const [fn, refs] of fc.wrappers) {
    if (refs.length === 0) continue;
    // One export per SDK call the wrapper makes: scan.ts gathers them under the name.
    for (const e of namesOf(fc, fn as T.SignatureDeclaration, names)) {
      for (const ref of refs) out.push({ name: e, ref, line: posOf(fc, fn).line });
    }
  }
  return out;
}
