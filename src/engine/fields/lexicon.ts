/**
 * The compiled name lexicon: every name of the name tables, normalized, in one map, plus the
 * indexes the matcher needs (which words start phrases, which CJK names match as suffixes).
 */
import { CATEGORIES } from '../categories.js';
import { JAPANESE_NAMES, EUROPEAN_NAMES } from './names-intl.js';
import { CONTACT_NAMES, PLACE_NAMES, DEVICE_NAMES, BEHAVIOR_NAMES } from './names-personal.js';
import { FINANCIAL_NAMES, HEALTH_NAMES, SECRET_NAMES, SPECIAL_NAMES } from './names-sensitive.js';
import { normalizeKey } from './normalize.js';
import type { NameGroup, Term } from './types.js';

/** A compiled lexicon. */
export interface Lexicon {
  /** Normalized name (`first_name`, `firstname`, `メールアドレス`) → term. */
  readonly terms: ReadonlyMap<string, Term>;
  /** First word of each multi-word name → the most words any such name has. */
  readonly phraseStarts: ReadonlyMap<string, number>;
  /** CJK names of 2+ characters, longest first: a CJK word ending with one matches it. */
  readonly suffixes: readonly (readonly [string, Term])[];
}

/** True for words of CJK/kana script (normalize.ts makes them words of their own). */
export function isCjkWord(word: string): boolean {
  return word.charCodeAt(0) >= 0x2e80;
}

function termOf(group: NameGroup): Term {
  if (group.category !== null && !(group.category in CATEGORIES)) {
    throw new Error(`field names: unknown category ${group.category}`);
  }
  const weak = group.weak === undefined ? undefined : new Set(group.weak);
  return { category: group.category, confidence: group.confidence, weak };
}

/**
 * Compile name groups. Throws when a category is not in CATEGORIES or a name is listed twice
 * (after normalization). Joined aliases of multi-word ASCII names (`firstname`) are added only
 * where no listed name claims the same spelling.
 */
export function buildLexicon(groups: readonly NameGroup[]): Lexicon {
  const terms = new Map<string, Term>();
  const joined: [string, Term][] = [];
  const phraseStarts = new Map<string, number>();
  for (const group of groups) {
    const term = termOf(group);
    for (const name of group.names) {
      const key = normalizeKey(name);
      if (terms.has(key)) throw new Error(`field names: "${name}" is listed twice`);
      terms.set(key, term);
      const words = key.split('_');
      if (words.length < 2) continue;
      const first = words[0] ?? '';
      phraseStarts.set(first, Math.max(phraseStarts.get(first) ?? 0, words.length));
      if (words.every((w) => !isCjkWord(w))) joined.push([words.join(''), term]);
    }
  }
  for (const [key, term] of joined) if (!terms.has(key)) terms.set(key, term);
  const suffixes = [...terms]
    .filter(([key]) => isCjkWord(key) && key.length >= 2 && !key.includes('_'))
    .sort((a, b) => b[0].length - a[0].length);
  return { terms, phraseStarts, suffixes };
}

/** Every name group Veil knows, in table order. */
export const NAME_GROUPS: readonly NameGroup[] = [
  ...CONTACT_NAMES,
  ...PLACE_NAMES,
  ...DEVICE_NAMES,
  ...BEHAVIOR_NAMES,
  ...FINANCIAL_NAMES,
  ...HEALTH_NAMES,
  ...SPECIAL_NAMES,
  ...SECRET_NAMES,
  ...JAPANESE_NAMES,
  ...EUROPEAN_NAMES,
];

/** The lexicon built from NAME_GROUPS at module load. */
export const LEXICON: Lexicon = buildLexicon(NAME_GROUPS);
