/**
 * Turns a rule (data) into the function the scanner calls at each of its hits.
 */
import { isUnder } from './categories.js';
import { isAlnum, isPlaceholder, shannonEntropy } from './text.js';
import type { Candidate, Hit, Rule, ScanContext } from './types.js';
import type { Match } from './scanner.js';

/** A rule ready to run: `run` appends validated matches for one hit. */
export interface CompiledRule {
  readonly rule: Rule;
  run(text: string, hit: Hit, ctx: ScanContext, out: Match[]): void;
  /**
   * For window rules: characters looked at on each side of a hit, and a runner over a whole
   * range, so the scanner can merge overlapping windows of repeated hits and scan each
   * character once per rule (keeps `pwd=pwd=pwd=…` linear with a small constant).
   */
  readonly window?: number;
  /**
   * Estimated characters one attempt may examine (the sum of the pattern's quantifier bounds,
   * or a fixed estimate for `find` rules); the scanner charges it against its work budget.
   */
  readonly cost: number;
  runRange?(text: string, from: number, to: number, ctx: ScanContext, out: Match[]): void;
}

/** Default characters on each side of the hit for `anchor: 'window'`. */
export const DEFAULT_WINDOW = 128;

/** Cost of one `find` attempt: finders walk bounded windows of about this size. */
const FIND_COST = 128;

/** Upper bound of characters a pattern can consume: literal characters plus quantifier bounds. */
export function patternCost(re: RegExp): number {
  let cost = 16;
  for (const m of re.source.matchAll(/\{(\d{1,7})(?:,(\d{1,7}))?\}/g)) cost += Number(m[2] ?? m[1]);
  return Math.min(cost, 1 << 16);
}

/** ASCII members of a simple character class body (`A-Za-z0-9_\\-`), or undefined if not simple. */
function classMembers(body: string, fold: boolean): Set<number> | undefined {
  if (body.startsWith('^')) return undefined;
  // Units of the body, with `-` kept as -1 where it is unescaped (a range operator candidate).
  const units: number[] = [];
  for (let i = 0; i < body.length; i++) {
    let c = body.charCodeAt(i);
    if (c === 92) {
      const e = body[++i];
      if (e === undefined || /[A-Za-z0-9]/.test(e)) return undefined; // \d, \w, \u…: not simple
      c = e.charCodeAt(0);
    } else if (c === 45) c = -1;
    if (c >= 128) return undefined;
    units.push(c);
  }
  const set = new Set<number>();
  for (let i = 0; i < units.length; i++) {
    const lo = units[i]!;
    if (lo !== -1 && units[i + 1] === -1 && i + 2 < units.length && units[i + 2] !== -1) {
      const hi = units[i + 2]!;
      if (hi < lo) return undefined;
      for (let c = lo; c <= hi; c++) set.add(c);
      i += 2;
    } else set.add(lo === -1 ? 45 : lo);
  }
  if (fold) {
    for (const c of [...set]) {
      if (c >= 65 && c <= 90) set.add(c + 32);
      if (c >= 97 && c <= 122) set.add(c - 32);
    }
  }
  return set;
}

const TAIL = /\[((?:[^\]\\]|\\.)+)\]\{(\d+),(\d+)\}\(\?!\[((?:[^\]\\]|\\.)+)\]\)$/;

/**
 * A pattern ending in `X{m,n}(?!Y)`, where every character of X is in Y, fails or matches the
 * same whatever length the greedy run backs off to: a shorter run is followed by an X, which Y
 * refuses. The backtracking that proves it costs as much again as the run. Rewritten as an atomic
 * run, `(?=(X{m,n}))\k(?!Y)` (a lookahead does not backtrack; `\k` is the new last group, so
 * the rule's own group numbers are unchanged). Other patterns are returned as they are.
 */
export function atomicTail(re: RegExp): RegExp {
  const m = TAIL.exec(re.source);
  if (m === null) return re;
  const fold = re.flags.includes('i');
  const x = classMembers(m[1]!, fold);
  const y = classMembers(m[4]!, fold);
  if (x === undefined || y === undefined) return re;
  for (const c of x) if (!y.has(c)) return re;
  const groups = new RegExp(`${re.source}|`, re.flags.replace(/[gy]/g, '')).exec('')!.length;
  const head = re.source.slice(0, m.index);
  return new RegExp(`${head}(?=([${m[1]}]{${m[2]},${m[3]}}))\\${groups}(?![${m[4]}])`, re.flags);
}

/** Throws when a rule is malformed (fail fast at startup, never per event). */
export function checkRule(rule: Rule): void {
  const where = `rule ${rule.id}`;
  if (!/^[a-z0-9_]+$/.test(rule.id)) throw new Error(`${where}: id must be snake_case`);
  if (!rule.pattern === !rule.find)
    throw new Error(`${where}: needs exactly one of pattern and find`);
  if (
    !rule.keywords?.length &&
    !rule.digits &&
    !rule.fields?.length &&
    !rule.runs &&
    !rule.nonAscii
  )
    throw new Error(`${where}: has no trigger`);
  if (rule.nonAscii && !rule.find) throw new Error(`${where}: a text trigger needs find`);
  if (rule.runs !== undefined && (!rule.pattern || rule.anchor !== 'window' || rule.near))
    throw new Error(`${where}: a base64-run trigger is for a window pattern without near`);
  if (rule.pattern) {
    const anchor = rule.anchor ?? 'keyword';
    if (anchor === 'keyword' && !rule.pattern.sticky)
      throw new Error(`${where}: keyword-anchored pattern needs the y flag`);
    if (anchor === 'window' && !rule.pattern.global)
      throw new Error(`${where}: window pattern needs the g flag`);
    if (rule.near !== undefined && anchor !== 'window')
      throw new Error(`${where}: near is for window rules`);
    if (
      /(?<!\\)[*+]|\{\d+,\}/.test(
        rule.pattern.source.replace(/\\./g, '_').replace(/\[[^\]]*\]/g, ''),
      )
    )
      throw new Error(`${where}: unbounded quantifier in pattern`);
  }
  if (
    rule.requires !== undefined &&
    (rule.requires.length !== 1 || !rule.pattern || (rule.anchor ?? 'keyword') !== 'keyword')
  )
    throw new Error(`${where}: requires is one character, for a keyword-anchored pattern`);
  if (rule.confidence <= 0 || rule.confidence > 1)
    throw new Error(`${where}: confidence must be in (0, 1]`);
  if (rule.examples.positive.length === 0)
    throw new Error(`${where}: needs at least one positive example`);
}

function wantsPlaceholderFilter(rule: Rule): boolean {
  if (rule.placeholders !== undefined) return rule.placeholders;
  return (
    isUnder(rule.category, 'system.authentication') || isUnder(rule.category, 'user.authorization')
  );
}

function withIndices(re: RegExp): RegExp {
  return re.hasIndices ? re : new RegExp(re.source, re.flags + 'd');
}

/** Compile one rule. */
export function compileRule(rule: Rule): CompiledRule {
  checkRule(rule);
  const placeholders = wantsPlaceholderFilter(rule);
  const { validate, minEntropy } = rule;
  const accept = (text: string, start: number, end: number, ctx: ScanContext): boolean => {
    if (end <= start) return false;
    if (validate === undefined && minEntropy === undefined && !placeholders) return true;
    const value = text.slice(start, end);
    if (minEntropy !== undefined && shannonEntropy(value) < minEntropy) return false;
    if (placeholders && isPlaceholder(value)) return false;
    return validate === undefined || validate(value, ctx);
  };
  const emit = (out: Match[], c: Candidate): void => {
    out.push({
      kind: c.kind ?? rule.id,
      category: rule.category,
      start: c.start,
      end: c.end,
      confidence: c.confidence ?? rule.confidence,
      normalized: false,
    });
  };
  if (rule.find) return { rule, cost: FIND_COST, run: findRunner(rule, rule.find, accept, emit) };
  const group = rule.group ?? 0;
  const re = atomicTail(group > 0 ? withIndices(rule.pattern!) : rule.pattern!);
  const cost = patternCost(rule.pattern!);
  if ((rule.anchor ?? 'keyword') === 'keyword')
    return { rule, cost, run: stickyRunner(rule, re, group, cost, accept, emit) };
  const window = rule.window ?? DEFAULT_WINDOW;
  const inRange = rangeRunner(re, group, accept, emit);
  const assigned = rule.near === 'credential' ? assignmentOf(rule.keywords ?? []) : undefined;
  const runRange: NonNullable<CompiledRule['runRange']> =
    assigned === undefined
      ? inRange
      : (text, from, to, ctx, out) => {
          const t = from === 0 && to === text.length ? text : text.slice(from, to);
          if (CREDENTIAL_WORD.test(t) || assigned.test(t)) inRange(text, from, to, ctx, out);
        };
  return {
    rule,
    cost,
    window,
    runRange,
    run: (text, hit, ctx, out) =>
      runRange(
        text,
        Math.max(0, hit.start - window),
        Math.min(text.length, hit.end + window),
        ctx,
        out,
      ),
  };
}

type Accept = (text: string, start: number, end: number, ctx: ScanContext) => boolean;
type Emit = (out: Match[], c: Candidate) => void;

function findRunner(
  rule: Rule,
  find: NonNullable<Rule['find']>,
  accept: Accept,
  emit: Emit,
): CompiledRule['run'] {
  return (text, hit, ctx, out) => {
    const found = find(text, hit, ctx);
    if (found === undefined) return;
    const list: readonly Candidate[] = Array.isArray(found) ? found : [found as Candidate];
    for (const c of list) if (accept(text, c.start, c.end, ctx)) emit(out, c);
    void rule;
  };
}

function span(m: RegExpExecArray, group: number, base: number): [number, number] | undefined {
  if (group === 0) return [base + m.index, base + m.index + m[0].length];
  const ix = m.indices?.[group];
  return ix ? [base + ix[0], base + ix[1]] : undefined;
}

/** One search per required character, shared by every rule that requires it. */
const searches = new Map<string, (text: string, from: number) => number>();

/**
 * The first index of `ch` at or after a position, remembered per text: hits arrive in increasing
 * order, so the searches for one text together read it at most once, however many rules require
 * the same character (both URL-credential rules hit on every `https://`).
 */
function nextIndexOf(ch: string): (text: string, from: number) => number {
  let search = searches.get(ch);
  if (search !== undefined) return search;
  let memoText: string | undefined;
  let memoFrom = 0;
  let memoAt = -1;
  search = (text, from) => {
    if (text !== memoText || from < memoFrom || (memoAt >= 0 && memoAt < from)) {
      memoText = text;
      memoFrom = from;
      memoAt = text.indexOf(ch, from);
    }
    return memoAt;
  };
  searches.set(ch, search);
  return search;
}

function stickyRunner(
  rule: Rule,
  re: RegExp,
  group: number,
  reach: number,
  accept: Accept,
  emit: Emit,
): CompiledRule['run'] {
  const offset = rule.offset ?? 0;
  const boundary = rule.boundary ?? true;
  const next = rule.requires === undefined ? undefined : nextIndexOf(rule.requires);
  return (text, hit, ctx, out) => {
    const at = hit.start - offset;
    if (at < 0) return;
    if (boundary && at > 0 && isAlnum(text.charCodeAt(at - 1)) && !afterEscape(text, at)) return;
    if (next !== undefined) {
      const i = next(text, hit.end);
      if (i < 0 || i - at > reach) return;
    }
    re.lastIndex = at;
    const m = re.exec(text);
    if (m === null) return;
    const s = span(m, group, 0);
    if (s && accept(text, s[0], s[1], ctx)) emit(out, { start: s[0], end: s[1] });
  };
}

/**
 * True when `at` follows a backslash escape such as `\\n` in double-encoded JSON or log text,
 * where the letter before the token is part of the escape, not of the token.
 */
function afterEscape(text: string, at: number): boolean {
  if (at < 2 || text.charCodeAt(at - 2) !== 92) return false;
  const c = text.charCodeAt(at - 1);
  return c === 110 || c === 114 || c === 116; // n r t
}

/**
 * What makes a window hold a credential rather than a mention of a provider (`Rule.near`): a
 * credential word, a `pat` of its own, `login`, or a command-line flag that takes a credential
 * (`-t TOKEN`, `curl -u user:secret`).
 */
export const CREDENTIAL_WORD =
  /key|secret|token|auth|passw|pwd|credential|bearer|private|signing|login|\bpat\b|(?:^|\s)-[tu]\s/i;

/**
 * The other way a window shows a credential (`Rule.near`): one of the rule's keywords in a name
 * that is assigned or called right after it (`SUMO_ACCESS_ID=`, `sumologic: {`,
 * `new SparkPost(`, `x-honeycomb-team:`, `twilio.rest.Client(`): the keyword, up to 24 name
 * characters, then `(`, or an optional closing quote and `=` or `:` (spaces allowed before them,
 * not before `(`: `via linkedin (ref …)` is prose).
 */
function assignmentOf(keywords: readonly string[]): RegExp {
  const names = keywords.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  return new RegExp(`(?:${names})[A-Za-z0-9_.-]{0,24}(?:["'\\]]{0,2}\\s{0,2}[=:]|\\()`, 'i');
}

/** Characters kept before a window so lookbehind assertions see real context. */
const LOOKBEHIND = 16;

function rangeRunner(
  re: RegExp,
  group: number,
  accept: Accept,
  emit: Emit,
): NonNullable<CompiledRule['runRange']> {
  return (text, from, to, ctx, out) => {
    const base = Math.max(0, from - LOOKBEHIND);
    const sub = base === 0 && to === text.length ? text : text.slice(base, to);
    re.lastIndex = from - base;
    for (let m = re.exec(sub); m !== null; m = re.exec(sub)) {
      if (m[0].length === 0) re.lastIndex++;
      const s = span(m, group, base);
      if (s && accept(text, s[0], s[1], ctx)) emit(out, { start: s[0], end: s[1] });
    }
  };
}
