/**
 * Risky SDK settings: a configuration rule fires when every condition holds on the options a
 * call is given. Values the scanner cannot see (a variable it could not resolve, a spread of
 * unknown keys) make a condition unknown, and an unknown condition never fires a rule.
 */
import type { Args, Val } from '../types.js';
import type { Condition, ConfigRule } from '../vendors/types.js';

type Lit = string | number | boolean | null;

/** `found`: the key exists with this value (undefined: not a literal); `missing`; `unknown`. */
type Lookup = { s: 'found'; lit: Lit | undefined } | { s: 'missing' } | { s: 'unknown' };

function literal(v: Val): Lit | undefined {
  switch (v.k) {
    case 'str':
      return v.value;
    case 'num':
    case 'bool':
      return v.value ?? undefined;
    case 'null':
      return null;
    default:
      return undefined;
  }
}

function lookup(root: Val | undefined, path: readonly string[]): Lookup {
  let cur: Val | undefined = root;
  for (const seg of path) {
    if (cur === undefined) return { s: 'missing' };
    if (cur.k !== 'obj')
      return cur.k === 'bool' || cur.k === 'num' || cur.k === 'str' || cur.k === 'null'
        ? { s: 'missing' }
        : { s: 'unknown' };
    // The last write wins, as in the language: `{a: 1, ...rest, a: 2}`.
    let next: Val | undefined;
    for (const p of cur.props) if (p.key === seg) next = p.value;
    if (next === undefined) {
      if (cur.spreads.length > 0 || cur.props.some((p) => p.key === undefined))
        return { s: 'unknown' };
      return { s: 'missing' };
    }
    cur = next;
  }
  return cur === undefined ? { s: 'missing' } : { s: 'found', lit: literal(cur) };
}

function holds(c: Condition, options: Val | undefined): boolean {
  const r = lookup(options, c.path.split('.'));
  if (r.s === 'unknown') return false;
  if (c.absent) return r.s === 'missing';
  if (c.present) return r.s === 'found';
  if (c.in !== undefined) return r.s === 'found' && r.lit !== undefined && c.in.includes(r.lit);
  if (c.notIn !== undefined) {
    if (r.s === 'missing') return true;
    return r.lit !== undefined && !c.notIn.includes(r.lit);
  }
  return false;
}

/** The options object a rule reads: a positional argument, or Python's keyword arguments. */
function optionsOf(rule: ConfigRule, args: Args): Val | undefined {
  if (rule.keywords) {
    return {
      k: 'obj',
      props: [...args.keywords].map(([key, value]) => ({ key, value, at: value.at })),
      spreads: args.spread ? [{ k: 'unknown', text: '**kwargs', at: { line: 0, column: 0 } }] : [],
      at: { line: 0, column: 0 },
    };
  }
  return args.positional[rule.arg];
}

/** The rules that fire on a configuration call. */
export function firedRules(rules: readonly ConfigRule[], args: Args): ConfigRule[] {
  const out: ConfigRule[] = [];
  for (const rule of rules) {
    if (rule.command !== undefined) {
      const v = args.positional[rule.command.arg];
      if (v?.k !== 'str' || !rule.command.equals.includes(v.value)) continue;
    }
    const options = optionsOf(rule, args);
    if (options === undefined && !rule.keywords) {
      // No options at all: every key is absent, which is what absent/notIn conditions ask about.
      if (rule.when.every((c) => c.absent === true || c.notIn !== undefined)) out.push(rule);
      continue;
    }
    if (rule.when.every((c) => holds(c, options))) out.push(rule);
  }
  return out;
}
