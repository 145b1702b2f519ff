/**
 * The two-stage string scanner: one Aho-Corasick pass that also collects digit runs, then
 * only the rules whose trigger hit, each anchored at its hit.
 */
import { createAutomaton, type Automaton } from './automaton.js';
import { compileRule, type CompiledRule } from './compile-rule.js';
import { isUnderAny } from './categories.js';
import { normalizeWithMap } from './normalize.js';
import { grown, isLetter, isWordChar } from './text.js';
import type { Category, Rule, ScanContext } from './types.js';

/** One match in a scanned string; spans are in the string given to `scan`. */
export interface Match {
  readonly kind: string;
  readonly category: Category;
  readonly start: number;
  readonly end: number;
  readonly confidence: number;
  /** True when the match was found in the NFKC-normalized view and mapped back. */
  readonly normalized: boolean;
}

/**
 * What the stage-1 pass noticed besides rule triggers, for the caller's decoding decisions.
 * Reused between calls: valid until the next `scan`.
 */
export interface ScanInfo {
  /** The text contains `%` (it may be percent-encoded). */
  percent: boolean;
  /** The text contains `+` (a space, in a query string or form body). */
  plus: boolean;
  /** The text contains a backslash (it may hold backslash escapes). */
  backslash: boolean;
  /** The text contains `&` (it may hold HTML character references). */
  ampersand: boolean;
  /** Runs of 16+ base64-alphabet characters holding an upper-case letter, as flat (start, end) pairs. */
  base64: Int32Array;
  /** Number of ints used in `base64` (twice the number of runs). */
  base64Count: number;
}

/** A compiled rule set. */
export interface Scanner {
  readonly rules: readonly Rule[];
  /**
   * Appends every match in `text` to `out` and returns what the pass noticed. Linear in
   * `text.length` for any content.
   */
  scan(text: string, ctx: ScanContext, out: Match[]): ScanInfo;
}

const DIGITS_KEYWORD = '#digits';
const FIELD_KEYWORD = '#field';
const TEXT_KEYWORD = '#text';
/** Separators allowed inside a digit run (at most MAX_SEP in a row): space - . ( ) / + */
const MAX_SEP = 2;
/**
 * Work budget per string, in characters rule attempts may examine (see `CompiledRule.cost`):
 * this base plus `BUDGET_PER_CHAR` per character of the string (see `dispatch`).
 */
export const BUDGET_BASE = 16_384;
/** Budget added per character scanned; ordinary analytics text uses well under a tenth of it. */
export const BUDGET_PER_CHAR = 4;
/** Fixed charge per rule attempt (calling a rule costs about as much as examining this many characters). */
export const ATTEMPT_OVERHEAD = 64;
/** Base64 runs shorter than this are not reported. */
const MIN_BASE64_RUN = 16;

/** Character classes of the stage-1 pass, as bits. */
const DIGIT = 1;
const SEP = 2;
const B64 = 4;
const UPPER = 8;
/** Characters that call for a decoding layer (`%XX`, `+` as a space, `\u0040`, `&#64;`). */
const PCT = 16;
const PLUS = 32;
const BACKSLASH = 64;
const AMPERSAND = 128;

/**
 * `String.prototype.charCodeAt`, called as `charCodeAt.call(text, i)` in the per-character loop.
 * A `text.charCodeAt(i)` site keeps type feedback per string representation (flat, internalized,
 * one- or two-byte, concatenated, sliced); once more than four have passed through it, V8 stops
 * inlining the load and the whole loop runs about twice as slow for every string afterwards.
 * A call through the constant function does not depend on that feedback.
 */
const charCodeAt = String.prototype.charCodeAt;

const CLASSES: Uint8Array = (() => {
  const cls = new Uint8Array(65536);
  for (let c = 48; c <= 57; c++) cls[c] = DIGIT | B64;
  for (let c = 65; c <= 90; c++) cls[c] = B64 | UPPER;
  for (let c = 97; c <= 122; c++) cls[c] = B64;
  for (const ch of ' -.()/+') cls[ch.charCodeAt(0)]! |= SEP;
  for (const ch of '+/_-') cls[ch.charCodeAt(0)]! |= B64;
  cls[37] = PCT;
  cls[43]! |= PLUS;
  cls[92] = BACKSLASH;
  cls[38] = AMPERSAND;
  return cls;
})();

/** A digit-run rule with its range and pre-filters unpacked for the dispatch loop. */
interface DigitRule {
  readonly minDigits: number;
  readonly maxDigits: number;
  readonly minDots: number;
  /** Char codes allowed right after the run; empty: any. */
  readonly next: readonly number[];
  /** `next` as a lookup for ASCII codes (one load instead of a search of the list). */
  readonly nextAscii: Uint8Array;
  readonly letterPrefix: boolean;
  readonly around: ((text: string, start: number, end: number) => boolean) | undefined;
  readonly cost: number;
  readonly run: CompiledRule['run'];
}

/** The ASCII characters of `chars` as a 128-entry lookup. */
function asciiSet(chars: string): Uint8Array {
  const set = new Uint8Array(128);
  for (const ch of chars) if (ch.charCodeAt(0) < 128) set[ch.charCodeAt(0)] = 1;
  return set;
}

/** The scanner-side pre-filters of a digit rule (see `Rule.digits`). */
function passes(r: DigitRule, text: string, start: number, end: number, dots: number): boolean {
  if (dots < r.minDots) return false;
  if (r.next.length > 0) {
    const c = text.charCodeAt(end);
    if (c < 128 ? r.nextAscii[c] === 0 : !r.next.includes(c)) return false;
  }
  if (r.around !== undefined && !r.around(text, start, end)) return false;
  return (
    !r.letterPrefix ||
    (start >= 2 &&
      isLetter(text.charCodeAt(start - 1)) &&
      isLetter(text.charCodeAt(start - 2)) &&
      !isWordChar(text.charCodeAt(start - 3)))
  );
}

/** Digit counts up to this have their own list of digit rules; longer runs share the last one. */
const DIGIT_LISTS = 64;

interface Tables {
  readonly automaton: Automaton;
  /** Per keyword index: compiled rules it triggers. */
  readonly byKeyword: readonly (readonly CompiledRule[])[];
  /**
   * Per digit count `d` (capped at DIGIT_LISTS): the digit rules whose range holds `d`, so a run
   * of 1–3 digits (most of them) is offered only to the one or two rules that take such runs.
   * The last list holds every rule whose range reaches past the cap; its ranges are still checked.
   */
  readonly digitRules: readonly (readonly DigitRule[])[];
  readonly minDigits: number;
  /** Runs with fewer digits than this reach only rules with a pre-filter (`next`, `letterPrefix`). */
  readonly unfilteredMinDigits: number;
  readonly fieldRules: readonly CompiledRule[];
  /** Text rules (`Rule.nonAscii`): run once on each string holding a non-ASCII character. */
  readonly textRules: readonly CompiledRule[];
  /** Base64-run rules (`Rule.runs`), longest minimum last. */
  readonly runRules: readonly RunRule[];
}

/** A base64-run rule: the shortest run it takes, and its range runner. */
interface RunRule {
  readonly min: number;
  readonly runRange: NonNullable<CompiledRule['runRange']>;
}

function buildTables(rules: readonly Rule[]): Tables {
  const index = new Map<string, number>();
  const byKeyword: CompiledRule[][] = [];
  const digitRules: DigitRule[] = [];
  const fieldRules: CompiledRule[] = [];
  const textRules: CompiledRule[] = [];
  const runRules: RunRule[] = [];
  for (const rule of rules) {
    const compiled = compileRule(rule);
    for (const raw of rule.keywords ?? []) {
      const kw = raw.replace(/[A-Z]/g, (ch) => ch.toLowerCase());
      let i = index.get(kw);
      if (i === undefined) {
        i = byKeyword.length;
        index.set(kw, i);
        byKeyword.push([]);
      }
      if (!byKeyword[i]!.includes(compiled)) byKeyword[i]!.push(compiled);
    }
    const d = rule.digits;
    if (d) {
      digitRules.push({
        minDigits: d.min,
        maxDigits: d.max,
        minDots: d.dots ?? 0,
        next: [...(d.next ?? '')].map((ch) => ch.charCodeAt(0)),
        nextAscii: asciiSet(d.next ?? ''),
        letterPrefix: d.letterPrefix ?? false,
        around: d.around,
        cost: compiled.cost,
        run: compiled.run,
      });
    }
    if (rule.fields) fieldRules.push(compiled);
    if (rule.nonAscii) textRules.push(compiled);
    if (rule.runs)
      runRules.push({ min: Math.max(rule.runs.min, MIN_BASE64_RUN), runRange: compiled.runRange! });
  }
  runRules.sort((a, b) => a.min - b.min);
  const minDigits = digitRules.reduce((m, r) => Math.min(m, r.minDigits), Infinity);
  const unfilteredMinDigits = digitRules
    .filter((r) => r.next.length === 0 && !r.letterPrefix && r.around === undefined)
    .reduce((m, r) => Math.min(m, r.minDigits), Infinity);
  const byDigits = Array.from({ length: DIGIT_LISTS + 1 }, (_, d) =>
    digitRules.filter((r) =>
      d < DIGIT_LISTS ? r.minDigits <= d && r.maxDigits >= d : r.maxDigits >= d,
    ),
  );
  return {
    automaton: createAutomaton([...index.keys()]),
    byKeyword,
    digitRules: byDigits,
    unfilteredMinDigits,
    minDigits,
    fieldRules,
    textRules,
    runRules,
  };
}

/** Compile `rules` once; the returned scanner does per-string work only. */
export function createScanner(rules: readonly Rule[]): Scanner {
  const t = buildTables(rules);
  // Reused between calls: flat hit buffers (keyword index, start), digit runs (start, end, digits, dots).
  let kwHits = new Int32Array(256);
  let runs = new Int32Array(256);
  let kwCount = 0;
  let runCount = 0;
  let nonAscii = false;
  const info: ScanInfo = {
    percent: false,
    plus: false,
    backslash: false,
    ampersand: false,
    base64: new Int32Array(64),
    base64Count: 0,
  };

  /** Stage 1: one pass for keywords, digit runs, base64 runs and the marks of encoded text. */
  function collect(text: string): void {
    const { symbols, bits, delta, outCount, outStart, outList, lengths } = t.automaton;
    const minDigits = t.minDigits;
    let state = 0;
    let seen = 0;
    let marks = 0;
    let runStart = -1;
    let runEnd = 0;
    let digits = 0;
    let dots = 0;
    let sep = 0;
    let b64 = 0;
    let b64Upper = 0;
    kwCount = 0;
    runCount = 0;
    info.base64Count = 0;
    const n = text.length;
    // Every attempt costs dispatch at least ATTEMPT_OVERHEAD of the budget, so hits past this
    // many (two ints each) could never be attempted: a value that is one keyword repeated stops
    // recording them.
    const maxHitInts = 2 * (Math.ceil((BUDGET_BASE + BUDGET_PER_CHAR * n) / ATTEMPT_OVERHEAD) + 1);
    for (let i = 0; i < n; i++) {
      const c = charCodeAt.call(text, i);
      seen |= c;
      state = delta[(state << bits) | symbols[c]!]!;
      if (outCount[state] !== 0 && kwCount < maxHitInts)
        addKeywordHits(outCount[state]!, outStart[state]!, outList, lengths, i);
      const k = CLASSES[c]!;
      marks |= k;
      if ((k & B64) !== 0) {
        b64++;
        b64Upper |= k;
      } else {
        // Encoded text has upper-case letters; hex ids, UUIDs and paths mostly do not.
        if (b64 >= MIN_BASE64_RUN && (b64Upper & UPPER) !== 0) addBase64(i - b64, i);
        b64 = 0;
        b64Upper = 0;
      }
      if ((k & DIGIT) !== 0) {
        if (runStart < 0) runStart = i;
        digits++;
        runEnd = i + 1;
        sep = 0;
      } else if (runStart >= 0) {
        if ((k & SEP) !== 0 && ++sep <= MAX_SEP) {
          if (c === 46) dots++;
          continue;
        }
        if (digits >= minDigits) addRun(text, runStart, runEnd, digits, dots);
        runStart = -1;
        digits = 0;
        dots = 0;
        sep = 0;
      }
    }
    if (b64 >= MIN_BASE64_RUN && (b64Upper & UPPER) !== 0) addBase64(n - b64, n);
    if (runStart >= 0 && digits >= minDigits) addRun(text, runStart, runEnd, digits, dots);
    nonAscii = seen >= 128;
    info.percent = (marks & PCT) !== 0;
    info.plus = (marks & PLUS) !== 0;
    info.backslash = (marks & BACKSLASH) !== 0;
    info.ampersand = (marks & AMPERSAND) !== 0;
  }

  function addKeywordHits(
    k: number,
    base: number,
    outList: Uint32Array,
    lengths: Uint32Array,
    i: number,
  ): void {
    for (let j = 0; j < k; j++) {
      if (kwCount + 2 > kwHits.length) kwHits = grown(kwHits, kwHits.length * 2);
      const kw = outList[base + j]!;
      kwHits[kwCount++] = kw;
      kwHits[kwCount++] = i + 1 - lengths[kw]!;
    }
  }

  /**
   * Record a digit run for dispatch. A run short enough that only filtered rules take it (a house
   * number needs a space after it, an IBAN's check digits two letters before them) is recorded
   * only when one of them would pass: most runs in analytics text are one to three digits inside
   * ids, dates and versions.
   */
  function addRun(text: string, start: number, end: number, digits: number, dots: number): void {
    if (digits < t.unfilteredMinDigits && !anyPasses(text, start, end, digits, dots)) return;
    if (runCount + 4 > runs.length) runs = grown(runs, runs.length * 2);
    runs[runCount++] = start;
    runs[runCount++] = end;
    runs[runCount++] = digits;
    runs[runCount++] = dots;
  }

  function anyPasses(text: string, start: number, end: number, digits: number, dots: number) {
    const list = t.digitRules[digits < DIGIT_LISTS ? digits : DIGIT_LISTS]!;
    for (let r = 0; r < list.length; r++) if (passes(list[r]!, text, start, end, dots)) return true;
    return false;
  }

  function addBase64(start: number, end: number): void {
    if (info.base64Count + 2 > info.base64.length)
      info.base64 = grown(info.base64 as Int32Array<ArrayBuffer>, info.base64.length * 2);
    info.base64[info.base64Count++] = start;
    info.base64[info.base64Count++] = end;
  }

  /**
   * Stage 2: run the rules whose triggers hit. One mutable hit object is reused for every call
   * (rules must not keep it), so dispatch allocates nothing.
   */
  const hit = { start: 0, end: 0, keyword: '', digits: 0 };
  // Window rules: one pending range per rule; overlapping windows merge, so repeated keywords
  // never rescan the same characters.
  const pending = new Map<CompiledRule, [number, number]>();
  /**
   * Queue the window `[from, to)` of a window rule; returns how many characters it adds to what
   * the rule will scan (a window overlapping the pending one only extends it).
   */
  function pendingWindow(
    rule: CompiledRule,
    text: string,
    from: number,
    to: number,
    ctx: ScanContext,
    out: Match[],
  ): number {
    const p = pending.get(rule);
    if (p === undefined) {
      pending.set(rule, [from, to]);
      return to - from;
    }
    if (from <= p[1] && to >= p[0]) {
      const added = Math.max(0, p[0] - from) + Math.max(0, to - p[1]);
      p[0] = Math.min(p[0], from);
      p[1] = Math.max(p[1], to);
      return added;
    }
    rule.runRange!(text, p[0], p[1], ctx, out);
    p[0] = from;
    p[1] = to;
    return to - from;
  }
  function flushWindows(text: string, ctx: ScanContext, out: Match[]): void {
    if (pending.size === 0) return;
    for (const [rule, [from, to]] of pending) rule.runRange!(text, from, to, ctx, out);
    pending.clear();
  }
  /** `view`: `text` is the NFKC view of a string (text rules read the string itself only). */
  /**
   * Stage 2 over `text`. `textRules`: run the text rules too (on the original string; on an NFKC
   * view only when its original holds half-width katakana, which the view makes full-width).
   */
  function dispatch(text: string, ctx: ScanContext, out: Match[], textRules: boolean): void {
    const keywords = t.automaton.keywords;
    const lengths = t.automaton.lengths;
    // Fail-closed work budget: ordinary text costs a fraction of it; a value built to make rules
    // work hard (`pwd=pwd=pwd=…`) stops being scanned where the budget runs out and its rest is
    // reported `unscanned`, so the policy removes it. Keeps every value's cost linear in its size.
    let budget = BUDGET_BASE + BUDGET_PER_CHAR * text.length;
    let cut = text.length;
    for (let h = 0; h < kwCount && cut === text.length; h += 2) {
      const kw = kwHits[h]!;
      const rules = t.byKeyword[kw]!;
      for (let r = 0; r < rules.length; r++) {
        const rule = rules[r]!;
        hit.start = kwHits[h + 1]!;
        hit.end = hit.start + lengths[kw]!;
        if (rule.runRange !== undefined) {
          // A window rule scans each character once however many hits its windows hold: a hit
          // is charged the characters its window adds to the pending one.
          budget -=
            ATTEMPT_OVERHEAD +
            pendingWindow(
              rule,
              text,
              Math.max(0, hit.start - rule.window!),
              Math.min(text.length, hit.end + rule.window!),
              ctx,
              out,
            );
          if (budget < 0) {
            cut = hit.start;
            break;
          }
          continue;
        }
        // An attempt examines at most its pattern's reach or the rest of the text, whichever is less.
        budget -= ATTEMPT_OVERHEAD + Math.min(rule.cost, text.length - hit.start + 16);
        if (budget < 0) {
          cut = hit.start;
          break;
        }
        hit.keyword = keywords[kw]!;
        hit.digits = 0;
        rule.run(text, hit, ctx, out);
      }
    }
    flushWindows(text, ctx, out);
    for (let h = 0; h < runCount; h += 4) {
      const start = runs[h]!;
      const end = runs[h + 1]!;
      if (start >= cut) break;
      const digits = runs[h + 2]!;
      const dots = runs[h + 3]!;
      const digitRules = t.digitRules[digits < DIGIT_LISTS ? digits : DIGIT_LISTS]!;
      for (let r = 0; r < digitRules.length; r++) {
        const rule = digitRules[r]!;
        if (
          digits < rule.minDigits ||
          digits > rule.maxDigits ||
          !passes(rule, text, start, end, dots)
        )
          continue;
        budget -= ATTEMPT_OVERHEAD + Math.min(rule.cost, text.length - start + 16);
        if (budget < 0) {
          cut = start;
          h = runCount;
          break;
        }
        hit.start = start;
        hit.end = end;
        hit.keyword = DIGITS_KEYWORD;
        hit.digits = digits;
        rule.run(text, hit, ctx, out);
      }
    }
    const runRules = t.runRules;
    if (runRules.length > 0) {
      const b64 = info.base64;
      for (let h = 0; h < info.base64Count; h += 2) {
        const start = b64[h]!;
        const end = b64[h + 1]!;
        if (start >= cut) break;
        for (let r = 0; r < runRules.length && end - start >= runRules[r]!.min; r++) {
          // A run-rule scans its run once: charged the run's length.
          budget -= ATTEMPT_OVERHEAD + (end - start);
          if (budget < 0) {
            cut = Math.min(cut, start);
            h = info.base64Count;
            break;
          }
          runRules[r]!.runRange(text, start, end, ctx, out);
        }
      }
    }
    // Text rules read the string once, up to where the budget (or an earlier cut) stops them.
    if (nonAscii && textRules && t.textRules.length > 0) {
      for (const r of t.textRules) {
        budget -= ATTEMPT_OVERHEAD + cut;
        if (budget < 0) {
          cut = Math.max(0, cut + budget);
          budget = 0;
        }
        if (cut === 0) break;
        hit.start = 0;
        hit.end = cut;
        hit.keyword = TEXT_KEYWORD;
        // For a text hit, `digits` is how many matches the budget pays for: the rule stops one
        // match past it, and that match's start is where the string is cut.
        hit.digits = (budget / ATTEMPT_OVERHEAD) | 0;
        const before = out.length;
        r.run(cut === text.length ? text : text.slice(0, cut), hit, ctx, out);
        // Each match is charged as an attempt is: a string packed with names (`佐藤花子 ` × 20,000)
        // keeps the matches the budget pays for and has the rest cut, like any other rule's.
        const added = out.length - before;
        budget -= added * ATTEMPT_OVERHEAD;
        if (budget < 0) {
          const keep = added - Math.ceil(-budget / ATTEMPT_OVERHEAD);
          let from = cut;
          for (let m = before + Math.max(0, keep); m < out.length; m++)
            from = Math.min(from, out[m]!.start);
          out.length = before + Math.max(0, keep);
          cut = from;
          budget = 0;
          break;
        }
      }
    }
    if (cut < text.length) {
      out.push({
        kind: 'unscanned',
        category: 'system.operations',
        start: cut,
        end: text.length,
        confidence: 1,
        normalized: false,
      });
    }
    const kc = ctx.keyCategory;
    if (kc !== undefined && t.fieldRules.length > 0) {
      for (const r of t.fieldRules) {
        if (!isUnderAny(kc, r.rule.fields!)) continue;
        hit.start = 0;
        hit.end = text.length;
        hit.keyword = FIELD_KEYWORD;
        hit.digits = 0;
        r.run(text, hit, ctx, out);
      }
    }
  }

  return {
    rules,
    scan(text, ctx, out) {
      const first = out.length;
      collect(text);
      dispatch(text, ctx, out, true);
      if (nonAscii) scanNormalized(text, ctx, out);
      if (out.length - first > 1) dedupe(out, first);
      return info;
    },
  };

  /** Non-ASCII text: also scan the NFKC view (full-width ＠, digits, letters) and map spans back. */
  function scanNormalized(text: string, ctx: ScanContext, out: Match[]): void {
    const view = normalizeWithMap(text);
    if (view === undefined) return;
    const saved = {
      percent: info.percent,
      plus: info.plus,
      backslash: info.backslash,
      ampersand: info.ampersand,
      base64: info.base64.slice(0, info.base64Count),
    };
    const tmp: Match[] = [];
    collect(view.text);
    dispatch(view.text, ctx, tmp, hasHalfwidthKana(text));
    for (const m of tmp) {
      const start = view.map[m.start]!;
      const end = view.map[m.end - 1]! + view.width[m.end - 1]!;
      out.push({ ...m, start, end, normalized: true });
    }
    // Decoding decisions refer to the original text.
    info.percent = saved.percent;
    info.plus = saved.plus;
    info.backslash = saved.backslash;
    info.ampersand = saved.ampersand;
    info.base64.set(saved.base64);
    info.base64Count = saved.base64.length;
  }
}

/** True when `text` holds half-width katakana (`ﾔﾏﾀﾞ`, as bank transfers write names). */
function hasHalfwidthKana(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xff66 && c <= 0xff9d) return true;
  }
  return false;
}

/**
 * Remove duplicate and dominated matches appended since `first`: a match is dropped when an
 * earlier one (by start) of the same category covers its span with at least its confidence.
 * One sort plus a sweep: O(n log n) in the number of matches.
 */
function dedupe(out: Match[], first: number): void {
  const n = out.length - first;
  if (n < 2) return;
  const ms = out.splice(first, n);
  ms.sort((a, b) => a.start - b.start || b.end - a.end || b.confidence - a.confidence);
  const cover = new Map<Category, { end: number; confidence: number }>();
  for (const m of ms) {
    const c = cover.get(m.category);
    if (c !== undefined && c.end >= m.end && c.confidence >= m.confidence) continue;
    out.push(m);
    if (c === undefined || m.end > c.end)
      cover.set(m.category, { end: m.end, confidence: m.confidence });
  }
}
