/**
 * Python string expressions as values: plain and implicitly concatenated literals, f-strings
 * (their interpolations become parts of a `concat`), and `%` / `str.format` templates filled
 * with values.
 */
import type { Node } from 'web-tree-sitter';
import type { Pos, Val } from '../types.js';
import { capped, joinedText, MAX_ITEMS } from './bounds.js';
import { contentText, isRaw, kids } from './context.js';
import { posOf } from './parser.js';

/** Reads a sub-expression (values.ts passes its `valueOf`). */
export type Read = (node: Node) => Val;

/** Adjacent literal parts merged; a single literal part is that literal. */
export function joinParts(parts: readonly Val[], at: Pos): Val {
  const out: Val[] = [];
  for (const p of parts) {
    const prev = out[out.length - 1];
    if (out.length >= MAX_ITEMS) break;
    if (p.k === 'str' && prev?.k === 'str')
      out[out.length - 1] = { k: 'str', value: joinedText(prev.value, p.value), at: prev.at };
    else if (p.k === 'concat') out.push(...capped([...p.parts]));
    else out.push(p);
  }
  if (out.length === 1 && out[0]!.k === 'str') return { ...out[0]!, at };
  if (out.length === 0) return { k: 'str', value: '', at };
  return { k: 'concat', parts: out, at };
}

/** A `string` node: a literal, or an f-string's parts. */
export function stringVal(node: Node, read: Read): Val {
  const at = posOf(node);
  const parts: Val[] = [];
  const raw = isRaw(node);
  for (const c of kids(node)) {
    if (c.type === 'string_content') parts.push({ k: 'str', value: contentText(c, raw), at });
    else if (c.type === 'interpolation') {
      const e = c.childForFieldName('expression');
      if (e !== null) parts.push(read(e));
    }
  }
  return joinParts(parts, at);
}

/** `'a' 'b'` and `f'{x}' 'y'`: one value. */
export function concatenatedVal(node: Node, read: Read): Val {
  return joinParts(
    kids(node).map((c) => (c.type === 'string' ? stringVal(c, read) : read(c))),
    posOf(node),
  );
}

/** Literal pieces of a template between its fields, and each field's text. */
function split(template: string, field: RegExp): { pieces: string[]; fields: string[] } {
  const pieces: string[] = [];
  const fields: string[] = [];
  let last = 0;
  for (const m of template.matchAll(field)) {
    pieces.push(template.slice(last, m.index));
    fields.push(m[1] ?? '');
    last = m.index + m[0].length;
  }
  pieces.push(template.slice(last));
  return { pieces, fields };
}

function interleave(
  pieces: readonly string[],
  values: readonly (Val | undefined)[],
  at: Pos,
  extra: readonly Val[],
): Val {
  const parts: Val[] = [];
  pieces.forEach((p, i) => {
    if (p !== '') parts.push({ k: 'str', value: p, at });
    const v = values[i];
    if (i < pieces.length - 1 && v !== undefined) parts.push(v);
  });
  return joinParts([...parts, ...extra], at);
}

const PERCENT = /%(?:\(([^)]*)\))?[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[diouxXeEfFgGcrsab]/g;

/** `template % values`: `values` a tuple's items, a dict's values by name, or one value. */
export function percentVal(template: string, values: Val, at: Pos): Val {
  const { pieces, fields } = split(template.replace(/%%/g, '\u0000'), PERCENT);
  const restored = pieces.map((p) => p.replace(/\u0000/g, '%'));
  let filled: (Val | undefined)[];
  let extra: Val[] = [];
  if (values.k === 'arr') filled = fields.map((_, i) => values.items[i]);
  else if (values.k === 'obj') {
    filled = fields.map((f) => values.props.find((p) => p.key === f)?.value);
    extra = [...values.spreads];
  } else filled = fields.map((_, i) => (i === 0 ? values : undefined));
  return interleave(restored, filled, at, extra);
}

const BRACES = /\{([^{}]*)\}/g;

/** `template.format(*positional, **keywords)`. */
export function formatVal(
  template: string,
  positional: readonly Val[],
  keywords: ReadonlyMap<string, Val>,
  at: Pos,
): Val {
  const { pieces, fields } = split(
    template.replace(/\{\{/g, '\u0001').replace(/\}\}/g, '\u0002'),
    BRACES,
  );
  const restored = pieces.map((p) => p.replace(/\u0001/g, '{').replace(/\u0002/g, '}'));
  let auto = 0;
  const filled = fields.map((f) => {
    const name = /^[^.[!:]*/.exec(f)?.[0] ?? '';
    if (name === '') return positional[auto++];
    if (/^\d+$/.test(name)) return positional[Number(name)];
    return keywords.get(name);
  });
  return interleave(restored, filled, at, []);
}
