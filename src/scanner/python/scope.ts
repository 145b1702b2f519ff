/**
 * What a Python name is bound to while one file is read in statement order: an SDK ref, the
 * wrapper functions of this file, a value (for later use as an argument), a module path, an
 * import from another file of the project, or a class of this file and its instances.
 */
import type { Ref } from '../core/registry.js';
import type { Val } from '../types.js';

/** A class of this file: its attributes (class-level assignments, methods, `self.x = …`). */
export interface ClassInfo {
  readonly name: string;
  readonly attrs: Map<string, Binding>;
}

/** What a name (or `self.x`) stands for. Several fields may be set. */
export interface Binding {
  /** An SDK module, client, or member. */
  readonly ref?: Ref;
  /** Another file's function that forwards its parameters to SDK sinks (refs carry `via`). */
  readonly wrappers?: readonly Ref[];
  /** A function of this file (its `def` node id): a wrapper if its body makes it one. */
  readonly def?: number;
  /** The value, for reading arguments. Read it with `valOf`: it may be `later` instead. */
  readonly val?: Val;
  /** The value, read when first asked for (see lazy.ts); `val` wins when both are set. */
  readonly later?: Later;
  /** A dotted module path that is not (yet) an SDK: `app` after `import app.analytics`. */
  readonly path?: string;
  /** `from SPEC import NAME` of a module that is not an SDK: maybe another file's wrapper. */
  readonly from?: { readonly spec: string; readonly name: string };
  /** The name is a class of this file. */
  readonly cls?: ClassInfo;
  /** The name is an instance of a class of this file (`self` in its methods). */
  readonly instance?: ClassInfo;
  /** A parameter of the function `fn` (by its node id), at `index` (after `self`). */
  readonly param?: { readonly fn: number; readonly index: number; readonly name: string };
  /**
   * A name `for k, v in d.items()` binds: `d`'s key (`key`) or value, in the loop that starts at
   * offset `loop`; `of` is `d`.
   */
  readonly item?: { readonly loop: number; readonly key: boolean; readonly of: Val };
  /**
   * `ref` comes from an annotation (`client: Optional[Posthog] = None`): a value assigned later
   * that the scanner cannot see keeps it, as the declared type says.
   */
  readonly typed?: boolean;
  /**
   * Keys taken out of the dict `val` holds (`props.pop("email")`, removed.ts), with the values
   * they held: what a `pop` of such a key reads. The statement that pops it is read after its
   * calls have run (`email = props.pop("email")` binds `email` once the pop is done), so the
   * read must not see the dict without the key.
   */
  readonly taken?: ReadonlyMap<string, Val>;
}

/** A value read when first asked for, as it would have been read when it was bound. */
export interface Later {
  get(): Val;
}

/** The value a binding holds, read now if it was left for later. */
export function valOf(b: Binding | undefined): Val | undefined {
  return b === undefined ? undefined : (b.val ?? b.later?.get());
}

/** One level of names: the module, a function body, or a class body. */
export interface Scope {
  readonly vars: Map<string, Binding>;
  /** Names a function declares `global`: assigning them binds them in the module. */
  readonly globals: Set<string>;
  /** The scope names are looked up in next (a class body's methods skip it, as in Python). */
  readonly parent?: Scope;
}

/** A new scope inside `parent`. */
export function createScope(parent?: Scope): Scope {
  return parent === undefined
    ? { vars: new Map(), globals: new Set() }
    : { vars: new Map(), globals: new Set(), parent };
}

/** The binding of `name` visible from `scope`, innermost first. */
export function lookup(scope: Scope, name: string): Binding | undefined {
  for (let s: Scope | undefined = scope; s !== undefined; s = s.parent) {
    const b = s.vars.get(name);
    if (b !== undefined) return b;
  }
  return undefined;
}

/** The module scope `scope` is in. */
export function moduleOf(scope: Scope): Scope {
  let s = scope;
  while (s.parent !== undefined) s = s.parent;
  return s;
}

/** A binding that reads as `name` in reports: an SDK type keeps its type but takes the alias. */
export function renamed(b: Binding, name: string): Binding {
  if (b.ref === undefined || b.ref.k !== 'type') return b;
  return { ...b, ref: { ...b.ref, text: name } };
}
