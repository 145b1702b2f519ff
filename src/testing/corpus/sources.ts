/**
 * The kinds a corpus plants, resolved against a rule set: structured PII generators (labelled with
 * the rule id that covers them, when the rule set has one) and token families from every other rule
 * example that names its `match`.
 */
import type { Rule } from '../../engine/types.js';
import { freshItem, tokenFamilies, type TokenFamily } from './families.js';
import type { Item, StructuredKind } from './item.js';
import { contactKinds } from './pii-contact.js';
import { financialKinds } from './pii-financial.js';
import { idKinds } from './pii-ids.js';
import { locationKinds } from './pii-location.js';
import type { Rng } from './prng.js';
import type { FamilyInfo } from './types.js';

/** Every structured PII generator. */
export const STRUCTURED_KINDS: readonly StructuredKind[] = [
  ...contactKinds,
  ...financialKinds,
  ...idKinds,
  ...locationKinds,
];

/** A plantable kind: draws one item per call. */
export interface Source {
  readonly kind: string;
  make(rng: Rng): Item;
}

/** The rule id a structured kind is labelled with: the first of its names that is a rule id, else its own name. */
function resolve(s: StructuredKind, ids: ReadonlySet<string>): string {
  return [s.kind, ...s.aliases].find((id) => ids.has(id)) ?? s.kind;
}

/** Sources for `rules`, structured ones first, then one per family kind (in rule order). */
export function createSources(rules: readonly Rule[]): {
  sources: Source[];
  families: FamilyInfo[];
} {
  const ids = new Set<string>();
  for (const r of rules) for (const id of [r.id, ...(r.kinds ?? [])]) ids.add(id);
  const claimed = new Set<string>();
  const sources: Source[] = STRUCTURED_KINDS.map((s) => {
    const kind = resolve(s, ids);
    claimed.add(kind);
    return {
      kind,
      make: (rng: Rng): Item => {
        const d = s.make(rng);
        return { ...d, kind, before: d.before ?? '', after: d.after ?? '' };
      },
    };
  });
  const byKind = new Map<string, TokenFamily[]>();
  const families = tokenFamilies(rules, claimed);
  for (const f of families) {
    const list = byKind.get(f.kind) ?? [];
    list.push(f);
    byKind.set(f.kind, list);
  }
  for (const [kind, list] of byKind)
    sources.push({ kind, make: (rng) => freshItem(rng, rng.pick(list)) });
  const info = families.map((f) => ({
    kind: f.kind,
    ruleId: f.ruleId,
    category: f.category,
    fresh: f.fresh,
    needsContext: f.needsContext,
    needsKey: f.needsKey,
  }));
  return { sources, families: info };
}
