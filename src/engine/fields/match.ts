/**
 * Matching a normalized word sequence against the lexicon.
 *
 * 1. Scan left to right; at each word take the longest known name starting there (phrases
 *    first: `email_address` before `email`), else a generic head (`user_id`), else nothing.
 * 2. The LAST name found is the head: English compounds are head-final (`ip_country` is a
 *    country, `billing_address_city` a city).
 * 3. Qualifiers around the head decide whether the key holds the data or describes it
 *    (`email_verified`, `has_email`, `max_tokens`), or holds a hash of it (`email_sha256`).
 */
import type { Category } from '../types.js';
import { LEXICON, isCjkWord } from './lexicon.js';
import type { FieldClass, Kind, Term } from './types.js';
import {
  CREDENTIAL_QUALIFIERS,
  HASH_WORDS,
  HEADS,
  HEAD_SUFFIXES,
  HEAD_WORDS,
  MODIFIERS,
  MODIFIER_KINDS,
  NEUTRAL_WORDS,
  NEVER_FIRST,
  POST_QUALIFIERS,
  PRE_QUALIFIERS,
  UNKNOWN_TRAILING_FACTOR,
} from './words.js';

/** A name found at words[start, end). */
interface Match {
  readonly start: number;
  readonly end: number;
  readonly found: Term | FieldClass;
}

const { terms, phraseStarts, suffixes } = LEXICON;

/**
 * Weak names count only right after a context word (`billing_state`) or at the start of the key,
 * never after other words (`app_state`). Looking at one word keeps matching linear.
 */
function weakOk(term: Term, words: readonly string[], at: number): boolean {
  if (term.weak === undefined || at === 0) return true;
  const before = words[at - 1] ?? '';
  return MODIFIERS.has(before) || term.weak.has(before);
}

function isDigits(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return word.length > 0;
}

/** Exact name, CJK suffix name, or either after stripping trailing digits (`email2`, `住所1`). */
function lookupWord(word: string): Term | undefined {
  const exact = terms.get(word);
  if (exact !== undefined) return exact;
  if (isCjkWord(word)) {
    for (const [suffix, term] of suffixes) if (word.endsWith(suffix)) return term;
  }
  let end = word.length;
  while (end > 0 && isDigits(word.charAt(end - 1))) end--;
  return end >= 2 && end < word.length ? lookupWord(word.slice(0, end)) : undefined;
}

/**
 * `created_by_id`, `approved_by_name`, `assigned_to_id`: a head after `by` (or `assigned to`)
 * that follows a past participle names the person who did it. (`sort_by_id` does not.)
 */
function byWhom(words: readonly string[], i: number): Kind | undefined {
  const prep = words[i - 1];
  const verb = words[i - 2] ?? '';
  if (prep === 'by') return verb.length > 3 && verb.endsWith('ed') ? 'person' : undefined;
  return prep === 'to' && verb === 'assigned' ? 'person' : undefined;
}

/** A generic head (`id`, `name`, `number`) decided by the word before it or by the parent. */
function headAt(
  words: readonly string[],
  i: number,
  parentKind: Kind | undefined,
): Match | undefined {
  const word = words[i] ?? '';
  const head = HEAD_WORDS.get(word);
  if (head !== undefined) {
    const kind = i > 0 ? (MODIFIER_KINDS.get(words[i - 1] ?? '') ?? byWhom(words, i)) : parentKind;
    const cls = kind === undefined ? undefined : HEADS.get(head)?.[kind];
    return cls && { start: i, end: i + 1, found: cls };
  }
  for (const suffix of HEAD_SUFFIXES) {
    if (word.length <= suffix.length || !word.endsWith(suffix)) continue;
    const kind = MODIFIER_KINDS.get(word.slice(0, word.length - suffix.length));
    const cls = kind === undefined ? undefined : HEADS.get(suffix)?.[kind];
    if (cls) return { start: i, end: i + 1, found: cls };
  }
  return undefined;
}

/** The longest multi-word name starting at words[i] (keys built by appending: no joins). */
function phraseAt(words: readonly string[], i: number): Match | undefined {
  const longest = Math.min(phraseStarts.get(words[i] ?? '') ?? 0, words.length - i);
  let key = words[i] ?? '';
  let best: Match | undefined;
  for (let len = 2; len <= longest; len++) {
    key += '_' + (words[i + len - 1] ?? '');
    const term = terms.get(key);
    if (term !== undefined && weakOk(term, words, i)) {
      best = { start: i, end: i + len, found: term };
    }
  }
  return best;
}

function matchAt(
  words: readonly string[],
  i: number,
  parentKind: Kind | undefined,
): Match | undefined {
  const phrase = phraseAt(words, i);
  if (phrase !== undefined) return phrase;
  const term = lookupWord(words[i] ?? '');
  if (term !== undefined && weakOk(term, words, i)) return { start: i, end: i + 1, found: term };
  return headAt(words, i, parentKind);
}

/**
 * Whether what a key says *about* the data still reveals it: `is_pregnant`, `has_allergies`,
 * `diagnosis_date` and `symptoms_count` tell a health fact as surely as the diagnosis itself, so
 * qualifiers do not turn health data into metadata (hashing still makes it pseudonymous).
 */
function qualifiersReveal(category: Category): boolean {
  return category.startsWith('user.health_and_medical');
}

/**
 * Words naming part of a value (`ssn_last4`). A card's last four digits are not the card (PCI
 * DSS allows showing them), but the last four of a national id still identify a person (they
 * are what US services ask to verify identity), so they do not turn a government id into
 * metadata.
 */
const PARTIAL_WORDS: ReadonlySet<string> = new Set(['last4', 'four', 'digits']);

function isPartOfId(category: Category, word: string): boolean {
  return category.startsWith('user.government_id') && PARTIAL_WORDS.has(word);
}

function isCredential(category: Category): boolean {
  return category.startsWith('user.authorization') || category.startsWith('system.authentication');
}

/** Apply qualifiers around the head; undefined when the key describes the data. */
function qualify(
  words: readonly string[],
  head: Match,
  category: Category,
): FieldClass | undefined {
  let factor = 1;
  let hashed = false;
  const revealing = qualifiersReveal(category);
  for (let j = 0; j < words.length; j++) {
    if (j >= head.start && j < head.end) continue;
    const w = words[j] ?? '';
    if (HASH_WORDS.has(w)) hashed = true;
    else if (j < head.start) {
      if (PRE_QUALIFIERS.has(w) && !revealing) return undefined;
    } else if (POST_QUALIFIERS.has(w) || (isCredential(category) && CREDENTIAL_QUALIFIERS.has(w))) {
      if (!revealing && !isPartOfId(category, w)) return undefined;
    } else if (!NEUTRAL_WORDS.has(w) && !isDigits(w)) factor = UNKNOWN_TRAILING_FACTOR;
  }
  const confidence = Math.round(head.found.confidence * factor * 100) / 100;
  // A hash still singles out one person; a hashed credential can still be cracked offline.
  const pseudonymous = hashed && !isCredential(category);
  return { category: pseudonymous ? 'user.unique_id.pseudonymous' : category, confidence };
}

/**
 * Classify a normalized key split into words. `parentKind` decides a lone generic head
 * (`id`, `name` inside `traits`). Returns undefined when no sensitive name is found, when the
 * last name found is a known non-sensitive one (`image_url`), or when a qualifier says the key
 * describes the data rather than holding it.
 */
export function classifyWords(
  words: readonly string[],
  parentKind: Kind | undefined,
): FieldClass | undefined {
  if (words.length === 0 || NEVER_FIRST.has(words[0] ?? '')) return undefined;
  let head: Match | undefined;
  for (let i = 0; i < words.length;) {
    const m = matchAt(words, i, parentKind);
    if (m === undefined) i++;
    else {
      head = m;
      i = m.end;
    }
  }
  const category = head?.found.category;
  if (head === undefined || category === null || category === undefined) return undefined;
  return qualify(words, head, category);
}
