/**
 * Reading one sink call: pick the sink whose `when` matches, read each argument by its spec, and
 * describe what a wrapper function around the call passes on from its own parameters.
 */
import type { Args, Flow, Pos, SinkCall, Val, Via } from '../types.js';
import type { ArgSpec, Language, Member, Sink } from '../vendors/types.js';
import { clip, flowsOf, literalOf, textOf, type ParamUse } from './flows.js';
import type { Ref } from './registry.js';

/** The `index` of a Python function's `**kwargs` parameter in `param` values (it has no position). */
export const KWARGS_PARAM = -1;

/** The keyword arguments not in `except`, as one object (a wrapper's `**kwargs`). */
function kwargsOf(args: Args, except: readonly string[]): Val | undefined {
  const props = [...args.keywords]
    .filter(([k]) => !except.includes(k))
    .map(([key, value]) => ({ key, value, at: value.at }));
  if (props.length === 0) return undefined;
  return { k: 'obj', props, spreads: [], at: props[0]!.at };
}

/** The argument an arg spec reads: by keyword (Python) first, then by position. */
export function argOf(
  args: Args,
  spec: { index?: number; keyword?: string; kwargs?: ArgSpec['kwargs'] },
): Val | undefined {
  if (spec.kwargs !== undefined) return kwargsOf(args, spec.kwargs.except);
  if (spec.keyword !== undefined) {
    const kw = args.keywords.get(spec.keyword);
    if (kw !== undefined) return kw;
  }
  return spec.index !== undefined ? args.positional[spec.index] : undefined;
}

/** The first sink of a member whose `when` holds for these arguments. */
export function pickSink(member: Member, args: Args): Sink | undefined {
  for (const s of member.sinks ?? []) {
    const n = args.positional.length;
    if (s.positional !== undefined && !args.spread) {
      if (n < (s.positional.min ?? 0) || n > (s.positional.max ?? Infinity)) continue;
    }
    if (s.when === undefined) return s;
    const lit = literalOf(args.positional[s.when.arg]);
    if (lit === undefined) continue;
    const cut = s.when.scoped === undefined ? -1 : lit.indexOf(s.when.scoped);
    if (s.when.equals.includes(cut < 0 ? lit : lit.slice(0, cut))) return s;
  }
  return undefined;
}

/** Where a call is, and what it is called in reports. */
export interface CallSite {
  readonly vendor: string;
  readonly call: string;
  readonly file: string;
  readonly at: Pos;
  readonly language: Language;
  readonly via?: Via;
}

/** A sink call read: the call record, and the wrapper parameters that reach it. */
export interface ReadSink {
  readonly call: SinkCall;
  readonly params: readonly ParamUse[];
  /** The event name came from a wrapper parameter. */
  readonly eventFromParam?: number;
}

/** The event name a call gives, as read so far. */
interface EventName {
  event?: string;
  eventExpr?: string;
  eventFromParam?: number;
}

function readEventName(v: Val, out: EventName): void {
  const lit = literalOf(v);
  if (lit !== undefined) out.event = lit;
  else if (v.k === 'param' && v.path.length === 0) out.eventFromParam = v.index;
  else out.eventExpr = clip(textOf(v));
}

function readArg(
  spec: ArgSpec,
  v: Val,
  args: Args,
  flows: Flow[],
  params: ParamUse[],
  name: EventName,
): void {
  if (spec.role === 'event-name') {
    readEventName(v, name);
    return;
  }
  if (spec.role === 'object') {
    if (v.k === 'param' && v.path.length === 0) {
      params.push({
        index: v.index,
        spec: { role: 'object', ...(spec.fields ? { fields: spec.fields } : {}) },
      });
      return;
    }
    if (v.k !== 'obj') return;
    for (const p of v.props) {
      const field = p.key !== undefined ? spec.fields?.[p.key] : undefined;
      if (field !== undefined) readArg(field, p.value, args, flows, params, name);
    }
    return;
  }
  if (spec.role === 'fields' && spec.pair === true) {
    const key = literalOf(v);
    if (key !== undefined && spec.index !== undefined) {
      const value = args.positional[spec.index + 1];
      if (value !== undefined) {
        const set = flowsOf(value, { role: 'value', path: spec.path ?? '' }, key);
        flows.push(...set.flows);
        params.push(...set.params);
      }
      return;
    }
  }
  const key =
    spec.role === 'value' && spec.keyFrom !== undefined
      ? literalOf(args.positional[spec.keyFrom])
      : undefined;
  const set = flowsOf(v, spec, key);
  flows.push(...set.flows);
  params.push(...set.params);
}

/** Read the arguments of a call to `sink`. */
export function readSink(sink: Sink, args: Args, site: CallSite): ReadSink {
  const flows: Flow[] = [];
  const params: ParamUse[] = [];
  const name: EventName = sink.event !== undefined ? { event: sink.event } : {};
  for (const spec of sink.args) {
    const v = argOf(args, spec);
    if (v !== undefined) readArg(spec, v, args, flows, params, name);
  }
  const { event, eventExpr, eventFromParam } = name;
  const call: SinkCall = {
    vendor: site.vendor,
    call: sink.call ?? site.call,
    sink: sink.kind,
    ...(event !== undefined ? { event } : {}),
    ...(eventExpr !== undefined ? { eventExpr } : {}),
    file: site.file,
    line: site.at.line,
    column: site.at.column,
    language: site.language,
    ...(site.via ? { via: site.via } : {}),
    flows,
  };
  return { call, params, ...(eventFromParam !== undefined ? { eventFromParam } : {}) };
}

/** Wrappers are followed this many levels deep: a wrapper of a wrapper of a wrapper of an SDK call. */
export const MAX_WRAPPER_LEVEL = 3;

/**
 * The level of the wrapper that a function becomes when it passes its parameters on to `ref`
 * (an SDK member, or a wrapper's); undefined when that would go past `MAX_WRAPPER_LEVEL`.
 */
export function wrapperLevel(ref: Ref): number | undefined {
  const level = ref.k === 'member' && ref.via !== undefined ? (ref.level ?? 1) : 0;
  return level < MAX_WRAPPER_LEVEL ? level + 1 : undefined;
}

/**
 * The sink a wrapper function becomes: `function track(name, props) { mixpanel.track(name,
 * {...props, app: 'web'}) }` → a sink whose argument 0 is the event name and argument 1 lands
 * in `properties`. Undefined when no parameter reaches the call.
 */
export function wrapperSink(sink: Sink, read: ReadSink): Sink | undefined {
  if (read.params.length === 0 && read.eventFromParam === undefined) return undefined;
  const args: ArgSpec[] = [];
  if (read.eventFromParam !== undefined)
    args.push({ index: read.eventFromParam, role: 'event-name' });
  for (const p of read.params) args.push({ ...p.spec, index: p.index } as ArgSpec);
  return {
    kind: sink.kind,
    args,
    ...(read.call.event !== undefined ? { event: read.call.event } : {}),
    call: read.call.call,
  };
}
