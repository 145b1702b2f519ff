/**
 * `--fail-on CATEGORY,…|config`: which findings make `veil scan` exit 1. A finding counts when
 * it is not a note, not allowed for its vendor and not hashed, and its category is under one of
 * the listed categories (parents cover children); `config` makes risky settings count too.
 */
import { isUnderAny } from '../../engine/categories.js';
import type { Category } from '../../engine/types.js';
import type { Finding } from '../types.js';

/** A parsed `--fail-on` list. */
export interface FailOn {
  readonly categories: readonly Category[];
  /** `config` was listed: configuration findings (errors and warnings) count. */
  readonly config: boolean;
}

/** Split `config` from the category names of a `--fail-on` list (names not checked here). */
export function splitFailOn(list: string): { categories: string; config: boolean } {
  const names = list.split(',').map((s) => s.trim());
  return {
    categories: names.filter((n) => n !== 'config' && n !== '').join(','),
    config: names.includes('config'),
  };
}

/** The findings `failOn` fails on, in input order. */
export function failingFindings(findings: readonly Finding[], failOn: FailOn): Finding[] {
  return findings.filter((f) => {
    if (f.severity === 'note' || f.allowed) return false;
    if (f.kind === 'config') return failOn.config;
    if (f.form === 'hashed' || f.category === undefined) return false;
    return isUnderAny(f.category, failOn.categories);
  });
}
