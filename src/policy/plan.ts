/**
 * A policy compiled once: rule matchers, the category table, strict-mode allow list. Per-field
 * work is lookups and precompiled matchers only.
 */
import type { Action, Policy, PolicyRule } from '../config/policy.js';
import { isUnder } from '../engine/categories.js';
import type { PathSegment } from '../engine/path.js';
import type { Category, Finding } from '../engine/types.js';
import { defaultAction, isSecretCategory, type DefaultAction } from './defaults.js';
import { compilePath, compilePrefix, matchesAny, type PathMatcher } from './paths.js';

/** A compiled policy. */
export interface Plan {
  /**
   * The first user rule matching the field (by category, path and event name), if any.
   * `findings` is called only when a rule's categories did not match the field's own ones, so
   * a field whose value is replaced as a whole need not be scanned.
   */
  ruleFor(
    fieldCategories: readonly Category[],
    findings: () => readonly Finding[],
    segs: readonly PathSegment[],
    event: string,
  ): PolicyRule | undefined;
  /** What the policy does with a field of `category` when no rule matched. */
  defaultFor(category: Category): DefaultAction;
  /** True when value matches of `category` inside a kept string are redacted. */
  redactsInText(category: Category): boolean;
  /** Strict mode: the field is on the allow list. */
  allowed(segs: readonly PathSegment[]): boolean;
  /** Strict mode: some allowed field may lie below `segs`. */
  mayContainAllowed(segs: readonly PathSegment[]): boolean;
  /** A rule drops every event with this name. */
  dropsEvent(event: string): boolean;
  /**
   * True when no field rule matches by path or by event name: the rule for a field then
   * depends only on its categories and its value's findings.
   */
  readonly matchesByValue: boolean;
}

interface CompiledRule {
  readonly rule: PolicyRule;
  readonly categories?: readonly Category[];
  readonly paths?: readonly PathMatcher[];
  readonly events?: ReadonlySet<string>;
}

function categoriesMatch(
  wanted: readonly Category[],
  fieldCats: readonly Category[],
  findings: () => readonly Finding[],
  minConf: number,
): boolean {
  for (const c of fieldCats) for (const w of wanted) if (isUnder(c, w)) return true;
  for (const f of findings()) {
    if (f.confidence < minConf || f.kind === 'unscanned') continue;
    for (const w of wanted) if (isUnder(f.category, w)) return true;
  }
  return false;
}

/** Compile a validated policy. */
export function compilePlan(policy: Policy): Plan {
  const rules: CompiledRule[] = policy.rules.map((rule) => ({
    rule,
    ...(rule.match.categories ? { categories: rule.match.categories } : {}),
    ...(rule.match.paths ? { paths: rule.match.paths.map(compilePath) } : {}),
    ...(rule.match.events ? { events: new Set(rule.match.events) } : {}),
  }));
  const eventDrops = rules.filter(
    (r) => r.rule.action === 'drop' && r.events && !r.categories && !r.paths,
  );
  const fieldRules = rules.filter((r) => !eventDrops.includes(r));
  const allow = policy.allow.map(compilePath);
  const allowPrefix = policy.allow.map(compilePrefix);
  const safe = policy.extends === 'safe';
  const minConf = policy.min_confidence;
  // Categories a rule keeps everywhere (a category-only `keep` rule): the destination is meant
  // to receive them, so they are not redacted inside other kept text either.
  const keptEverywhere = rules
    .filter((r) => r.rule.action === 'keep' && r.categories && !r.paths && !r.events)
    .flatMap((r) => r.categories!);
  return {
    ruleFor(fieldCats, findings, segs, event) {
      for (const r of fieldRules) {
        if (r.events && !r.events.has(event)) continue;
        if (r.paths && !matchesAny(r.paths, segs)) continue;
        if (r.categories && !categoriesMatch(r.categories, fieldCats, findings, minConf)) continue;
        return r.rule;
      }
      return undefined;
    },
    defaultFor(category) {
      if (safe) return defaultAction(category);
      // extends: none: only the rules decide — except that credentials are never sent.
      return isSecretCategory(category) ? 'drop' : 'keep';
    },
    redactsInText(category) {
      if (isSecretCategory(category)) return true;
      if (keptEverywhere.some((k) => isUnder(category, k))) return false;
      return safe && defaultAction(category) !== 'keep';
    },
    allowed: (segs) => matchesAny(allow, segs),
    mayContainAllowed: (segs) => matchesAny(allowPrefix, segs),
    dropsEvent: (event) => eventDrops.some((r) => r.events!.has(event)),
    matchesByValue: fieldRules.every((r) => r.paths === undefined && r.events === undefined),
  };
}

/** Every action name a rule may carry. */
export type { Action };
