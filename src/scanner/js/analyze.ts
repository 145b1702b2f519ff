/**
 * The JavaScript/TypeScript front end: parses with the TypeScript compiler API (which recovers
 * from syntax errors), finds every call that reaches an SDK sink or configuration call, and
 * every wrapper function around one.
 */
import type * as T from 'typescript';
import ts from './ts.js';
import { firedRules } from '../core/config.js';
import type { ConfigHit } from '../core/findings.js';
import type {
  AnalyzeContext,
  FileAnalysis,
  FrontEnd,
  SourceFile,
  WrapperExport,
} from '../core/front.js';
import { assignedMember, calledMember, type Ref } from '../core/registry.js';
import { MAX_WRAPPER_LEVEL, pickSink, readSink, wrapperLevel, wrapperSink } from '../core/sink.js';
import type { Args, SinkCall, Val } from '../types.js';
import type { ConfigRule, Member, Sink } from '../vendors/types.js';
import {
  GLOBAL_OBJECTS,
  memberAccess,
  posOf,
  unwrap,
  type FileContext,
  type PassedName,
} from './context.js';
import { exportsOf, wrapperName } from './exports.js';
import { heldFunctions, writtenNames } from './held.js';
import { noteImportedCallbacks, refOf, type JsRef } from './refs.js';
import { createBinder, enclosingFunction } from './scope.js';
import { valOf } from './values.js';
import { secretsIn } from '../core/secrets.js';
import { focus, type Focused } from '../core/focus.js';

const KINDS: Record<string, T.ScriptKind> = {
  '.ts': ts.ScriptKind.TS,
  '.mts': ts.ScriptKind.TS,
  '.cts': ts.ScriptKind.TS,
  '.tsx': ts.ScriptKind.TSX,
  '.jsx': ts.ScriptKind.JSX,
  '.js': ts.ScriptKind.JSX,
  '.mjs': ts.ScriptKind.JS,
  '.cjs': ts.ScriptKind.JS,
};

function scriptKind(path: string): T.ScriptKind {
  const ext = path.slice(path.lastIndexOf('.'));
  return KINDS[ext] ?? ts.ScriptKind.TS;
}

type Call = T.CallExpression | T.NewExpression;
type Assignment = T.BinaryExpression;

/**
 * Every call and `new` in the file, and every plain assignment (`a = b`), in source order. The
 * same walk sets each node's parent (the parser is asked not to: one walk instead of two).
 */
function collectCalls(sf: T.SourceFile): { calls: Call[]; assignments: Assignment[] } {
  const out: Call[] = [];
  const assignments: Assignment[] = [];
  let parent: T.Node = sf;
  const visit = (n: T.Node): void => {
    (n as { parent: T.Node }).parent = parent;
    if (n.kind === ts.SyntaxKind.CallExpression || n.kind === ts.SyntaxKind.NewExpression)
      out.push(n as Call);
    else if (
      n.kind === ts.SyntaxKind.BinaryExpression &&
      (n as Assignment).operatorToken.kind === ts.SyntaxKind.EqualsToken
    )
      assignments.push(n as Assignment);
    const saved = parent;
    parent = n;
    ts.forEachChild(n, visit);
    parent = saved;
  };
  ts.forEachChild(sf, visit);
  return { calls: out, assignments };
}

function argsOf(fc: FileContext, call: Call, fn: T.SignatureDeclaration | undefined): Args {
  const list = call.arguments ?? ts.factory.createNodeArray<T.Expression>();
  const positional: Val[] = [];
  let spread = false;
  for (const a of list) {
    if (ts.isSpreadElement(a)) {
      spread = true;
      break;
    }
    positional.push(valOf(fc, a, { fn }));
  }
  return { positional, keywords: new Map(), ...(spread ? { spread } : {}) };
}

interface Found {
  readonly calls: SinkCall[];
  readonly hits: ConfigHit[];
}

/** Read the sinks of one member called (or assigned) at `call`; wrappers' sinks are all read. */
function readMember(
  fc: FileContext,
  call: Call | Assignment,
  ref: Ref,
  member: Member,
  sinks: readonly Sink[],
  found: Found,
  given?: Args,
): void {
  const via = ref.k === 'member' ? ref.via : undefined;
  // The function the call sits in becomes a wrapper (of this level) if it passes parameters on.
  const level = wrapperLevel(ref);
  const fn = level === undefined ? undefined : enclosingFunction(call);
  const args = given ?? (ts.isBinaryExpression(call) ? undefined : argsOf(fc, call, fn));
  if (args === undefined) return;
  const at = posOf(fc, call);
  for (const sink of sinks) {
    const read = readSink(sink, args, {
      vendor: ref.vendor.id,
      call: ref.text,
      file: fc.path,
      at,
      language: 'js',
      ...(via ? { via } : {}),
    });
    found.calls.push(read.call);
    if (fn === undefined) continue;
    // The call forwards parameters of its function: the function is a wrapper.
    const derived = wrapperSink(sink, read);
    if (derived === undefined) continue;
    const name = wrapperName(fn, fc.sf);
    const wrapper: Ref = {
      k: 'member',
      vendor: ref.vendor,
      member: { sinks: [derived] },
      text: ref.text,
      via: { wrapper: name ?? '(anonymous)', file: fc.path, line: posOf(fc, fn).line },
      level,
    };
    const list = fc.wrappers.get(fn) ?? [];
    list.push(wrapper);
    fc.wrappers.set(fn, list);
  }
  if (member.config !== undefined) configHits(fc, call, ref, member.config, args, found);
}

function configHits(
  fc: FileContext,
  call: Call | Assignment,
  ref: Ref,
  rules: readonly ConfigRule[],
  args: Args,
  found: Found,
): void {
  for (const rule of firedRules(rules, args)) {
    found.hits.push({
      vendor: ref.vendor.id,
      call: ref.text,
      rule,
      file: fc.path,
      at: posOf(fc, call),
    });
  }
}

/** Read one call whose callee is known; false when it is not (yet) an SDK or wrapper call. */
function readCall(fc: FileContext, call: Call, r: JsRef | undefined, found: Found): boolean {
  if (r === undefined) return false;
  if (r.k === 'wrappers') {
    for (const w of r.refs) {
      const m = calledMember(w);
      if (m?.sinks) readMember(fc, call, w, m, m.sinks, found);
    }
    return true;
  }
  if (r.k !== 'type' && r.k !== 'member') return false;
  const member = calledMember(r);
  if (member === undefined) return false;
  // A function imported from a file of the scan, given as the callback (its file reads it).
  if (member.callback !== undefined)
    noteImportedCallbacks(fc, call, { vendor: r.vendor, callback: member.callback });
  // Parameters of the enclosing function are read as such (wrappers); a `when` needs literals.
  const args = argsOf(fc, call, enclosingFunction(call));
  const sink = pickSink(member, args);
  if (sink !== undefined) readMember(fc, call, r, member, [sink], found, args);
  else if (member.config !== undefined) configHits(fc, call, r, member.config, args, found);
  if (sink === undefined) {
    found.hits.push(...secretsIn(args, r, fc.path));
  }
  return sink !== undefined || member.config !== undefined;
}

/**
 * Keys below an assigned setting that an assignment may name: `bugsnagClient.metaData.account
 * .email = …` is two below `metaData`. A setting is sent whole, so every key of it is; the bound
 * keeps the walk up a target short.
 */
const MAX_ASSIGNED_KEYS = 4;

/**
 * Cheap test before resolving an assignment's target: it names an assignable global
 * (`intercomSettings = …`, `window.intercomSettings = …`), a key of one, or a key of a key, up
 * to `MAX_ASSIGNED_KEYS` (`window.intercomSettings.email = …`, `report.user.address.city = …`),
 * or such a key of a local name declared as one (`const s = window.intercomSettings; s.email =
 * …`).
 */
function mayAssign(fc: FileContext, a: Assignment): boolean {
  const names = fc.ctx.registry.assignable;
  let e = unwrap(a.left);
  for (let keys = 0; keys <= MAX_ASSIGNED_KEYS; keys++) {
    const m = memberAccess(e);
    const name = ts.isIdentifier(e) ? e.text : m?.name;
    if (name !== undefined && names.has(name)) return true;
    if (m === undefined) return keys > 0 && ts.isIdentifier(e) && declaredAsSetting(fc, e);
    e = unwrap(m.obj);
  }
  return false;
}

/** Whether `id` is a local name whose initializer names an assignable global or member. */
function declaredAsSetting(fc: FileContext, id: T.Identifier): boolean {
  const d = fc.binder.lookup(id);
  if (d?.k !== 'var' || d.element !== undefined || d.node.initializer === undefined) return false;
  const init = unwrap(d.node.initializer);
  const name = ts.isIdentifier(init) ? init.text : memberAccess(init)?.name;
  return name !== undefined && fc.ctx.registry.assignable.has(name);
}

/** An SDK setting that takes assignments (its type's `=` member), and the keys below it. */
interface AssignedSetting {
  readonly ref: Ref;
  readonly member: Member;
  /** The keys the target names below the setting, outermost first: `['account', 'email']`. */
  readonly keys: readonly string[];
}

/**
 * The setting an assignment's target is in: the target itself (`window.intercomSettings`, no
 * keys) or the nearest object it is a key of, up to `MAX_ASSIGNED_KEYS` above it
 * (`bugsnagClient.metaData` for `bugsnagClient.metaData.account.email`).
 */
function assignedSetting(fc: FileContext, target: T.Expression): AssignedSetting | undefined {
  const keys: string[] = [];
  let e = target;
  for (;;) {
    const r = refOf(fc, e);
    if (r?.k === 'type') {
      const member = assignedMember(r);
      if (member !== undefined) return { ref: r, member, keys };
    }
    const m = keys.length < MAX_ASSIGNED_KEYS ? memberAccess(e) : undefined;
    if (m === undefined) return undefined;
    keys.unshift(m.name);
    e = unwrap(m.obj);
  }
}

/**
 * An assignment to an SDK setting that is read as a whole (`window.intercomSettings = {…}`,
 * the type's `=` member) is a sink call with the assigned value as its argument 0; so is an
 * assignment to a key of it (`window.intercomSettings.email = …`, as `{email: …}`) or to a key
 * of a key (`bugsnagClient.metaData.account.email = …`, as `{account: {email: …}}`).
 */
function readAssignment(fc: FileContext, a: Assignment, found: Found): void {
  const left = unwrap(a.left);
  const hit = assignedSetting(fc, left);
  if (hit === undefined) return;
  let value = valOf(fc, a.right, { fn: enclosingFunction(a) });
  if (hit.keys.length > 0) {
    const at = posOf(fc, left);
    for (let i = hit.keys.length - 1; i >= 0; i--)
      value = { k: 'obj', props: [{ key: hit.keys[i]!, value, at }], spreads: [], at };
  }
  const args: Args = { positional: [value], keywords: new Map() };
  const sink = pickSink(hit.member, args);
  if (sink === undefined) return;
  const site: Ref = { k: 'member', vendor: hit.ref.vendor, member: hit.member, text: hit.ref.text };
  readMember(fc, a, site, hit.member, [sink], found, args);
}

function parseProblems(sf: T.SourceFile): FileAnalysis['problems'] {
  const diags =
    (sf as unknown as { parseDiagnostics?: readonly T.Diagnostic[] }).parseDiagnostics ?? [];
  if (diags.length === 0) return [];
  const first = diags[0]!;
  const lc = first.start !== undefined ? sf.getLineAndCharacterOfPosition(first.start) : undefined;
  const where = lc ? ` (first at line ${lc.line + 1})` : '';
  return [
    {
      file: sf.fileName,
      message: `syntax errors: recovered from ${diags.length}${where}: ${ts.flattenDiagnosticMessageText(first.messageText, ' ')}`,
    },
  ];
}

/** The identifier (or `this`) a callee chain starts from: `a` in `a.b(c).d`. */
function rootOf(e: T.Expression): T.Node {
  for (;;) {
    const u = unwrap(e);
    if (ts.isPropertyAccessExpression(u) || ts.isElementAccessExpression(u)) e = u.expression;
    else if (ts.isCallExpression(u) || ts.isNewExpression(u)) e = u.expression;
    else return u;
  }
}

/**
 * Cheap test before resolving a callee: a chain rooted at an undeclared name that is no SDK
 * global (`console.log`, `JSON.parse`, `fetch`) reaches no SDK and no wrapper.
 */
function mayReach(fc: FileContext, call: Call): boolean {
  const root = rootOf(call.expression);
  if (!ts.isIdentifier(root)) return true;
  const name = root.text;
  if (fc.ctx.registry.globals.has(name) || GLOBAL_OBJECTS.has(name)) return true;
  return fc.binder.lookup(root) !== undefined;
}

// JSDoc is never read by the scanner; parents are set by collectCalls.
const PARSE_OPTIONS = {
  languageVersion: ts.ScriptTarget.Latest,
  jsDocParsingMode: ts.JSDocParsingMode.ParseNone,
};

function parse(path: string, text: string): T.SourceFile {
  return ts.createSourceFile(path, text, PARSE_OPTIONS, false, scriptKind(path));
}

/** Whether the parse of a focused text is the cut `focus` meant (see core/focus.ts). */
function fitsCut(sf: T.SourceFile, cut: Focused): boolean {
  const diags = (sf as unknown as { parseDiagnostics?: readonly T.Diagnostic[] }).parseDiagnostics;
  if (diags !== undefined && diags.length > 0) return false;
  for (const s of sf.statements) if (!cut.fits(s.getStart(sf), s.end)) return false;
  return true;
}

/** Parse the statements of a file that can matter, or the whole file. */
export function parseFile(file: SourceFile, ctx: AnalyzeContext): T.SourceFile {
  const cut = ctx.relevant === undefined ? undefined : focus(file.text, 'js', ctx.relevant);
  if (cut !== undefined) {
    const sf = parse(file.path, cut.text);
    if (fitsCut(sf, cut)) return sf;
  }
  return parse(file.path, file.text);
}

/** Wrapper refs found in the file so far. */
function wrapperCount(fc: FileContext): number {
  let n = 0;
  for (const refs of fc.wrappers.values()) n += refs.length;
  return n;
}

/** Read one file. */
export function analyzeJs(file: SourceFile, ctx: AnalyzeContext): FileAnalysis {
  const sf = parseFile(file, ctx);
  const { calls, assignments } = collectCalls(sf);
  let held: ReadonlyMap<T.Node, readonly PassedName[]> | undefined;
  let written: ReadonlyMap<string, readonly T.Identifier[]> | undefined;
  const fc: FileContext = {
    sf,
    path: file.path,
    binder: createBinder(),
    ctx,
    wrappers: new Map(),
    visiting: new Set(),
    held: () => (held ??= heldFunctions(fc, calls)),
    written: () => (written ??= writtenNames(sf)),
    callbacks: new Map(),
    imported: [],
  };
  const found: Found = { calls: [], hits: [] };
  const pending: Call[] = [];
  // Assignments to SDK settings and SDK calls first (they make wrappers), then calls of the
  // wrappers they made.
  if (fc.ctx.registry.assignable.size > 0)
    for (const a of assignments) if (mayAssign(fc, a)) readAssignment(fc, a, found);
  for (const call of calls) {
    if (!mayReach(fc, call)) continue;
    const callee = unwrap(call.expression);
    if (!readCall(fc, call, refOf(fc, callee), found)) pending.push(call);
  }
  // Each round reads the calls of the wrappers found so far; a call that passes parameters on
  // makes its own function a wrapper of the next level, whose calls the next round reads.
  let todo = pending;
  for (let round = 0; round < MAX_WRAPPER_LEVEL && fc.wrappers.size > 0; round++) {
    const known = wrapperCount(fc);
    const rest: Call[] = [];
    for (const call of todo) {
      const r = refOf(fc, unwrap(call.expression));
      if (r?.k === 'wrappers') readCall(fc, call, r, found);
      else rest.push(call);
    }
    if (wrapperCount(fc) === known) break;
    todo = rest;
  }
  const exports: WrapperExport[] = fc.wrappers.size > 0 ? exportsOf(fc) : [];
  return {
    calls: found.calls,
    hits: found.hits,
    exports,
    problems: parseProblems(sf),
    ...(fc.imported.length > 0 && { callbacks: fc.imported }),
  };
}

/** Create the JavaScript/TypeScript front end. */
export function createJsFrontEnd(): FrontEnd {
  return {
    language: 'js',
    extensions: ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts'],
    init: async () => {},
    analyze: analyzeJs,
  };
}
