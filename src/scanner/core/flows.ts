/**
 * From `Val`s to `Flow`s: where each value a call sends lands, and what it is. Classification
 * uses the engine's field-name classifier on the key it lands under and on the name the value
 * is known by (`contact: user.email` is an email), and the detection engine on literals.
 */
import { literalDetector } from './literal-detector.js';
import { createFieldClassifier } from '../../engine/fields/classify.js';
import type { Category } from '../../engine/types.js';
import type { Basis, Flow, Pos, Val, ValueType } from '../types.js';
import type { ArgSpec } from '../vendors/types.js';

/** Names below this confidence say nothing. */
const MIN_CONFIDENCE = 0.5;
/** Nested values followed at most. */
const MAX_DEPTH = 12;
/** Characters of source text kept in a flow. */
const MAX_EXPR = 80;

const classify = createFieldClassifier();

/** A parameter of a wrapper function used as (part of) a sink argument, with what it carries. */
export interface ParamUse {
  readonly index: number;
  readonly spec: Omit<ArgSpec, 'index' | 'keyword'>;
}

/** Flows found in a value, and the wrapper parameters it passes on. */
export interface FlowSet {
  readonly flows: Flow[];
  readonly params: ParamUse[];
}

/** Where a value is being read: the key it lands under, and the path. */
interface Place {
  readonly path: string;
  readonly key: string;
  readonly parentKey: string;
  /** Category when nothing else says one (identity arguments). */
  readonly fallback?: Category;
  readonly role: ArgSpec['role'];
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

/** Shortened source text for reports. */
export function clip(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length <= MAX_EXPR ? oneLine : oneLine.slice(0, MAX_EXPR - 1) + '…';
}

function byName(
  name: string,
  parent: string | undefined,
): { category: Category; confidence: number } | undefined {
  const bare = name.replace(/^(?:get|fetch|load|read|find|current)(?=[A-Z_])_?/, '');
  const c = classify(bare, parent ?? '');
  return c !== undefined && c.confidence >= MIN_CONFIDENCE ? c : undefined;
}

function typeOf(v: Val): ValueType {
  switch (v.k) {
    case 'obj':
      return 'object';
    case 'arr':
      return 'array';
    case 'str':
    case 'concat':
    case 'hash':
      return 'string';
    case 'num':
      return 'number';
    case 'bool':
      return 'boolean';
    case 'null':
      return 'null';
    default:
      return 'unknown';
  }
}

/** Text a value is shown by. */
export function textOf(v: Val): string {
  switch (v.k) {
    case 'str':
      return JSON.stringify(v.value);
    case 'name':
    case 'unknown':
      return v.text;
    case 'num':
    case 'bool':
      return String(v.value ?? v.k);
    case 'null':
      return 'null';
    case 'obj':
      return '{…}';
    case 'arr':
      return '[…]';
    case 'param':
      return [v.name ?? `<param ${v.index}>`, ...v.path].join('.');
    case 'concat':
      return v.parts.map((p) => (p.k === 'str' ? p.value : '${' + textOf(p) + '}')).join('');
    case 'hash':
      return `hash(${textOf(v.inner)})`;
    case 'union':
      return v.options.map(textOf).join(' | ');
  }
}

interface Leaf {
  category?: Category;
  confidence: number;
  basis?: Basis;
}

/** The best of two classifications: the more confident, then the more specific. */
function better(a: Leaf, b: Leaf): Leaf {
  if (a.category === undefined) return b;
  if (b.category === undefined) return a;
  if (b.confidence > a.confidence) return b;
  if (b.confidence === a.confidence && b.category.length > a.category.length) return b;
  return a;
}

/** What the key says, what the value's name says, what a literal holds. */
function classifyLeaf(v: Val, place: Place, form: 'raw' | 'hashed'): Leaf[] {
  let leaf: Leaf = { confidence: 0 };
  // A flag or an absent value holds no personal data, whatever its key says.
  if (v.k === 'bool' || v.k === 'null') return [leaf];
  const k = place.key !== '' ? byName(place.key, place.parentKey) : undefined;
  if (k !== undefined) leaf = { ...k, basis: 'key' };
  if (v.k === 'name') {
    const n = byName(v.name, v.parent);
    // A hash of a named value (`email_hash: sha256(user.email)`) is reported as what was hashed.
    if (n !== undefined)
      leaf = form === 'hashed' ? { ...n, basis: 'name' } : better(leaf, { ...n, basis: 'name' });
  }
  const extra: Leaf[] = [];
  if (v.k === 'str' && v.value.length > 0 && form === 'raw') {
    for (const f of literalDetector.field(v.value, place.key, place.parentKey)) {
      if (f.confidence < MIN_CONFIDENCE) continue;
      extra.push({ category: f.category, confidence: f.confidence, basis: 'literal' });
    }
  }
  if (leaf.category === undefined && extra.length === 0 && place.fallback !== undefined) {
    leaf = { category: place.fallback, confidence: 0.6, basis: 'sink' };
  }
  return [leaf, ...extra];
}

/** Literal text is not repeated in reports when it holds a secret or personal data. */
function shown(v: Val, leaves: readonly Leaf[]): string {
  if (v.k === 'str' && leaves.some((l) => l.basis === 'literal')) return '"<redacted literal>"';
  return clip(textOf(v));
}

function leafFlows(v: Val, place: Place, form: 'raw' | 'hashed', out: FlowSet): void {
  const leaves = classifyLeaf(v, place, form);
  const expr = shown(v, leaves);
  for (const l of leaves) {
    if (l.category === undefined && leaves.length > 1) continue;
    out.flows.push({
      path: place.path,
      ...(l.category !== undefined ? { category: l.category } : {}),
      confidence: l.confidence,
      ...(l.basis !== undefined ? { basis: l.basis } : {}),
      form,
      type: typeOf(v),
      expr,
      at: v.at,
    });
  }
}

function walk(v: Val, place: Place, form: 'raw' | 'hashed', depth: number, out: FlowSet): void {
  if (depth > MAX_DEPTH) return;
  switch (v.k) {
    case 'obj': {
      // An object where one value was expected (`identify({...})`) is walked the same way:
      // its keys land below the value's path.
      for (const p of v.props) {
        if (p.key === undefined) {
          walk(
            p.value,
            { ...place, path: join(place.path, '*'), key: '', parentKey: place.key },
            form,
            depth + 1,
            out,
          );
          continue;
        }
        const child: Place = {
          path: join(place.path, p.key),
          key: p.key,
          parentKey: place.key,
          role: 'value',
        };
        walk(p.value, child, form, depth + 1, out);
      }
      for (const s of v.spreads) walk(s, { ...place, role: 'fields' }, form, depth + 1, out);
      if (v.props.length === 0 && v.spreads.length === 0 && place.role === 'value') {
        leafFlows(v, place, form, out);
      }
      return;
    }
    case 'arr':
      for (const item of v.items) {
        walk(item, { ...place, path: join(place.path, '*') }, form, depth + 1, out);
      }
      if (v.items.length === 0) leafFlows(v, place, form, out);
      return;
    case 'union':
      for (const o of v.options) walk(o, place, form, depth + 1, out);
      return;
    case 'hash':
      walk(v.inner, place, 'hashed', depth + 1, out);
      return;
    case 'concat': {
      const before = out.flows.length;
      for (const part of v.parts) {
        if (part.k === 'str') continue;
        walk(part, place, form, depth + 1, out);
      }
      const literal = v.parts
        .filter((p): p is Extract<Val, { k: 'str' }> => p.k === 'str')
        .map((p) => p.value)
        .join(' ');
      const text: Val = { k: 'str', value: literal, at: v.at };
      const leaves =
        literal.length > 0
          ? classifyLeaf(text, place, form).filter((l) => l.basis === 'literal')
          : [];
      for (const l of leaves) {
        out.flows.push({
          path: place.path,
          category: l.category!,
          confidence: l.confidence,
          basis: 'literal',
          form,
          type: 'string',
          expr: '"<redacted literal>"',
          at: v.at,
        });
      }
      // Flows of the parts are one string value: fix their type and text.
      for (let i = before; i < out.flows.length; i++) {
        const f = out.flows[i]!;
        out.flows[i] = {
          ...f,
          type: 'string',
          expr: f.basis === 'literal' ? f.expr : clip('`' + textOf(v) + '`'),
        };
      }
      if (out.flows.length === before) leafFlows(v, place, form, out);
      return;
    }
    case 'param':
      if (v.path.length === 0 && form === 'raw') {
        out.params.push({ index: v.index, spec: specFor(place) });
        // Also classified by its own name where the wrapper calls the SDK (`identify(email)`),
        // so a wrapper nobody calls in the scanned code still shows what it sends.
        const named: Val = {
          k: 'name',
          name: v.name ?? '',
          text: v.name ?? `<param ${v.index}>`,
          at: v.at,
        };
        // A parameter placed under a key (`{ seats }`) is a property of the call even when no
        // call site is seen; a whole parameter of properties is left to the call sites.
        const keyed = place.role === 'value' && place.key !== '';
        if (
          keyed ||
          classifyLeaf(named, place, form).some(
            (l) => l.category !== undefined && l.basis !== 'sink',
          )
        ) {
          leafFlows(named, place, form, out);
        }
        return;
      }
      leafFlows(
        {
          k: 'name',
          name: v.path[v.path.length - 1] ?? '',
          ...(v.path.length > 1
            ? { parent: v.path[v.path.length - 2]! }
            : v.name !== undefined
              ? { parent: v.name }
              : {}),
          text: `${v.name ?? `<param ${v.index}>`}.${v.path.join('.')}`,
          at: v.at,
        },
        place,
        form,
        out,
      );
      return;
    default:
      leafFlows(v, place, form, out);
  }
}

/** The argument spec a wrapper's parameter gets from where it is used. */
function specFor(place: Place): Omit<ArgSpec, 'index' | 'keyword'> {
  if (place.role === 'fields' || place.role === 'object')
    return { role: 'fields', path: place.path };
  if (place.role === 'event-name' || place.role === 'message') return { role: place.role };
  if (place.role === 'identity' || place.role === 'group-identity')
    return { role: place.role, path: place.path };
  const dot = place.path.lastIndexOf('.');
  return { role: 'value', key: place.key, path: dot < 0 ? '' : place.path.slice(0, dot) };
}

const FALLBACK: Partial<Record<ArgSpec['role'], Category>> = {
  identity: 'user.unique_id',
  'group-identity': 'user.workplace',
};

/**
 * Flows of one argument value read under `spec`. `key` names the value for role `value`
 * (`setTag('email', x)` → key `email`).
 */
export function flowsOf(v: Val, spec: ArgSpec, key?: string): FlowSet {
  const out: FlowSet = { flows: [], params: [] };
  const base = spec.path ?? '';
  const fallback = spec.category ?? FALLBACK[spec.role];
  if (spec.role === 'value') {
    const k = key ?? spec.key ?? '';
    walk(
      v,
      {
        path: join(base, k),
        key: k,
        parentKey: lastSegment(base),
        role: 'value',
        ...(fallback ? { fallback } : {}),
      },
      'raw',
      0,
      out,
    );
    return out;
  }
  if (
    spec.role === 'fields' &&
    v.k !== 'obj' &&
    v.k !== 'param' &&
    v.k !== 'union' &&
    v.k !== 'arr'
  ) {
    // `register(props)` with `props` unresolved: a whole object of unknown keys.
    walk(
      v,
      { path: join(base, '*'), key: '', parentKey: lastSegment(base), role: 'value' },
      'raw',
      0,
      out,
    );
    return out;
  }
  walk(
    v,
    {
      path: base,
      key: lastSegment(base),
      parentKey: '',
      role: spec.role,
      ...(fallback ? { fallback } : {}),
    },
    'raw',
    0,
    out,
  );
  return out;
}

function lastSegment(path: string): string {
  return path.slice(path.lastIndexOf('.') + 1);
}

/** A literal string's value, through unions of one and concatenations of literals only. */
export function literalOf(v: Val | undefined): string | undefined {
  if (v === undefined) return undefined;
  if (v.k === 'str') return v.value;
  if (v.k === 'concat' && v.parts.every((p) => p.k === 'str')) {
    return v.parts.map((p) => (p as { value: string }).value).join('');
  }
  return undefined;
}

/** A position for values made up by the scanner. */
export const NOWHERE: Pos = { line: 0, column: 0 };
