/**
 * Token families derived from the rule set: every positive example that names its `match` becomes a
 * family, and fresh tokens are made by mutating the match character by character within its class
 * (digit→digit, lower→lower, upper→upper), keeping the rule's keywords and all punctuation. Each
 * fresh token is checked against its own rule; formats that a mutation cannot satisfy (checksums,
 * structured headers) fall back to milder mutations and finally to the example itself.
 */
import { classifyKey } from '../../engine/context.js';
import { createScanner, type Match, type Scanner } from '../../engine/scanner.js';
import type { Category, Rule, ScanContext } from '../../engine/types.js';
import { ALPHABET, createRng, type Rng } from './prng.js';
import type { Item } from './item.js';

/** One rule example turned into a token generator. */
export interface TokenFamily {
  readonly kind: string;
  readonly ruleId: string;
  readonly category: Category;
  /** The example's match: the template every fresh token is mutated from. */
  readonly template: string;
  /** Example text around the match; used only when `needsContext`. */
  readonly before: string;
  readonly after: string;
  readonly key: string | undefined;
  /** True when the token alone (no surrounding text, no field name) is not reported by its rule. */
  readonly needsContext: boolean;
  /** True when even the example text is not reported without the example's field name. */
  readonly needsKey: boolean;
  /** Per template character: true when it is kept (keyword, punctuation, literal structure). */
  readonly keep: readonly boolean[];
  /** Alphabets lower- and upper-case characters are drawn from (hex when the template is hex). */
  readonly alphabets: Alphabets;
  /** False when no mutation passes the rule: the example token is reused verbatim. */
  readonly fresh: boolean;
  readonly scanner: Scanner;
}

interface Alphabets {
  readonly lower: string;
  readonly upper: string;
}

const TRIES = 12;

function isAlnumChar(c: string): boolean {
  return /^[A-Za-z0-9]$/.test(c);
}

/**
 * Kept characters before probing: punctuation, every occurrence of a rule keyword, the character
 * after a backslash (`\n` in PEM examples), percent escapes (`%2B`), and letter-only words next to a space, line break or colon
 * (`RSA PRIVATE KEY`, `Encryption:`).
 */
function baseMask(rule: Rule, template: string): boolean[] {
  const keep = [...template].map(
    (c, i) =>
      !isAlnumChar(c) ||
      template[i - 1] === '\\' ||
      template[i - 1] === '%' ||
      template[i - 2] === '%',
  );
  for (const m of template.matchAll(/[A-Za-z]+/g)) {
    const end = m.index + m[0].length;
    const before = template[m.index - 1] ?? '';
    const after = template[end] ?? '';
    if (/\s/.test(before) || after === ' ' || after === ':') {
      for (let i = m.index; i < end; i++) keep[i] = true;
    }
  }
  const lower = template.toLowerCase();
  for (const kw of rule.keywords ?? []) {
    const k = kw.toLowerCase();
    for (let at = lower.indexOf(k); k.length > 0 && at >= 0; at = lower.indexOf(k, at + 1)) {
      for (let i = at; i < at + k.length && i < keep.length; i++) keep[i] = true;
    }
  }
  return keep;
}

/** Same-class alphabets, narrowed to hex when every mutable letter of the template is a hex digit. */
function alphabetsOf(template: string, keep: readonly boolean[]): Alphabets {
  const mutable = [...template].filter((_, i) => keep[i] !== true).join('');
  return {
    lower: /[g-z]/.test(mutable) ? ALPHABET.lower : 'abcdef',
    upper: /[G-Z]/.test(mutable) ? ALPHABET.upper : 'ABCDEF',
  };
}

function mutate(rng: Rng, template: string, keep: readonly boolean[], a: Alphabets): string {
  let out = '';
  for (let i = 0; i < template.length; i++) {
    const c = template[i]!;
    if (keep[i] === true) out += c;
    else if (c >= '0' && c <= '9') out += rng.chars(ALPHABET.digit, 1);
    else if (c >= 'a' && c <= 'z') out += rng.chars(a.lower, 1);
    else if (c >= 'A' && c <= 'Z') out += rng.chars(a.upper, 1);
    else out += c;
  }
  return out;
}

function reports(
  scanner: Scanner,
  text: string,
  ctx: ScanContext,
  kind: string,
  start: number,
  end: number,
): boolean {
  const out: Match[] = [];
  scanner.scan(text, ctx, out);
  return out.some((m) => m.kind === kind && m.start === start && m.end === end);
}

/** True when `token`, in the family's example context, is reported by the family's rule. */
export function isValidToken(f: TokenFamily, token: string): boolean {
  const ctx = classifyKey(f.key ?? '');
  return reports(
    f.scanner,
    f.before + token + f.after,
    ctx,
    f.kind,
    f.before.length,
    f.before.length + token.length,
  );
}

function hashString(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** True when at least half of `TRIES` tokens mutated under `keep` are valid. */
function passes(rng: Rng, f: TokenFamily, keep: readonly boolean[], a: Alphabets): boolean {
  let ok = 0;
  for (let i = 0; i < TRIES; i++) if (isValidToken(f, mutate(rng, f.template, keep, a))) ok++;
  return ok >= TRIES / 2;
}

/**
 * Literal structure the rule needs (a fixed `AA` suffix, segment prefixes, a JWT header): every
 * position where changing that one character makes the token invalid is kept.
 */
function probeMask(rng: Rng, f: TokenFamily, keep: readonly boolean[], a: Alphabets): boolean[] {
  const out = [...keep];
  for (let i = 0; i < f.template.length; i++) {
    if (keep[i] === true) continue;
    const one = keep.map((_, j) => j !== i);
    for (let t = 0; t < 2 && out[i] !== true; t++) {
      const token = mutate(rng, f.template, one, a);
      if (token !== f.template && !isValidToken(f, token)) out[i] = true;
    }
  }
  return out;
}

function family(
  rule: Rule,
  scanner: Scanner,
  text: string,
  match: string,
  kind: string,
  key: string | undefined,
): TokenFamily | undefined {
  const at = text.indexOf(match);
  if (at < 0) return undefined;
  const base = baseMask(rule, match);
  const probe: TokenFamily = {
    kind,
    ruleId: rule.id,
    category: rule.category,
    template: match,
    before: text.slice(0, at),
    after: text.slice(at + match.length),
    key,
    needsContext: false,
    needsKey: false,
    keep: base,
    alphabets: alphabetsOf(match, base),
    fresh: false,
    scanner,
  };
  if (!isValidToken(probe, match)) return undefined;
  const needsContext = !reports(scanner, match, classifyKey(''), kind, 0, match.length);
  const needsKey = !reports(scanner, text, classifyKey(''), kind, at, at + match.length);
  // A token planted without its example's text must be valid without it: a rule that reads some
  // values alone and others only after a word (a Korean RRN with or without its old check digit)
  // is probed the way its tokens are planted.
  const known = needsContext
    ? { ...probe, needsContext, needsKey }
    : { ...probe, before: '', after: '', needsContext, needsKey };
  // Probe with a generator of its own so the corpus stream does not depend on probing.
  const rng = createRng(hashString(rule.id + '\u0000' + match));
  const a = probe.alphabets;
  if (passes(rng, known, base, a)) return { ...known, fresh: true };
  const probed = probeMask(rng, known, base, a);
  if (passes(rng, known, probed, a)) return { ...known, keep: probed, fresh: true };
  // Interacting positions (checksums over a part): keep the first half as well.
  const half = probed.map((k, i) => k || i < match.length / 2);
  if (passes(rng, known, half, a)) return { ...known, keep: half, fresh: true };
  return known;
}

/**
 * Every family the rules provide, skipping rules whose id is in `skip` (kinds that have a
 * structured generator). Examples without `match`, or whose match the rule does not report in its
 * own example text, are skipped.
 */
export function tokenFamilies(rules: readonly Rule[], skip: ReadonlySet<string>): TokenFamily[] {
  const out: TokenFamily[] = [];
  for (const rule of rules) {
    if (skip.has(rule.id)) continue;
    const scanner = createScanner([rule]);
    for (const ex of rule.examples.positive) {
      if (typeof ex === 'string' || ex.match === undefined) continue;
      const kind = ex.kind ?? rule.id;
      if (skip.has(kind)) continue;
      const f = family(rule, scanner, ex.text, ex.match, kind, ex.key);
      if (f !== undefined) out.push(f);
    }
  }
  return out;
}

/** A fresh token of the family (the template itself when no mutation passes), as a plantable item. */
export function freshItem(rng: Rng, f: TokenFamily): Item {
  let token = f.template;
  if (f.fresh) {
    for (let i = 0; i < TRIES; i++) {
      const t = mutate(rng, f.template, f.keep, f.alphabets);
      if (isValidToken(f, t)) {
        token = t;
        break;
      }
    }
  }
  const ctx = f.needsContext;
  return {
    kind: f.kind,
    value: token,
    before: ctx ? f.before : '',
    after: ctx ? f.after : '',
    ...(f.key !== undefined ? { key: f.key } : {}),
    ...(f.needsKey ? { needsKey: true } : {}),
  };
}
