/**
 * Hard-coded credentials in SDK setup calls (`Posthog("phc_…")` holds a public project key, a
 * personal API key or `secret=` does not): string literals given to an SDK call that is not a
 * sink are scanned by the detection engine for secrets. Both front ends call this with the Vals
 * they read.
 */
import { isUnderAny } from '../../engine/categories.js';
import { literalDetector } from './literal-detector.js';
import type { ConfigHit } from '../core/findings.js';
import type { Ref } from '../core/registry.js';
import type { Args, Pos, Val } from '../types.js';
import type { ConfigRule } from '../vendors/types.js';

const SECRET_CATEGORIES = ['system.authentication', 'user.authorization'];
/** Nested dicts followed into. */
const MAX_DEPTH = 3;

function rule(kind: string): ConfigRule {
  return {
    id: 'hard-coded-secret',
    arg: 0,
    when: [],
    severity: 'error',
    message: `A credential (${kind}) is written in the source of an SDK call; load it from the environment or a secret store, and rotate it.`,
  };
}

interface Literal {
  readonly text: string;
  readonly key: string;
  readonly at: Pos;
}

function literals(v: Val, key: string, out: Literal[], depth: number): void {
  if (v.k === 'str') out.push({ text: v.value, key, at: v.at });
  else if (v.k === 'obj' && depth < MAX_DEPTH) {
    for (const p of v.props) literals(p.value, p.key ?? '', out, depth + 1);
  }
}

/** Secrets among the literal arguments (positional, keyword, in dicts) of a non-sink SDK call. */
export function secretsIn(args: Args, ref: Ref, file: string): ConfigHit[] {
  const found: Literal[] = [];
  for (const a of args.positional) literals(a, '', found, 0);
  for (const [key, a] of args.keywords) literals(a, key, found, 0);
  const hits: ConfigHit[] = [];
  for (const lit of found) {
    for (const f of literalDetector.field(lit.text, lit.key, '')) {
      if (f.confidence < 0.5 || !isUnderAny(f.category, SECRET_CATEGORIES)) continue;
      if (ref.vendor.publicKeys?.includes(f.kind)) continue;
      hits.push({ vendor: ref.vendor.id, call: ref.text, rule: rule(f.kind), file, at: lit.at });
      break;
    }
  }
  return hits;
}
