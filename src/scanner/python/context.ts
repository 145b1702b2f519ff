/** State shared while one Python file is read. */
import type { Node } from 'web-tree-sitter';
import type { AnalyzeContext } from '../core/front.js';
import type { ConfigHit } from '../core/findings.js';
import type { Ref } from '../core/registry.js';
import { KWARGS_PARAM } from '../core/sink.js';
import type { SinkCall, Val } from '../types.js';
import type { CallArgs } from './args.js';
import { lookup, type ClassInfo, type Scope } from './scope.js';
import type { Site } from './sites.js';

/** A function being read: its parameters become `param` values. */
export interface FnInfo {
  /** The `def` node's id (its start offset): stable across runs over the same text. */
  readonly id: number;
  /** How reports name it: `track`, `Analytics.track`. */
  readonly name: string;
  /** Parameter names by index (`self` of a method left out). */
  readonly params: readonly string[];
  /**
   * Keys read out of the `**kwargs` parameter (`props["email"]`, `props.get("email")`), in the
   * order first read: each is a keyword-only parameter of its own, its index `params.length`
   * plus its place here.
   */
  readonly keys: string[];
  /**
   * The `**kwargs` parameter with keys popped out of it (`props.pop("email")`), each set in the
   * order first made: each is a parameter of its own, the caller's keyword arguments less those
   * keys, its index `KWARGS_PARAM - 1` minus its place here (see `kwargsIndex`).
   */
  readonly popped: (readonly string[])[];
  readonly line: number;
}

/**
 * The index of `fn`'s `**kwargs` parameter less the keys `removed` (`KWARGS_PARAM` when none
 * are), as a `param` value's index.
 */
export function kwargsIndex(fn: FnInfo, removed: readonly string[]): number {
  if (removed.length === 0) return KWARGS_PARAM;
  const same = (set: readonly string[]) =>
    set.length === removed.length && set.every((k) => removed.includes(k));
  let i = fn.popped.findIndex(same);
  if (i < 0) i = fn.popped.push([...removed]) - 1;
  return KWARGS_PARAM - 1 - i;
}

/**
 * The keys popped out of `fn`'s `**kwargs` parameter that `index` stands for (none for
 * `KWARGS_PARAM` itself); undefined when `index` is not `**kwargs`.
 */
export function poppedAt(fn: FnInfo, index: number): readonly string[] | undefined {
  return index === KWARGS_PARAM ? [] : fn.popped[KWARGS_PARAM - 1 - index];
}

/**
 * `name.pop("key")` or `del name["key"]`, with `name` the `**kwargs` parameter of the function
 * being read (or what is left of it): from here on the name stands for the caller's keyword
 * arguments less that key. Anything else is left as it is.
 */
export function dropKwargsKey(cx: Cx, name: string, key: string): void {
  const fn = cx.fn;
  const b = lookup(cx.scope, name);
  if (fn === undefined || b?.param?.fn !== fn.id) return;
  const popped = poppedAt(fn, b.param.index);
  if (popped === undefined || popped.includes(key)) return;
  const index = kwargsIndex(fn, [...popped, key]);
  cx.scope.vars.set(name, { ...b, param: { ...b.param, index } });
}

/** A function body read after the statements around it (Python runs bodies later). */
export interface Deferred {
  /** The `function_definition` site. */
  readonly site: Site;
  readonly name: string;
  readonly scope: Scope;
  readonly cls?: ClassInfo;
}

/** A call of a function of this file, its arguments read where it is. */
export interface PendingCall {
  readonly call: Node;
  readonly cx: Cx;
  readonly args: CallArgs;
  /** The called function's `def` node id. */
  readonly def: number;
}

/** What is found in one file. */
export interface FileState {
  readonly path: string;
  readonly ctx: AnalyzeContext;
  readonly calls: SinkCall[];
  readonly hits: ConfigHit[];
  /** Wrappers found so far, by `def` node id. */
  readonly found: Map<number, Ref[]>;
  /** Calls of this file's functions, read once every function body is (they may be wrappers). */
  readonly pending: PendingCall[];
  readonly deferred: Deferred[];
  /** Lambdas already read as SDK callbacks (by start offset), not to be read again. */
  readonly read: Set<number>;
  /** The function each `param` value belongs to (a nested function must not forward its parent's). */
  readonly owners: WeakMap<Val, number>;
  /**
   * The file's text, when its tree has no syntax errors: then the text answers some questions
   * without asking the tree (expr.ts, imports.ts), and assigned values may be read later (lazy.ts).
   */
  readonly clean: string | undefined;
}

/** Where a node is being read. */
export interface Cx {
  readonly st: FileState;
  readonly scope: Scope;
  readonly fn?: FnInfo;
  /** The class whose body is being read: its names are also class attributes. */
  readonly classBody?: ClassInfo;
}

/** A fresh state for one file; `clean`: see `FileState.clean`. */
export function createFileState(path: string, ctx: AnalyzeContext, clean?: string): FileState {
  return {
    path,
    ctx,
    calls: [],
    hits: [],
    found: new Map(),
    pending: [],
    deferred: [],
    read: new Set(),
    owners: new WeakMap(),
    clean,
  };
}

/** Named children, without nulls and comments. */
export function kids(node: Node): Node[] {
  const out: Node[] = [];
  for (const c of node.namedChildren) if (c !== null && c.type !== 'comment') out.push(c);
  return out;
}

/** The last identifier of `a.b.c` (`c`), of `a` (`a`), or of a call `a.b()` (`b`). */
export function lastName(node: Node): string | undefined {
  switch (node.type) {
    case 'identifier':
      return node.text;
    case 'attribute':
      return node.childForFieldName('attribute')?.text;
    case 'call': {
      const f = node.childForFieldName('function');
      return f === null ? undefined : lastName(f);
    }
    case 'subscript': {
      const s = node.childForFieldName('subscript');
      return s?.type === 'string' ? stringText(s) : undefined;
    }
    default:
      return undefined;
  }
}

/** Whether a `string` node is a raw string (`r"…"`: backslashes are text). */
export function isRaw(node: Node): boolean {
  return /r/i.test(node.firstChild?.text.replace(/['"]+$/, '') ?? '');
}

/** The characters a `string_content` node stands for, escape sequences decoded. */
export function contentText(content: Node, raw: boolean): string {
  const text = content.text;
  if (raw) return text;
  let out = '';
  let last = 0;
  for (const e of kids(content)) {
    if (e.type !== 'escape_sequence') continue;
    const start = e.startIndex - content.startIndex;
    out += text.slice(last, start) + unescape(e.text);
    last = start + e.text.length;
  }
  return out + text.slice(last);
}

/** The text of a plain string literal (no interpolation), undefined otherwise. */
export function stringText(node: Node): string | undefined {
  if (node.type !== 'string') return undefined;
  const raw = isRaw(node);
  let out = '';
  for (const c of kids(node)) {
    if (c.type === 'string_content') out += contentText(c, raw);
    else if (c.type === 'interpolation') return undefined;
  }
  return out;
}

const SIMPLE: Readonly<Record<string, string>> = {
  n: '\n',
  t: '\t',
  r: '\r',
  a: '\x07',
  b: '\b',
  f: '\f',
  v: '\v',
};

/** One escape sequence's character(s); unknown escapes keep their text, as Python does. */
export function unescape(seq: string): string {
  const c = seq[1] ?? '';
  if (c === 'x' || c === 'u' || c === 'U') {
    const code = Number.parseInt(seq.slice(2), 16);
    return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : seq;
  }
  if (c === '\n') return '';
  if (/^[0-7]{1,3}$/.test(seq.slice(1)))
    return String.fromCodePoint(Number.parseInt(seq.slice(1), 8));
  return SIMPLE[c] ?? (c === '\\' || c === "'" || c === '"' ? c : seq);
}
