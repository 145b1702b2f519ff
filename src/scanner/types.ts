/**
 * Shapes shared by the scanner's language front ends (js/, python/), its core (core/) and its
 * outputs (output/). A front end turns each SDK call's arguments into `Val`s, a small
 * language-neutral description of a value; the core classifies them into `Flow`s.
 */
import type { Category } from '../engine/types.js';
import type { Language, SinkKind } from './vendors/types.js';

/** A position in a source file: 1-based line and column. */
export interface Pos {
  readonly line: number;
  readonly column: number;
}

/** One property of an object value. */
export interface ValProp {
  /** The key; undefined when computed at run time (`[k]: v`). */
  readonly key: string | undefined;
  readonly value: Val;
  readonly at: Pos;
}

/**
 * What a front end knows about a value, statically.
 * - `obj`: an object/dict literal (spreads resolved when possible, else kept in `spreads`).
 * - `arr`: an array/list literal.
 * - `str`/`num`/`bool`/`null`: literals (`str.value` is the literal text; `str.partial` marks a
 *   template or f-string part).
 * - `name`: a value known only by its name: an identifier, `user.email` (name `email`, parent
 *   `user`), `getEmail()` (name `getEmail`).
 * - `param`: the `index`-th parameter of the enclosing wrapper function, accessed at `path`
 *   below it (`props.plan` → path `['plan']`).
 * - `concat`: template literals and string concatenations.
 * - `hash`: the value passed through a hash or HMAC (`sha256(email)`): its category is reported
 *   with form `hashed`.
 * - `union`: one of several values (`a ? b : c`, `a ?? b`).
 * - `unknown`: anything else (a call result, a computed lookup).
 */
export type Val =
  | {
      readonly k: 'obj';
      readonly props: readonly ValProp[];
      readonly spreads: readonly Val[];
      readonly at: Pos;
    }
  | { readonly k: 'arr'; readonly items: readonly Val[]; readonly at: Pos }
  | { readonly k: 'str'; readonly value: string; readonly at: Pos }
  | { readonly k: 'num' | 'bool' | 'null'; readonly at: Pos; readonly value?: number | boolean }
  | {
      readonly k: 'name';
      readonly name: string;
      readonly parent?: string;
      readonly text: string;
      readonly at: Pos;
    }
  | {
      readonly k: 'param';
      readonly index: number;
      readonly path: readonly string[];
      /** The parameter's name: classified where the wrapper's own call is reported. */
      readonly name?: string;
      readonly at: Pos;
    }
  | { readonly k: 'concat'; readonly parts: readonly Val[]; readonly at: Pos }
  | { readonly k: 'hash'; readonly inner: Val; readonly at: Pos }
  | { readonly k: 'union'; readonly options: readonly Val[]; readonly at: Pos }
  | { readonly k: 'unknown'; readonly text: string; readonly at: Pos };

/** The arguments of one call as the front end read them. */
export interface Args {
  readonly positional: readonly Val[];
  /** Python keyword arguments (empty in JavaScript). */
  readonly keywords: ReadonlyMap<string, Val>;
  /** `**kwargs` / `...args` spread into the call: positions from here on are unknown. */
  readonly spread?: boolean;
}

/** The value's type for the tracking plan. */
export type ValueType = 'string' | 'number' | 'boolean' | 'null' | 'object' | 'array' | 'unknown';

/** How a flow's category was known. */
export type Basis = 'key' | 'name' | 'literal' | 'sink';

/** One value a call sends, where it lands and what it is. */
export interface Flow {
  /** Canonical path it lands at (`properties.email`, `traits.name`, `userId`); `*` for array items. */
  readonly path: string;
  /** Most specific category, when the key, the value's name or a literal says one. */
  readonly category?: Category;
  /** 0..1. */
  readonly confidence: number;
  readonly basis?: Basis;
  /** `hashed` when the value passes a hash or HMAC first. */
  readonly form: 'raw' | 'hashed';
  readonly type: ValueType;
  /** Source text of the value (at most 80 characters; literals that are secrets are masked). */
  readonly expr: string;
  readonly at: Pos;
}

/** A wrapper function followed to its call site. */
export interface Via {
  /** `track` or `analytics.track`. */
  readonly wrapper: string;
  readonly file: string;
  readonly line: number;
}

/** One SDK call (or a call of a wrapper around one) and everything it sends. */
export interface SinkCall {
  readonly vendor: string;
  /** How the call reads: `mixpanel.track`, `people.set`, `gtag('event')`. */
  readonly call: string;
  readonly sink: SinkKind;
  /** The event's name when it is a literal; undefined when computed. */
  readonly event?: string;
  /** Source text of a computed event name. */
  readonly eventExpr?: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly language: Language;
  readonly via?: Via;
  readonly flows: readonly Flow[];
}

/** Finding kinds: a categorized flow, a literal secret or personal value, a risky setting. */
export type FindingKind = 'flow' | 'literal' | 'config';

/** Something to act on. */
export interface Finding {
  readonly kind: FindingKind;
  /** Rule id: `flow/user.contact.email`, `literal/aws_access_key`, `config/posthog/session-replay-unmasked`. */
  readonly rule: string;
  readonly vendor: string;
  readonly call: string;
  readonly event?: string;
  readonly path?: string;
  readonly category?: Category;
  readonly form?: 'raw' | 'hashed';
  /** The vendor is expected to receive this category (definition `allow` or `--allow`). */
  readonly allowed: boolean;
  readonly severity: 'error' | 'warning' | 'note';
  readonly message: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly via?: Via;
  /** Stable across unrelated edits (no line numbers): for `--baseline` and SARIF. */
  readonly fingerprint: string;
}

/** A file that could not be read or parsed cleanly (the scanner still used what it recovered). */
export interface FileProblem {
  readonly file: string;
  readonly message: string;
}

/** What `scan()` returns. */
export interface ScanResult {
  /** Paths in the result are relative to this directory, with `/` separators. */
  readonly root: string;
  readonly stats: {
    readonly files: number;
    readonly bytes: number;
    /** Files parsed (the others held no SDK name and no wrapper import). */
    readonly parsed: number;
  };
  readonly problems: readonly FileProblem[];
  /** Every SDK call found, sorted by file, line, column. */
  readonly calls: readonly SinkCall[];
  /** Sorted by file, line, column, rule. */
  readonly findings: readonly Finding[];
}
