/**
 * `detect`: walk any JSON value and report every finding with its path and exact span.
 */
import { base64Segments } from './decode/base64.js';
import { literalMap, parseLocated, type Literal, type LocatedJson } from './decode/json.js';
import { percentDecode, type DecodedView } from './decode/url.js';
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
export type Detector = (value: unknown) => Finding[];

/** Default characters scanned per string value. */
export const DEFAULT_MAX_SCAN_LENGTH = 1 << 20;
/** Default nesting depth. */
export const DEFAULT_MAX_DEPTH = 64;
/** Decoding layers looked through at most (e.g. JSON inside base64 inside a URL). */
const MAX_LAYERS = 3;

/** Maps a span in the scanned text to a span in the original string. */
type SpanMap = (start: number, end: number) => [number, number];

const identity: SpanMap = (s, e) => [s, e];

function viewMap(view: DecodedView, outer: SpanMap): SpanMap {
  return (s, e) => outer(view.starts[s]!, view.ends[e - 1]!);
}

/** A JSON layer: string members are located in `raw` through `literals`. */
interface JsonLayer {
  readonly located: LocatedJson;
  readonly raw: string;
  readonly outer: SpanMap;
  readonly encoding: readonly Encoding[];
  /** `path.length` where the layer starts: segments after it are inside the decoded JSON. */
  readonly base: number;
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
      ctx = { key: normalizeKey(key), keyCategory: cls?.category, keyConfidence: cls?.confidence };
      byKey.set(key, ctx);
    }
    return ctx;
  };

  return function detectValue(root: unknown): Finding[] {
    const findings: Finding[] = [];
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
        innerPath: innerOf(layer),
      });
    };

    function scanText(
      text: string,
      ctx: ScanContext,
      map: SpanMap,
      layer: JsonLayer | undefined,
      encoding: readonly Encoding[],
    ): void {
      const scanned = text.length > maxLen ? text.slice(0, maxLen) : text;
      if (matches.length !== 0) matches.length = 0;
      const info = scanner.scan(scanned, ctx, matches);
      const pct = info.percent;
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
      if (first === 123 || first === 91 || first === 32 || first === 10)
        jsonLayer(scanned, map, layer, encoding);
      const decoded = pct ? percentDecode(scanned) : undefined;
      if (decoded !== undefined)
        scanText(decoded.text, ctx, viewMap(decoded, map), layer, [...encoding, 'url']);
      if (b64 === undefined) return;
      for (const view of base64Segments(scanned, b64))
        scanText(view.text, ctx, viewMap(view, map), layer, [...encoding, 'base64']);
    }

    function jsonLayer(
      text: string,
      map: SpanMap,
      layer: JsonLayer | undefined,
      encoding: readonly Encoding[],
    ): void {
      const located = parseLocated(text);
      if (located === undefined) return;
      const inner: JsonLayer = {
        located,
        raw: text,
        outer: map,
        encoding: [...encoding, 'json'],
        base: layer?.base ?? path.length,
      };
      walk(located.value, '', '', 0, inner, undefined, '');
    }

    function stringMap(
      layer: JsonLayer | undefined,
      container: object | undefined,
      member: string | number,
    ): SpanMap {
      if (layer === undefined || container === undefined) return identity;
      const lit: Literal | undefined = layer.located.literals.get(container)?.get(member);
      if (lit === undefined) return () => layer.outer(0, layer.raw.length);
      if (!lit.escaped) return (s, e) => layer.outer(lit.start + s, lit.start + e);
      let m: Int32Array | undefined;
      return (s, e) => {
        m ??= literalMap(layer.raw, lit);
        return layer.outer(m[s]!, m[e]!);
      };
    }

    /** Scan one string or number; then, if the field name says more than the value did, report the key. */
    function leaf(
      value: string | number,
      ctx: FieldContext,
      layer: JsonLayer | undefined,
      container: object | undefined,
      member: string | number,
    ): void {
      const before = findings.length;
      pathCache = innerCache = undefined;
      const cat = ctx.keyCategory;
      const isString = typeof value === 'string';
      if (!isString && cat === undefined && Math.abs(value) < 1e6) return;
      const text = isString ? value : String(value);
      const map = stringMap(layer, container, member);
      const encoding = layer?.encoding ?? [];
      scanText(text, ctx, map, layer, encoding);
      if (findings.length - before > 1) dedupeSince(findings, before);
      if (!fieldNames || cat === undefined || text.length === 0) return;
      for (let i = before; i < findings.length; i++) {
        const c = findings[i]!.category;
        if (isUnder(c, cat) || isUnder(cat, c)) return;
      }
      const [start, end] = map(0, text.length);
      report(layer, 'field_name', cat, start, end, ctx.keyConfidence ?? 0.8, 'key', encoding);
    }

    /** Visit `value`, found under `key` (inside an object keyed `parent`), with context `ctx`. */
    function walk(
      value: unknown,
      key: string,
      parent: string,
      depth: number,
      layer: JsonLayer | undefined,
      container: object | undefined,
      member: string | number,
      ctx: FieldContext = NO_CONTEXT,
    ): void {
      if (typeof value === 'string' || typeof value === 'number') {
        if (typeof value === 'number' && !Number.isFinite(value)) return;
        leaf(value, ctx, layer, container, member);
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
          walk(value[i], key, parent, depth + 1, layer, value, i, ctx);
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
          value,
          k,
          contextOf(byKey, k, key),
        );
        path.pop();
      }
    }

    walk(root, '', '', 0, undefined, undefined, '');
    return findings;
  };
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

/** Scan context plus how sure the field classifier was. */
interface FieldContext extends ScanContext {
  readonly keyConfidence: number | undefined;
}

const NO_CONTEXT: FieldContext = { key: '', keyCategory: undefined, keyConfidence: undefined };

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
