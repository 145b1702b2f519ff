/**
 * One call read: an SDK sink call becomes a `SinkCall` (and, inside a function that forwards its
 * parameters, a wrapper of that function); a configuration call is checked for risky settings;
 * a call of a wrapper is read with the wrapper's derived sinks and reported with `via`.
 */
import type { Node } from 'web-tree-sitter';
import { firedRules } from '../core/config.js';
import { calledMember, type Ref } from '../core/registry.js';
import {
  MAX_WRAPPER_LEVEL,
  pickSink,
  readSink,
  wrapperLevel,
  wrapperSink,
  type ReadSink,
} from '../core/sink.js';
import type { Args } from '../types.js';
import type { Sink } from '../vendors/types.js';
import { deparamArgs, readArgs, unpackKwargs, type CallArgs } from './args.js';
import { poppedAt, type Cx, type FileState, type FnInfo } from './context.js';
import { posOf } from './parser.js';
import type { Expr } from './expr.js';
import { resolveExpr } from './refs.js';
import { secretsIn } from '../core/secrets.js';

/** The sink a function becomes, its arguments also named by the function's parameter names. */
function derive(fn: FnInfo, sink: Sink, read: ReadSink): Sink | undefined {
  const derived = wrapperSink(sink, read);
  if (derived === undefined) return undefined;
  const args = derived.args.map((a) => {
    if (a.index === undefined) return a;
    // `**kwargs`: the caller's keyword arguments that name no parameter of the function, and
    // none of the keys popped out of it before it was used.
    const popped = poppedAt(fn, a.index);
    if (popped !== undefined)
      return { ...a, index: undefined, kwargs: { except: [...fn.params, ...popped] } };
    const keyword = fn.params[a.index];
    if (keyword !== undefined) return { ...a, keyword };
    // A key read out of `**kwargs` (`props["email"]`): that keyword argument only, no position.
    const key = fn.keys[a.index - fn.params.length];
    return key === undefined ? a : { ...a, index: undefined, keyword: key };
  });
  return { ...derived, args };
}

function remember(cx: Cx, fn: FnInfo, ref: Ref, sink: Sink, level: number): void {
  const wrapper: Ref = {
    k: 'member',
    vendor: ref.vendor,
    member: { sinks: [sink] },
    text: ref.text,
    via: { wrapper: fn.name, file: cx.st.path, line: fn.line },
    level,
  };
  const list = cx.st.found.get(fn.id) ?? [];
  list.push(wrapper);
  cx.st.found.set(fn.id, list);
}

/** Read `sinks` of `ref` called with `args`; the call may make its function a wrapper. */
function readSinks(call: Node, cx: Cx, ref: Ref, sinks: readonly Sink[], raw: CallArgs): void {
  const via = ref.k === 'member' ? ref.via : undefined;
  // The call forwards parameters of its own function: a wrapper one level above `ref`.
  const level = wrapperLevel(ref);
  const fn = level === undefined ? undefined : cx.fn;
  const args = deparamArgs(raw, fn?.id, cx);
  const site = {
    vendor: ref.vendor.id,
    call: ref.text,
    file: cx.st.path,
    at: posOf(call),
    language: 'python' as const,
  };
  for (const sink of sinks) {
    // A wrapper or an SDK call given this function's own `**kwargs` (`inner(event, **props)`,
    // `posthog.capture(**props)`): its callers' keyword arguments, by the callee's parameters.
    const unpacked =
      fn !== undefined && raw.kwargs !== undefined
        ? unpackKwargs(sink, args, raw.kwargs, fn, cx)
        : { sink, args };
    const read = readSink(
      unpacked.sink,
      unpacked.args,
      via === undefined ? site : { ...site, via },
    );
    cx.st.calls.push(read.call);
    const derived = fn === undefined ? undefined : derive(fn, sink, read);
    if (fn !== undefined && derived !== undefined) remember(cx, fn, ref, derived, level!);
  }
}

function readConfig(call: Node, cx: Cx, ref: Ref, args: Args): void {
  const rules = calledMember(ref)?.config;
  if (rules === undefined) return;
  for (const rule of firedRules(rules, args)) {
    cx.st.hits.push({
      vendor: ref.vendor.id,
      call: ref.text,
      rule,
      file: cx.st.path,
      at: posOf(call),
    });
  }
}

/**
 * Calls of this file's functions that turned out to be wrappers, read with their sinks. Each
 * round reads the calls of the wrappers found so far; a call that passes parameters on makes its
 * own function a wrapper of the next level, whose calls the next round reads.
 */
export function readPending(st: FileState): void {
  let todo = st.pending;
  for (let round = 0; round < MAX_WRAPPER_LEVEL && todo.length > 0; round++) {
    const rest: typeof todo = [];
    let read = 0;
    for (const p of todo) {
      const found = st.found.get(p.def);
      if (found === undefined) {
        rest.push(p);
        continue;
      }
      read++;
      for (const w of found) {
        const sinks = calledMember(w)?.sinks;
        if (sinks !== undefined) readSinks(p.call, p.cx, w, sinks, p.args);
      }
    }
    if (read === 0) break;
    todo = rest;
  }
}

/**
 * Read one `call` node; nothing happens unless its callee is an SDK member or a wrapper.
 * Returns the SDK ref called, when there is one (its callback, if any, is the caller's to read).
 */
export function readCall(call: Node, callee: Expr | undefined, cx: Cx): Ref | undefined {
  const b = callee === undefined ? undefined : resolveExpr(callee, cx);
  if (b === undefined) return undefined;
  const wrappers = b.wrappers ?? [];
  if (wrappers.length === 0 && b.ref === undefined && b.def === undefined) return undefined;
  const args = readArgs(call.childForFieldName('arguments'), cx);
  if (b.def !== undefined) {
    cx.st.pending.push({ call, cx, args, def: b.def });
    return undefined;
  }
  for (const w of wrappers) {
    const sinks = calledMember(w)?.sinks;
    if (sinks !== undefined) readSinks(call, cx, w, sinks, args);
  }
  if (wrappers.length > 0 || b.ref === undefined) return undefined;
  const member = calledMember(b.ref);
  if (member === undefined) return undefined;
  // An unknown `**` gives keywords only: the positions are known unless an unknown `*args` is.
  const sink = pickSink(member, args.starred === true ? args : { ...args, spread: false });
  if (sink !== undefined) readSinks(call, cx, b.ref, [sink], args);
  else cx.st.hits.push(...secretsIn(args, b.ref, cx.st.path));
  readConfig(call, cx, b.ref, args);
  return b.ref;
}
