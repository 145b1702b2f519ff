/**
 * The vendor definition format: what `veil scan` knows about one SDK family, as data. One file
 * per vendor in this folder (`mixpanel.ts`, …), listed in `index.ts`. docs/scan.md explains how to
 * add one.
 *
 * An SDK is described as a small set of named *types* (the module, an instance, a scope, an
 * `Identify` builder). Each type lists its *members*: a member may be another type (`people`), a
 * call that returns a type (`init` → instance), a data *sink* (`track`), a call whose callback
 * receives a type (`withScope(scope => …)`), or a configuration call checked for risky settings.
 * Entry points bind names to types: module imports (`import`/`require` in JavaScript, `import`
 * in Python) and browser globals (`window.mixpanel`, `gtag`).
 */
import type { Category } from '../../engine/types.js';

/** The languages the scanner reads. */
export type Language = 'js' | 'python';

/** What a sink call does with the data, for the report. */
export type SinkKind =
  'event' | 'page' | 'identify' | 'alias' | 'profile' | 'group' | 'context' | 'error' | 'revenue';

/** What one argument (or one field of an options argument) carries. */
export interface ArgSpec {
  /** 0-based position of a positional argument. */
  readonly index?: number;
  /** Python keyword argument name that may carry the same value (`distinct_id=`). */
  readonly keyword?: string;
  /**
   * - `event-name`: the event's name (reported as the event; a literal becomes the event key).
   * - `identity`: a user identifier (classified; `user.unique_id` when the name says nothing).
   * - `group-identity`: an org/group identifier (`user.workplace` when the name says nothing).
   * - `fields`: an object whose keys are properties (`{plan, email}`), or, when `pair` is set and
   *   the argument is a string, the key of one property whose value is the next argument.
   * - `value`: one value whose key comes from `keyFrom` or `key`.
   * - `object`: an options object whose keys are described by `fields`.
   * - `message`: free text (an error message, a breadcrumb): literals are scanned by the engine.
   */
  readonly role:
    'event-name' | 'identity' | 'group-identity' | 'fields' | 'value' | 'object' | 'message';
  /** Canonical path the value lands at: `properties`, `traits`, `userId`, `user`, `tags`. */
  readonly path?: string;
  /** role `fields`: a string at this position is a key and the argument after it its value. */
  readonly pair?: boolean;
  /** role `value`: the position of the argument holding the key (`setTag(key, value)`). */
  readonly keyFrom?: number;
  /** role `value`: a fixed key for the value. */
  readonly key?: string;
  /** role `object`: what each known key of the object carries (keys not listed are ignored). */
  readonly fields?: Readonly<Record<string, ArgSpec>>;
  /** Category when the names say nothing (defaults per role: identity → `user.unique_id`). */
  readonly category?: Category;
  /**
   * Set by the scanner on a Python wrapper's derived sink whose `**kwargs` parameter reaches the
   * SDK call: the call's keyword arguments other than these (the wrapper's named parameters),
   * as one object.
   */
  readonly kwargs?: { readonly except: readonly string[] };
}

/** A data sink: calling the member sends its arguments to the vendor. */
export interface Sink {
  readonly kind: SinkKind;
  readonly args: readonly ArgSpec[];
  /**
   * Only when the argument at `arg` is one of these string literals
   * (`Intercom('boot', …)`, `gtag('event', …)`). Several sinks on one member are tried in order.
   */
  readonly when?: {
    readonly arg: number;
    readonly equals: readonly string[];
    /**
     * The literal may go on after this separator (Snowplow's `'trackStructEvent:sp1;sp2'` names
     * the trackers the command is for): only the part before it must equal.
     */
    readonly scoped?: string;
  };
  /**
   * Only when the call has this many positional arguments: tells apart overloads such as
   * posthog-python's 3.x `capture(distinct_id, event)` and 6.x `capture(event, distinct_id=…)`.
   */
  readonly positional?: { readonly min?: number; readonly max?: number };
  /** A fixed event name (`page()` → `page`), when no argument names it. */
  readonly event?: string;
  /** Set by the scanner on a wrapper's derived sink: the SDK call it forwards to (`mp.track`). */
  readonly call?: string;
}

/** One condition on a configuration object; a rule fires when all its conditions hold. */
export interface Condition {
  /** Dotted path inside the options object: `session_recording.maskAllInputs`. */
  readonly path: string;
  /** Holds when the value is one of these literals. */
  readonly in?: readonly (string | number | boolean | null)[];
  /** Holds when the value is absent or a literal not among these (a dynamic value never holds). */
  readonly notIn?: readonly (string | number | boolean | null)[];
  /** Holds when the key is absent. */
  readonly absent?: true;
  /** Holds when the key is present, whatever its value. */
  readonly present?: true;
}

/** A risky SDK setting, checked on an options argument of a configuration call. */
export interface ConfigRule {
  /** Stable id, unique within the vendor: `session-replay-unmasked`. */
  readonly id: string;
  /** Position of the options argument (or the Python keyword arguments, with `keywords`). */
  readonly arg: number;
  /** Python: the options are the call's keyword arguments, not a dict at `arg`. */
  readonly keywords?: boolean;
  readonly when: readonly Condition[];
  /**
   * Only when the argument at `arg` is one of these string literals, for command-style globals
   * (`snowplow('newTracker', …)`, `FS('init', …)`).
   */
  readonly command?: { readonly arg: number; readonly equals: readonly string[] };
  readonly severity: 'error' | 'warning' | 'note';
  /** One sentence: what is risky and the setting that fixes it. */
  readonly message: string;
}

/** A member of a type. Any combination of the fields may be given. */
export interface Member {
  /** Accessing the member (without calling it) gives this type: `mixpanel.people`. */
  readonly type?: string;
  /** Calling it, or `new`, returns this type: `Mixpanel.init(…)` → `instance`. */
  readonly returns?: string;
  /** Calling it sends data; several sinks are tried in order by their `when`. */
  readonly sinks?: readonly Sink[];
  /**
   * A callback argument's parameter gets a type: `withScope(scope => …)`. With `key`, the callback
   * is that option of the options object at `arg`, or each function of an array given there:
   * `bugsnag({beforeSend: report => …})`, `Bugsnag.start({onError: [event => …, …]})`
   * (JavaScript only).
   */
  readonly callback?: {
    readonly arg: number;
    readonly param: number;
    readonly type: string;
    readonly key?: string;
  };
  /** Risky settings checked on the call's options. */
  readonly config?: readonly ConfigRule[];
}

/**
 * A type: its members by name. The member `()` is the type itself called (`gtag(…)`); the member
 * `=` is a value assigned to it (`window.intercomSettings = {…}`, JavaScript), read as a call
 * with that value as argument 0, and an assignment to one of its keys as `{key: value}`, to a key
 * of a key as `{key: {inner: value}}` (up to four keys below it).
 */
export type TypeSpec = Readonly<Record<string, Member>>;

/** What importing a module gives. */
export interface ModuleSpec {
  /** Type of the default import (`import mixpanel from 'mixpanel-browser'`). */
  readonly default?: string;
  /**
   * Type of the whole module: `import * as m`, `require('m')` (unless `require` is given), Python
   * `import m`. Named imports (`import { track } from …`, `from m import track`) are members of it.
   */
  readonly namespace?: string;
  /** Type of `require('m')` when it differs from the namespace. */
  readonly require?: string;
  /**
   * Type names the module exports (interfaces, and classes used as types) → the type of a value
   * annotated with one: `Mixpanel` in `mixpanel-browser` → the browser instance, so
   * `mp: Mixpanel` is that instance. A dotted key names a type in a namespace the module exports
   * (`Types.NodeClient`). JavaScript/TypeScript only.
   */
  readonly types?: Readonly<Record<string, string>>;
}

/** One language's entry points. */
export interface Entry {
  /** Module names (exact; a JS subpath like `@sentry/nextjs/client` needs its own entry). */
  readonly modules: Readonly<Record<string, ModuleSpec>>;
  /** Browser globals (also reached as `window.X`, `globalThis.X`, `self.X`). JavaScript only. */
  readonly globals?: Readonly<Record<string, string>>;
}

/** Everything the scanner knows about one vendor. */
export interface VendorDefinition {
  /** Stable id, lower-case: `mixpanel`, `google-analytics`. Used in reports and `--allow`. */
  readonly id: string;
  /** Display name: `Mixpanel`. */
  readonly name: string;
  /** What the vendor does; decides how findings are worded. */
  readonly role:
    | 'product-analytics'
    | 'customer-data-platform'
    | 'session-replay'
    | 'error-tracking'
    | 'monitoring'
    | 'customer-messaging'
    | 'tag-manager';
  /**
   * Categories this vendor is expected to receive (a messaging vendor receiving emails is its job;
   * a payment processor receiving card numbers). Flows in them are reported as allowed, not as
   * leaks. Parents cover children.
   */
  readonly allow?: readonly Category[];
  /**
   * Detection rule ids of this vendor's own client keys, public by design (shipped in every page
   * that loads the SDK): written in the source of this vendor's setup call, they are not
   * reported as hard-coded secrets.
   */
  readonly publicKeys?: readonly string[];
  readonly js?: Entry;
  readonly python?: Entry;
  /** The SDK's types by name; entry points and members refer to these names. */
  readonly types: Readonly<Record<string, TypeSpec>>;
  /** Where the SDK's API is documented, for SARIF help. */
  readonly docs?: string;
}
