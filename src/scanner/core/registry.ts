/**
 * The vendor definitions indexed for one language: which module names and globals lead into
 * which SDK type, and how member access and calls move between types. Front ends track `Ref`s
 * (what an expression is, as far as SDKs go) with these functions.
 */
import type { Via } from '../types.js';
import type { Language, Member, ModuleSpec, VendorDefinition } from '../vendors/types.js';

/** What an expression is to the scanner: a value of an SDK type, or one member of it. */
export type Ref =
  | {
      readonly k: 'type';
      readonly vendor: VendorDefinition;
      readonly type: string;
      readonly text: string;
    }
  | {
      readonly k: 'member';
      readonly vendor: VendorDefinition;
      readonly member: Member;
      readonly text: string;
      /** Set on a wrapper function's member: calls of it are reported with this `via`. */
      readonly via?: Via;
      /** A wrapper's depth: 1 calls the SDK itself, 2 calls such a wrapper, … (default 1). */
      readonly level?: number;
    };

/** The definitions of one language, indexed. */
export interface Registry {
  readonly language: Language;
  readonly vendors: readonly VendorDefinition[];
  /** Module name → the vendor and what importing it gives. */
  readonly modules: ReadonlyMap<
    string,
    { readonly vendor: VendorDefinition; readonly spec: ModuleSpec }
  >;
  /** Global name → a ref of its type. */
  readonly globals: ReadonlyMap<string, Ref>;
  /**
   * Tests a file's text for any module name or global of any vendor: files without one are not
   * parsed (unless they import a wrapper).
   */
  readonly mentions: (text: string) => boolean;
  /** The same test as a global regular expression, to find every mention. */
  readonly pattern: RegExp;
  /**
   * Names of globals and members whose type has an `=` member (`intercomSettings`, a hook's
   * `notice.context`): an assignment to one of them, or to a key below it, may be a sink. Front
   * ends look at assignments only when there are some, and only at those naming one.
   */
  readonly assignable: ReadonlySet<string>;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** Index the definitions for a language. */
export function createRegistry(vendors: readonly VendorDefinition[], language: Language): Registry {
  const modules = new Map<string, { vendor: VendorDefinition; spec: ModuleSpec }>();
  const globals = new Map<string, Ref>();
  const words = new Set<string>();
  for (const vendor of vendors) {
    const entry = language === 'js' ? vendor.js : vendor.python;
    if (entry === undefined) continue;
    for (const [name, spec] of Object.entries(entry.modules)) {
      modules.set(name, { vendor, spec });
      words.add(language === 'python' ? (name.split('.')[0] ?? name) : name);
    }
    for (const [name, type] of Object.entries(entry.globals ?? {})) {
      globals.set(name, { k: 'type', vendor, type, text: name });
      words.add(name);
    }
  }
  const sorted = [...words].sort((a, b) => b.length - a.length).map(escape);
  // A word inside a path (`'../lib/analytics'`, Python's `from app.analytics import`) names the
  // project's own module, not the SDK: such files are read in the second pass if they call a
  // wrapper. JavaScript keeps `.` (`window.analytics`), Python does not.
  const before = language === 'js' ? '[\\w$/]' : '[\\w$/.]';
  const re =
    sorted.length === 0 ? /$^/ : new RegExp(`(?<!${before})(?:${sorted.join('|')})(?![\\w$])`);
  const pattern = new RegExp(re.source, 'g');
  const assignable = new Set(
    [...globals].filter(([, r]) => assignedMember(r) !== undefined).map(([name]) => name),
  );
  // Members whose type takes assignments (a hook's `notice.context`).
  for (const vendor of vendors) {
    if ((language === 'js' ? vendor.js : vendor.python) === undefined) continue;
    for (const type of Object.values(vendor.types))
      for (const [name, m] of Object.entries(type))
        if (m.type !== undefined && vendor.types[m.type]?.['='] !== undefined) assignable.add(name);
  }
  return {
    language,
    vendors,
    modules,
    globals,
    mentions: (text) => re.test(text),
    pattern,
    assignable,
  };
}

/** The ref of `import`/`require` of a module, for one import form. */
export function moduleRef(
  registry: Registry,
  name: string,
  form: 'default' | 'namespace' | 'require',
): Ref | undefined {
  const m = registry.modules.get(name);
  if (m === undefined) return undefined;
  const type =
    form === 'default'
      ? (m.spec.default ?? m.spec.namespace)
      : form === 'require'
        ? (m.spec.require ?? m.spec.namespace ?? m.spec.default)
        : (m.spec.namespace ?? m.spec.default);
  return type === undefined ? undefined : { k: 'type', vendor: m.vendor, type, text: name };
}

/** `ref.name`: a type if the member is only a type, else the member. */
export function memberOf(ref: Ref, name: string): Ref | undefined {
  const base = ref.k === 'member' ? asType(ref) : ref;
  if (base === undefined || base.k !== 'type') return undefined;
  const member = base.vendor.types[base.type]?.[name];
  if (member === undefined) return undefined;
  const text = `${base.text}.${name}`;
  const onlyType =
    member.type !== undefined &&
    member.sinks === undefined &&
    member.returns === undefined &&
    member.callback === undefined &&
    member.config === undefined;
  if (onlyType) return { k: 'type', vendor: base.vendor, type: member.type!, text };
  return { k: 'member', vendor: base.vendor, member, text };
}

/** A member that is also a type (`people` in `people.set`), as that type. */
function asType(ref: Ref & { k: 'member' }): Ref | undefined {
  return ref.member.type !== undefined
    ? { k: 'type', vendor: ref.vendor, type: ref.member.type, text: ref.text }
    : undefined;
}

/** What calling a ref does: the member called (a type's `()` member for a callable type). */
export function calledMember(ref: Ref): Member | undefined {
  if (ref.k === 'member') return ref.member;
  return ref.vendor.types[ref.type]?.['()'];
}

/** What assigning to `ref` does: its type's `=` member (`window.intercomSettings = {…}`). */
export function assignedMember(ref: Ref): Member | undefined {
  return ref.k === 'type' ? ref.vendor.types[ref.type]?.['='] : undefined;
}

/** The type a call of `ref` returns. */
export function callResult(ref: Ref): Ref | undefined {
  const member = calledMember(ref);
  if (member?.returns === undefined) return undefined;
  return { k: 'type', vendor: ref.vendor, type: member.returns, text: ref.text + '()' };
}
