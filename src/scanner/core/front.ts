/**
 * The contract between the scanner and its language front ends (js/, python/): a front end
 * reads one file and reports the SDK calls in it, the risky settings, and the wrapper functions
 * it exports for other files to call.
 */
import type { FileProblem, SinkCall } from '../types.js';
import type { Language, Member, VendorDefinition } from '../vendors/types.js';
import type { ConfigHit } from './findings.js';
import type { Ref, Registry } from './registry.js';

/** One source file, its path relative to the scan root with `/` separators. */
export interface SourceFile {
  readonly path: string;
  readonly text: string;
}

/** A wrapper function a file exports: calling it is calling an SDK sink. */
export interface WrapperExport {
  /** Export name (`track`, `default`), or `Name.member` for a method of an exported object. */
  readonly name: string;
  /** A member ref whose sinks are the wrapper's. */
  readonly ref: Ref;
  readonly line: number;
}

/** An SDK callback a function is given as: the vendor, and the parameter the SDK fills. */
export interface CallbackUse {
  readonly vendor: VendorDefinition;
  readonly callback: NonNullable<Member['callback']>;
}

/**
 * A function imported from another file of the scan (`import { addUser } from './hooks'`) and
 * passed where an SDK takes a callback (`Bugsnag.start({onError: addUser})`): `specifier` as
 * written in the import, `name` the imported name (`Name.member` for a member of an imported
 * object, as in `WrapperExport`).
 */
export interface CallbackImport extends CallbackUse {
  readonly specifier: string;
  readonly name: string;
}

/** What a front end found in one file. */
export interface FileAnalysis {
  readonly calls: SinkCall[];
  readonly hits: ConfigHit[];
  readonly exports: WrapperExport[];
  readonly problems: FileProblem[];
  /** Imported functions this file passes as SDK callbacks (JavaScript), for `callbacks`. */
  readonly callbacks?: readonly CallbackImport[];
}

/** What a front end gets besides the file. */
export interface AnalyzeContext {
  readonly registry: Registry;
  /**
   * An exported wrapper of another file of the scan: `specifier` as written in the import
   * (`./analytics`, `..lib.track`), `name` the imported name (`default` for a default import).
   * Undefined in the first pass and for anything that is not a wrapper. A wrapper that makes
   * several SDK calls (or calls several vendors) has one ref per call.
   */
  readonly wrapper: (
    fromFile: string,
    specifier: string,
    name: string,
  ) => readonly Ref[] | undefined;
  /**
   * Global regular expressions for the names that make a top-level statement worth reading (an
   * SDK, a module exporting wrappers). When given, the front end parses only the statements that
   * can matter (`focus.ts`), checks the cut, and parses the whole file if the cut does not hold;
   * when absent, it parses the whole file.
   */
  readonly relevant?: readonly RegExp[];
  /**
   * Whether a specifier that is not relative names a scanned file (JavaScript: a tsconfig
   * `paths` alias or `baseUrl`, `@/lib/analytics`; Python: an absolute import of the project's
   * own module, `import analytics` with an `analytics/` package in the tree, which shadows an SDK
   * module of that name). Absent: only relative specifiers do.
   */
  readonly local?: (fromFile: string, specifier: string) => boolean;
  /**
   * The SDK callbacks other files of the scan pass this file's export `name` as (their
   * `FileAnalysis.callbacks`, resolved to this file): its parameters are what the SDK hands it.
   * Absent, or undefined for a name no file passes so.
   */
  readonly callbacks?: (name: string) => readonly CallbackUse[] | undefined;
}

/** A language front end. */
export interface FrontEnd {
  readonly language: Language;
  /** File name endings it reads: `.ts`, `.py`. */
  readonly extensions: readonly string[];
  /** Loads parsers (once; the Python grammar is WebAssembly). */
  init(): Promise<void>;
  /** Reads one file. Never throws on bad input: syntax errors become problems. */
  analyze(file: SourceFile, ctx: AnalyzeContext): FileAnalysis;
}
