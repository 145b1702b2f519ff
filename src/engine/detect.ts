/**
 * `detect`: walk any JSON value and report every finding with its path and exact span.
 */
import { base64Segments } from './decode/base64.js';
import {
  literalMap,
  nestsDeeper,
  parseLocated,
  type Literal,
  type LocatedJson,
} from './decode/json.js';
import { decodeEntities } from './decode/entity.js';
import { unescapeText } from './decode/escape.js';
import { percentDecode, type DecodedView } from './decode/url.js';
import { paramName, paramPairs, wordsAfter } from './decode/params.js';
import { formatPath, type PathSegment } from './path.js';
import { allRules } from './rules/index.js';
import { createScanner, type Match } from './scanner.js';
import type { Encoding, Finding, Rule, ScanContext } from './types.js';
import { createFieldClassifier, normalizeKey } from './fields/classify.js';
import { isUnder } from './categories.js';

/** Options of `createDetector`; every field has a safe default. */
export interface DetectOptions {
  /** Rules to run (default: every built-in rule). */
  readonly rules?: readonly Rule[];
  /** Characters scanned per string (default 1,048,576); the rest is reported as `unscanned`. */
  readonly maxScanLength?: number;
  /** Nesting depth walked (default 64); deeper values are reported as `unscanned`. */
  readonly maxDepth?: number;
  /** Report values by their field name (`first_name`, `ip`, …) (default true). */
  readonly fieldNames?: boolean;
  /** Look inside JSON, percent-encoded and base64 text in strings (default true). */
  readonly decode?: boolean;
  /** Drop findings below this confidence (default 0). */
  readonly minConfidence?: number;
}

/** A compiled detector: call it once per document. */
export interface Detector {
  /** Every finding in a JSON document. */
  (value: unknown): Finding[];
  /**
   * Findings in one value stored under `key` (inside an object keyed `parent`), with paths
   * relative to that value ('' for the value itself). The policy engine calls this per field.
   */
  field(value: unknown, key: string, parent: string): Finding[];
}

/** Default characters scanned per string value. */
export const DEFAULT_MAX_SCAN_LENGTH = 1 << 20;
/** Default nesting depth. */
export const DEFAULT_MAX_DEPTH = 64;
/** Strings up to this length are remembered when clean. */
const CLEAN_CACHE_MAX_LENGTH = 128;
/** Clean strings remembered per detector before the memory starts over. */
const CLEAN_CACHE_LIMIT = 20_000;
/** Lookups after which a field context's share of repeated values is judged. */
const CLEAN_PROBE = 256;
/** Fewer than one hit in this many lookups: the context's values are not remembered... */
const CLEAN_MIN_HIT_SHARE = 8;
/** ...for this many values, then judged again. */
const CLEAN_PAUSE = 4_096;
/** Findings × 4 × pairs of a text up to which each pair's value is checked against the findings. */
const PARAM_CHECK_LIMIT = 16_384;
/** Decoding layers looked through at most (e.g. JSON inside base64 inside a URL). */
const MAX_LAYERS = 3;
/**
 * Strings longer than this that look like JSON are checked for nesting deeper than `maxDepth`
 * before they are parsed (shorter ones parse in microseconds however they nest).
 */
const DEEP_CHECK_LENGTH = 1_024;

/** Maps a span in the scanned text to a span in the original string. */
type SpanMap = (start: number, end: number) => [number, number];

const identity: SpanMap = (s, e) => [s, e];

function viewMap(view: DecodedView, outer: SpanMap): SpanMap {
  return (s, e) => {
    const [a, b] = view.map(s, e);
    return outer(a, b);
  };
}

/**
 * A JSON document found in a string. It is parsed with the native JSON.parse; the locating
 * parser runs only when a finding inside needs its exact span.
 */
interface JsonLayer {
  readonly value: unknown;
  readonly raw: string;
  readonly outer: SpanMap;
  readonly encoding: readonly Encoding[];
  /** `path.length` where the layer starts: segments after it are inside the decoded JSON. */
  readonly base: number;
  /** The raw text has backslash escapes, so decoded strings differ from what the raw scan saw. */
  readonly escaped: boolean;
  located?: LocatedJson | null;
}

/** The literal of the string at `segments` inside the layer's document, if it can be found. */
function locate(layer: JsonLayer, segments: readonly PathSegment[]): Literal | undefined {
  if (layer.located === undefined) layer.located = parseLocated(layer.raw) ?? null;
  const located = layer.located;
  if (located === null || segments.length === 0) return undefined;
  let container: unknown = located.value;
  for (let i = 0; i < segments.length - 1; i++) {
    if (container === null || typeof container !== 'object') return undefined;
    container = (container as Record<string | number, unknown>)[segments[i]!];
  }
  if (container === null || typeof container !== 'object') return undefined;
  return located.literals.get(container)?.get(segments[segments.length - 1]!);
}

/** Compile a detector. Rules are compiled once here; per-document work is the walk and scans. */
export function createDetector(options: DetectOptions = {}): Detector {
  const scanner = createScanner(options.rules ?? allRules);
  const classify = createFieldClassifier();
  const maxLen = options.maxScanLength ?? DEFAULT_MAX_SCAN_LENGTH;
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  const fieldNames = options.fieldNames ?? true;
  const decode = options.decode ?? true;
  const minConfidence = options.minConfidence ?? 0;

  // Field contexts per parent key, then per key: the walker fetches a parent's map once per
  // object, so each leaf costs one Map lookup and no string concatenation.
  const contexts = new Map<string, Map<string, FieldContext>>();
  const contextsOf = (parent: string): Map<string, FieldContext> => {
    let byKey = contexts.get(parent);
    if (byKey === undefined) {
      if (contexts.size >= 1_000) contexts.clear();
      contexts.set(parent, (byKey = new Map()));
    }
    return byKey;
  };
  const contextOf = (
    byKey: Map<string, FieldContext>,
    key: string,
    parent: string,
  ): FieldContext => {
    let ctx = byKey.get(key);
    if (ctx === undefined) {
      if (byKey.size >= 10_000) byKey.clear();
      const cls = classify(key, parent);
      ctx = {
        key: normalizeKey(key),
        keyCategory: cls?.category,
        keyConfidence: cls?.confidence,
        remembered: undefined,
        generation: 0,
      };
      byKey.set(key, ctx);
    }
    return ctx;
  };

  // The context of a value with no field name (a document's root), this detector's own.
  const noContext: FieldContext = {
    key: '',
    keyCategory: undefined,
    keyConfidence: undefined,
    remembered: undefined,
    generation: 0,
  };

  // Per-call state lives at the detector level and is reset by each call, so the walker's
  // functions are created once per detector, not once per document (the policy calls the
  // detector once per field).
  let findings: Finding[] = [];
  const path: PathSegment[] = [];
  const matches: Match[] = [];

  // Path strings are built only for values that have findings, once per value.
  let pathCache: string | undefined;
  let innerCache: string | undefined;
  const pathOf = (layer: JsonLayer | undefined): string =>
    (pathCache ??= formatPath(layer === undefined ? path : path.slice(0, layer.base)));
  const innerOf = (layer: JsonLayer | undefined): string | undefined =>
    layer === undefined ? undefined : (innerCache ??= formatPath(path.slice(layer.base)));

  /** Every finding has the same shape (absent optionals are undefined): one hidden class. */
  const report = (
    layer: JsonLayer | undefined,
    kind: string,
    category: string,
    start: number,
    end: number,
    confidence: number,
    source: 'value' | 'key',
    encoding: readonly Encoding[],
    param?: string,
  ): void => {
    if (confidence < minConfidence) return;
    findings.push({
      path: pathOf(layer),
      kind,
      category,
      start,
      end,
      confidence,
      source,
      encoding: encoding.length > 0 ? encoding : undefined,
      innerPath: param === undefined ? innerOf(layer) : `${innerOf(layer) ?? ''}?${param}`,
    });
  };

  function scanText(
    text: string,
    ctx: ScanContext,
    map: SpanMap,
    layer: JsonLayer | undefined,
    encoding: readonly Encoding[],
  ): void {
    const before = findings.length;
    // Beyond maxLen nothing is read: scanLayers reports the rest unscanned.
    const scanned = text.length > maxLen ? text.slice(0, maxLen) : text;
    scanLayers(text, scanned, ctx, map, layer, encoding);
    if (fieldNames && scanned.includes('=')) paramFields(scanned, map, layer, encoding, before);
  }

  /**
   * The values of `name=value` pairs in `scanned` (a query string, a form body, `key=value` labels)
   * whose name the field classifier knows, reported by their name as a JSON key's value would be
   * (`?first_name=Taro`), unless a finding since `before` already covers the value with a
   * category of the name's line (an e-mail address found in `?email=…`). The name is the
   * finding's `innerPath` after a `?`.
   */
  function paramFields(
    scanned: string,
    map: SpanMap,
    layer: JsonLayer | undefined,
    encoding: readonly Encoding[],
    before: number,
  ): void {
    const decoded = encoding[encoding.length - 1] === 'url';
    const { pairs, count, cut } = paramPairs(scanned, decoded);
    if (cut >= 0) {
      const [start, end] = map(cut, scanned.length);
      report(layer, 'unscanned', 'system.operations', start, end, 1, 'value', encoding);
    }
    if (count === 0) return;
    // Findings the text's rules made; checked against each value while that is cheap (a value
    // reported twice is harmless: redaction merges overlapping spans).
    const last = findings.length;
    const check = (last - before) * count <= PARAM_CHECK_LIMIT;
    const byKey = contextsOf('');
    for (let i = 0; i < count; i += 4) {
      const name = paramName(scanned, pairs[i]!, pairs[i + 1]!);
      const ctx = contextOf(byKey, name, '');
      const cat = ctx.keyCategory;
      if (cat === undefined) continue;
      let valueEnd = pairs[i + 3]!;
      // A name or an address a space (or an apostrophe) cut short in free text: `name=Taro Yamada`.
      const after = scanned.charCodeAt(valueEnd);
      if (!decoded && (after === 32 || after === 39)) {
        if (isUnder(cat, 'user.name')) valueEnd = wordsAfter(scanned, valueEnd, 3, false);
        else if (isUnder(cat, 'user.contact.address') || isUnder(cat, 'user.location.imprecise'))
          valueEnd = wordsAfter(scanned, valueEnd, 6, true);
      }
      const [start, end] = map(pairs[i + 2]!, valueEnd);
      if (check && covered(before, last, start, end, cat)) continue;
      report(layer, 'field_name', cat, start, end, ctx.keyConfidence ?? 0.8, 'key', encoding, name);
    }
  }

  /**
   * True when a finding in `[from, to)` holds all of `[start, end)` with a category of `cat`'s
   * line, or both are credentials (`GITHUB_TOKEN=ghp_…`: the token's rule says more than the
   * name). A finding of part of the value (`Taro Yamada` of `full_name=Taro+Yamada+Jr`) leaves the
   * name's finding of the whole.
   */
  function covered(from: number, to: number, start: number, end: number, cat: string): boolean {
    for (let i = from; i < to; i++) {
      const f = findings[i]!;
      if (f.start > start || f.end < end) continue;
      const c = f.category;
      if (isUnder(c, cat) || isUnder(cat, c) || (isCredential(c) && isCredential(cat))) return true;
    }
    return false;
  }

  /** Scan `scanned` (`text` up to maxLen) and the layers decoded from it. */
  function scanLayers(
    text: string,
    scanned: string,
    ctx: ScanContext,
    map: SpanMap,
    layer: JsonLayer | undefined,
    encoding: readonly Encoding[],
  ): void {
    if (matches.length !== 0) matches.length = 0;
    const info = scanner.scan(scanned, ctx, matches);
    const pct = info.percent || info.plus;
    const backslash = info.backslash;
    const ampersand = info.ampersand;
    const b64 = info.base64Count > 0 ? info.base64.slice(0, info.base64Count) : undefined;
    for (const m of matches) {
      const [start, end] = map(m.start, m.end);
      report(
        layer,
        m.kind,
        m.category,
        start,
        end,
        m.confidence,
        'value',
        m.normalized ? [...encoding, 'nfkc'] : encoding,
      );
    }
    if (text.length > maxLen && encoding.length === 0) {
      report(layer, 'unscanned', 'system.operations', maxLen, text.length, 1, 'value', encoding);
    }
    if (!decode || encoding.length >= MAX_LAYERS) return;
    const first = scanned.charCodeAt(0);
    const json =
      (first === 123 || first === 91 || first === 32 || first === 10) &&
      jsonLayer(scanned, map, layer, encoding);
    // Backslash escapes in text that is not a whole JSON document (a JSON document's strings
    // were unescaped by its parse): a fragment cut short, `https:\/\/…`, `\u0040`.
    if (backslash && !json) descend(unescapeText(scanned), 'escape', ctx, map, layer, encoding);
    // HTML character references (`bob&#64;example.com`, `&commat;`).
    if (ampersand) descend(decodeEntities(scanned), 'html', ctx, map, layer, encoding);
    // `%XX`, or a `+` that may be a space in a query string or form body (percentDecode decides).
    if (pct) descend(percentDecode(scanned), 'url', ctx, map, layer, encoding);
    if (b64 === undefined) return;
    for (const view of base64Segments(scanned, b64))
      descend(view, 'base64', ctx, map, layer, encoding);
  }

  /** Scan a decoded view of the current text as one more layer (`how`), when there is one. */
  function descend(
    view: DecodedView | undefined,
    how: Encoding,
    ctx: ScanContext,
    map: SpanMap,
    layer: JsonLayer | undefined,
    encoding: readonly Encoding[],
  ): void {
    if (view !== undefined) scanText(view.text, ctx, viewMap(view, map), layer, [...encoding, how]);
  }

  /** Walk `text` as a JSON document; false when it is not one (or holds no object or array). */
  function jsonLayer(
    text: string,
    map: SpanMap,
    layer: JsonLayer | undefined,
    encoding: readonly Encoding[],
  ): boolean {
    // Nested deeper than the walk goes: the walk would stop at maxDepth and report the rest
    // unscanned, but parsing `[[[[…` 50,000 deep costs milliseconds first. Report the whole
    // string unscanned (the policy removes it) without parsing it.
    if (text.length > DEEP_CHECK_LENGTH && nestsDeeper(text, maxDepth)) {
      const [start, end] = map(0, text.length);
      report(layer, 'unscanned', 'system.operations', start, end, 1, 'value', [
        ...encoding,
        'json',
      ]);
      return true;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return false;
    }
    if (value === null || typeof value !== 'object') return false;
    const inner: JsonLayer = {
      value,
      raw: text,
      outer: map,
      encoding: [...encoding, 'json'],
      base: layer?.base ?? path.length,
      escaped: text.includes('\\'),
    };
    walk(value, '', '', 0, inner);
    return true;
  }

  /** Span map of the current leaf: identity, or into the raw JSON of the layer it sits in. */
  function stringMap(layer: JsonLayer | undefined): SpanMap {
    if (layer === undefined) return identity;
    let lit: Literal | undefined | null = null;
    let m: Int32Array | undefined;
    return (s, e) => {
      if (lit === null) lit = locate(layer, path.slice(layer.base));
      if (lit === undefined) return layer.outer(0, layer.raw.length);
      if (!lit.escaped) return layer.outer(lit.start + s, lit.start + e);
      m ??= literalMap(layer.raw, lit);
      return layer.outer(m[s]!, m[e]!);
    };
  }

  /** Scan one string or number; then, if the field name says more than the value did, report the key. */
  function leaf(value: string | number, ctx: FieldContext, layer: JsonLayer | undefined): void {
    const before = findings.length;
    pathCache = innerCache = undefined;
    const cat = ctx.keyCategory;
    const isString = typeof value === 'string';
    if (!isString && cat === undefined && Math.abs(value) < 1e6) return;
    const text = isString ? value : String(value);
    const map = stringMap(layer);
    const encoding = layer?.encoding ?? [];
    // Inside a JSON layer without escapes, the raw scan already saw this exact text (with its
    // key as nearby context); scan again only where the field name adds context.
    if (layer === undefined || layer.escaped || cat !== undefined)
      scanText(text, ctx, map, layer, encoding);
    if (findings.length - before > 1 && decodedSince(findings, before))
      dedupeSince(findings, before);
    if (!fieldNames || cat === undefined || text.length === 0) return;
    for (let i = before; i < findings.length; i++) {
      const c = findings[i]!.category;
      if (isUnder(c, cat) || isUnder(cat, c)) return;
    }
    const [start, end] = map(0, text.length);
    report(layer, 'field_name', cat, start, end, ctx.keyConfidence ?? 0.8, 'key', encoding);
  }

  // Short strings found clean in a field context are remembered (per context, bounded): event
  // names, plans, browsers and page titles repeat in nearly every event, and a clean result
  // depends only on (context, text). Only clean strings are kept, so the cache holds no value
  // that had personal data or a secret in it. A context whose values rarely repeat (ids,
  // timestamps, messages) stops being remembered for a while: there, every lookup would miss
  // and every insert would only grow a set.
  // The memory of a context lives on it (a property read, not a map lookup per leaf); starting
  // over is a new generation, which makes every context's memory stale at once.
  let generation = 1;
  let cleanCount = 0;
  const rememberedOf = (ctx: FieldContext): Remembered => {
    if (ctx.generation === generation) return ctx.remembered!;
    ctx.generation = generation;
    return (ctx.remembered = { values: new Set(), tries: 0, hits: 0, pause: 0 });
  };

  function cleanLeaf(value: string, ctx: FieldContext): void {
    let r = rememberedOf(ctx);
    if (r.pause > 0) {
      r.pause--;
      leaf(value, ctx, undefined);
      return;
    }
    r.tries++;
    if (r.values.has(value)) {
      r.hits++;
      return;
    }
    const before = findings.length;
    leaf(value, ctx, undefined);
    if (r.tries >= CLEAN_PROBE) {
      const repeats = r.hits * CLEAN_MIN_HIT_SHARE >= r.tries;
      r.tries = r.hits = 0;
      if (!repeats) {
        cleanCount -= r.values.size;
        r.values = new Set();
        r.pause = CLEAN_PAUSE;
        return;
      }
    }
    if (findings.length !== before) return;
    if (++cleanCount > CLEAN_CACHE_LIMIT) {
      generation++;
      cleanCount = 1;
      r = rememberedOf(ctx);
    }
    r.values.add(value);
  }

  /** Visit `value`, found under `key` (inside an object keyed `parent`), with context `ctx`. */
  function walk(
    value: unknown,
    key: string,
    parent: string,
    depth: number,
    layer: JsonLayer | undefined,
    ctx: FieldContext = noContext,
  ): void {
    if (typeof value === 'string' || typeof value === 'number') {
      if (typeof value === 'number' && !Number.isFinite(value)) return;
      if (
        layer === undefined &&
        typeof value === 'string' &&
        value.length <= CLEAN_CACHE_MAX_LENGTH
      )
        cleanLeaf(value, ctx);
      else leaf(value, ctx, layer);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    if (depth >= maxDepth) {
      pathCache = innerCache = undefined;
      report(layer, 'unscanned', 'system.operations', 0, 0, 1, 'value', []);
      return;
    }
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        walk(value[i], key, parent, depth + 1, layer, ctx);
        path.pop();
      }
      return;
    }
    const byKey = contextsOf(key);
    for (const k of Object.keys(value)) {
      path.push(k);
      walk(
        (value as Record<string, unknown>)[k],
        k,
        key,
        depth + 1,
        layer,
        contextOf(byKey, k, key),
      );
      path.pop();
    }
  }

  function detectValue(root: unknown, rootKey = '', rootParent = ''): Finding[] {
    findings = [];
    path.length = 0;
    pathCache = innerCache = undefined;
    const rootCtx =
      rootKey === '' ? noContext : contextOf(contextsOf(rootParent), rootKey, rootParent);
    walk(root, rootKey, rootParent, 0, undefined, rootCtx);
    return findings;
  }
  const detector = ((value: unknown) => detectValue(value)) as Detector;
  detector.field = (value, key, parent) => detectValue(value, key, parent);
  return detector;
}

/**
 * True when a finding appended since `from` came from a JSON, URL or base64 layer: only then can
 * two findings repeat (the scanner already merges its raw and NFKC matches).
 */
function decodedSince(findings: readonly Finding[], from: number): boolean {
  for (let i = from; i < findings.length; i++) {
    const e = findings[i]!.encoding;
    if (e !== undefined && (e.length > 1 || e[0] !== 'nfkc')) return true;
  }
  return false;
}

/**
 * Remove findings appended since `from` that repeat an earlier one of the same value (same
 * path, kind and span): the raw text and a decoded layer often see the same thing.
 */
function dedupeSince(findings: Finding[], from: number): void {
  const seen = new Set<string>();
  let w = from;
  for (let r = from; r < findings.length; r++) {
    const f = findings[r]!;
    const id = `${f.path}\u0000${f.kind}\u0000${f.start}\u0000${f.end}`;
    if (seen.has(id)) continue;
    seen.add(id);
    findings[w++] = f;
  }
  findings.length = w;
}

/** Clean values remembered for one field context, and how often they were asked for. */
interface Remembered {
  values: Set<string>;
  tries: number;
  hits: number;
  /** Values still to scan without remembering them. */
  pause: number;
}

/** Secrets and the credentials of users (keys, tokens, passwords, session material). */
function isCredential(category: string): boolean {
  return isUnder(category, 'system.authentication') || isUnder(category, 'user.authorization');
}

/**
 * Scan context plus how sure the field classifier was, and the clean values remembered for it
 * (valid while `generation` is the detector's).
 */
interface FieldContext extends ScanContext {
  readonly keyConfidence: number | undefined;
  remembered: Remembered | undefined;
  generation: number;
}

let defaultDetector: Detector | undefined;

/**
 * Find personal data and secrets anywhere in a JSON value. With options, compiles a detector for
 * this call; without, reuses one compiled with the defaults (prefer `createDetector` in loops).
 */
export function detect(value: unknown, options?: DetectOptions): Finding[] {
  if (options !== undefined) return createDetector(options)(value);
  defaultDetector ??= createDetector();
  return defaultDetector(value);
}
