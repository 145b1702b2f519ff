/**
 * Reading only the statements that can matter. Most of a file that names an SDK is code that
 * has nothing to do with it (a view with one `track` call among twenty helpers), and parsing
 * is most of the scanner's time. So before parsing, a file is cut into top-level chunks by a
 * textual rule, and only these are kept:
 *
 * - chunks that name an SDK, or a module that exports wrappers (`relevant`);
 * - chunks that use a name a kept relevant chunk binds (the callers of a wrapper, the users of
 *   `const client = new PostHog()`), and so on transitively;
 * - chunks that may bind a name a kept chunk uses (the constants, helpers and imports whose
 *   values a call passes), transitively.
 *
 * The rest is blanked: every character except line breaks becomes a space, so offsets, lines and
 * columns stay those of the file. The cut is a guess, so the front end checks it after parsing
 * the blanked text (`fits`): the parse must hold no syntax error, and every top-level statement
 * must start where a kept chunk starts and cover no blanked chunk. Otherwise it parses the whole
 * file. Every statement that is parsed is then the file's own text, whole.
 *
 * The rules over-approximate on purpose: a word is any identifier-shaped run outside a `.x`
 * member access (strings and comments included), and a chunk whose bindings the head patterns
 * cannot read is taken to bind every word in it.
 */

export type FocusLanguage = 'js' | 'python';

/** A span of the file, `[start, end)` in UTF-16 code units. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** A file's text with the chunks that cannot matter blanked out. */
export interface Focused {
  /** The kept chunks, adjacent ones merged, in order. */
  readonly ranges: readonly Span[];
  /**
   * The file with every dropped chunk blanked: each character but line breaks (`\n`, `\r`,
   * U+2028, U+2029) replaced by a space, so offsets, lines and columns are the file's. Built on
   * first use (a parser that takes ranges does not need it).
   */
  readonly text: string;
  /** Share of the file's characters kept (0–1). */
  readonly kept: number;
  /**
   * Whether a top-level statement of the parse spanning [start, end) is file text the cut
   * meant: it starts where a kept chunk starts and covers no dropped chunk.
   */
  fits(start: number, end: number): boolean;
}

interface Chunk {
  readonly start: number;
  readonly end: number;
  /** Names it uses (identifier-shaped words, keywords and `.member` names excluded). */
  readonly uses: Set<string>;
  /** Names it may bind at the top level, for users of what it binds (callers). */
  readonly binds: Set<string>;
  /** Whether `binds` was read from a known head; otherwise any word may be bound by it. */
  readonly exact: boolean;
  state: 0 | 1 | 2; // 0 dropped, 1 kept as a dependency, 2 kept as relevant
}

/**
 * Reserved words, never names. Contextual ones (`type`, `from`, `get`, `set`, `of`, `async`,
 * Python's `match`) are left out: they are also ordinary names (`const type = …`).
 */
const KEYWORDS: Record<FocusLanguage, ReadonlySet<string>> = {
  js: new Set(
    (
      'break case catch class const continue debugger default delete do else enum export ' +
      'extends false finally for function if import in instanceof new null return super switch ' +
      'this throw true try typeof var void while with'
    ).split(' '),
  ),
  python: new Set(
    (
      'False None True and as assert async await break class continue def del elif else except ' +
      'finally for from global if import in is lambda nonlocal not or pass raise return try ' +
      'while with yield self cls'
    ).split(' '),
  ),
};

/** Lines at column 0 that continue the statement before rather than start one. */
const CONTINUES: Record<FocusLanguage, RegExp> = {
  js: /^(?:else|catch|finally)\b/,
  python: /^(?:else|elif|except|finally)\b/,
};

/**
 * Whether a line starting with character `c` at column 0 may start a statement. JavaScript:
 * a name, a decorator or `#!`; not `{` (a brace on its own line opens the body of the line
 * before), not an operator, bracket or quote (a continued expression). Python: anything but
 * whitespace, a comment or a closing bracket (the line scanner below already skips lines
 * inside brackets and strings).
 */
function startsChunk(language: FocusLanguage, c: number): boolean {
  if (language === 'js') {
    return (
      (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 36 || c === 64 || c === 35
    );
  }
  return c > 32 && c !== 35 && c !== 41 && c !== 93 && c !== 125;
}

/** Offsets of the column-0 lines that may start a JavaScript statement. */
function jsLines(text: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    if (startsChunk('js', text.charCodeAt(i + 1))) out.push(i + 1);
  }
  return out;
}

/**
 * Offsets of the column-0 lines that may start a Python statement: outside brackets, strings
 * (triple-quoted ones span lines) and backslash continuations.
 */
function pythonLines(text: string): number[] {
  const out: number[] = [];
  const n = text.length;
  let depth = 0;
  let i = 0;
  let lineStart = false;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (lineStart) {
      lineStart = false;
      if (depth === 0 && startsChunk('python', c)) out.push(i);
    }
    if (c === 10) {
      lineStart = true;
      i++;
    } else if (c === 35) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? n : nl;
    } else if (c === 34 || c === 39) {
      i = afterString(text, i, c);
    } else if (c === 92) {
      i += 2; // an escaped line break continues the line
    } else {
      if (c === 40 || c === 91 || c === 123) depth++;
      else if ((c === 41 || c === 93 || c === 125) && depth > 0) depth--;
      i++;
    }
  }
  return out;
}

/** The offset after a Python string literal opening with quote `q` at `i`. */
function afterString(text: string, i: number, q: number): number {
  const n = text.length;
  const triple = text.charCodeAt(i + 1) === q && text.charCodeAt(i + 2) === q;
  let j = i + (triple ? 3 : 1);
  while (j < n) {
    const c = text.charCodeAt(j);
    if (c === 92) j += 2;
    else if (c === q) {
      if (!triple) return j + 1;
      if (text.charCodeAt(j + 1) === q && text.charCodeAt(j + 2) === q) return j + 3;
      j++;
    } else if (c === 10 && !triple)
      return j; // unterminated: the line ends it
    else j++;
  }
  return n;
}

const JS_DECL =
  /^(?:export\s+)?(?:default\s+)?(?:declare\s+)?(?:abstract\s+)?(?:async\s+)?(?:function\s*\*?|class|enum|interface|type|namespace)\s+([A-Za-z_$][\w$]*)/;
const JS_VAR =
  /^(?:export\s+)?(?:declare\s+)?(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::[^=;]{0,200})?=/;
const JS_PATTERN = /^(?:export\s+)?(?:declare\s+)?(?:const|let|var)\s*[{[]/;
const JS_IMPORT = /^import\s([^;]{0,4000}?)(?:\sfrom\s|=\s*require\b|$)/;
const PY_DEF = /^(?:async[ \t]+)?(?:def|class)[ \t]+([A-Za-z_]\w*)/m;
const PY_IMPORT = /^(?:from[ \t]+\S{1,500}[ \t]+)?import[ \t]([^\n#]{0,4000}(?:\([^)]{0,4000}\))?)/;
/**
 * `x = …`, `x: int = …`, `a, b = …`, `(a, b) = …`: the words before `=`. Quantifiers here and
 * below are bounded so that no line, however long, costs more than linear time.
 */
const PY_ASSIGN = /^([A-Za-z_([*][\w, \t()[\]*]{0,400}?)(?::[^=\n]{0,200})?=(?!=)/;
/** Words assigned anywhere in a chunk: `x = `, not `x == ` or `x => `. */
const ASSIGNED = /(?<![\w$.])([A-Za-z_$][\w$]*)\s*(?::[^=;,\n()]{0,200})?=(?![=>])/g;
/** `, b = ` (a later declarator of `const a = 1, b = 2`). */
const LATER_DECLARATOR = /,\s*([A-Za-z_$][\w$]*)\s*(?::[^=;,\n()]{0,200})?=(?![=>])/g;
/** Words declared anywhere in a chunk by a keyword. */
const JS_DECLARED = /\b(?:var|let|const|function\s*\*?|class|enum|import)\s+([A-Za-z_$][\w$]*)/g;
const PY_DECLARED =
  /\b(?:def|class|as|for|global|nonlocal|import)[ \t]+([A-Za-z_]\w*(?:[ \t]*,[ \t]*[A-Za-z_]\w*)*)/g;

/** Identifier characters: `[A-Za-z0-9_$]`. */
function isWordPart(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 36
  );
}

/**
 * Add the words of `text[from, to)` to `into`: identifier-shaped runs not starting with a digit,
 * except keywords and `b` in `a.b` (`x` in `...x` counts). A loop rather than a global regular
 * expression: `matchAll` builds an array per word, and this runs over every file read.
 */
function addWords(
  text: string,
  into: Set<string>,
  keywords: ReadonlySet<string>,
  from = 0,
  to = text.length,
): void {
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (!isWordPart(c)) {
      i++;
      continue;
    }
    const start = i;
    while (++i < to && isWordPart(text.charCodeAt(i)));
    if (c >= 48 && c <= 57) continue; // a number (`1e5`, `0x1f`)
    if (start > 0 && text.charCodeAt(start - 1) === 46) {
      if (start < 2 || text.charCodeAt(start - 2) !== 46) continue; // `.b`, not `...b`
    }
    const w = text.slice(start, i);
    if (!keywords.has(w)) into.add(w);
  }
}

/** What a chunk binds, read from its head; undefined when the head is not a known form. */
function headBinds(
  language: FocusLanguage,
  text: string,
  kw: ReadonlySet<string>,
): Set<string> | undefined {
  const out = new Set<string>();
  if (language === 'js') {
    const decl = JS_DECL.exec(text);
    if (decl !== null) return out.add(decl[1]!);
    const imp = JS_IMPORT.exec(text);
    if (imp !== null) {
      addWords(imp[1]!, out, kw);
      return out;
    }
    const pattern = JS_PATTERN.exec(text);
    if (pattern !== null) {
      // `const { a, b: c } = …`: every word of the pattern (keys too).
      addWords(text.slice(pattern[0].length - 1, closing(text, pattern[0].length - 1)), out, kw);
      return out;
    }
    const v = JS_VAR.exec(text);
    if (v === null) return undefined;
    out.add(v[1]!);
    // `const a = 1, b = 2`: every word assigned after a comma, over-approximated.
    for (const m of text.matchAll(LATER_DECLARATOR)) out.add(m[1]!);
    return out;
  }
  // Decorators come first: the chunk's first column-0 `def`/`class` line is its statement.
  if (text.charCodeAt(0) === 64 || /^(?:async|def|class)\b/.test(text)) {
    const def = PY_DEF.exec(text);
    if (def === null) return undefined;
    out.add(def[1]!);
    for (const m of text.matchAll(/\b(?:global|nonlocal)[ \t]+([\w \t,]+)/g))
      addWords(m[1]!, out, kw);
    return out;
  }
  const imp = PY_IMPORT.exec(text);
  if (imp !== null) {
    addWords(imp[1]!, out, kw);
    return out;
  }
  const a = PY_ASSIGN.exec(text);
  if (a === null) return undefined;
  addWords(a[1]!, out, kw);
  for (const m of text.matchAll(ASSIGNED)) out.add(m[1]!);
  return out;
}

/** What an unknown statement (an `if`, a `try`, a top-level call) may bind, for callers. */
function looseBinds(language: FocusLanguage, text: string, kw: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(ASSIGNED)) if (!kw.has(m[1]!)) out.add(m[1]!);
  for (const m of text.matchAll(language === 'js' ? JS_DECLARED : PY_DECLARED)) {
    addWords(m[1]!, out, kw);
  }
  return out;
}

function chunksOf(text: string, language: FocusLanguage): Chunk[] {
  const starts: number[] = [0];
  const cont = CONTINUES[language];
  let decorated = false;
  for (const at of language === 'js' ? jsLines(text) : pythonLines(text)) {
    if (cont.test(text.slice(at, at + 8))) continue;
    // A decorator and the definition it decorates are one statement.
    const c = text.charCodeAt(at);
    if (decorated) {
      decorated = c === 64;
      continue;
    }
    decorated = c === 64;
    starts.push(at);
  }
  const kw = KEYWORDS[language];
  const chunks: Chunk[] = [];
  for (let k = 0; k < starts.length; k++) {
    const start = starts[k]!;
    const end = k + 1 < starts.length ? starts[k + 1]! : text.length;
    const body = text.slice(start, end);
    const uses = new Set<string>();
    addWords(text, uses, kw, start, end);
    const head =
      k === 0 && start === 0 && !startsChunk(language, text.charCodeAt(0))
        ? undefined
        : headBinds(language, body, kw);
    chunks.push({
      start,
      end,
      uses,
      binds: head ?? looseBinds(language, body, kw),
      exact: head !== undefined,
      state: 0,
    });
  }
  return chunks;
}

function intersects(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const x of small) if (large.has(x)) return true;
  return false;
}

/** Mark the chunks holding a match of any of `patterns` (global regular expressions). */
function markRelevant(
  text: string,
  chunks: readonly Chunk[],
  patterns: readonly RegExp[],
): Chunk[] {
  const out: Chunk[] = [];
  for (const re of patterns) {
    re.lastIndex = 0;
    let k = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      while (k + 1 < chunks.length && chunks[k + 1]!.start <= m.index) k++;
      out.push(chunks[k]!);
      // One match per chunk is enough: go on from the next chunk.
      const next = chunks[k + 1];
      if (next === undefined) break;
      re.lastIndex = Math.max(re.lastIndex, next.start);
      if (m[0].length === 0) re.lastIndex++;
    }
  }
  return out;
}

/**
 * Cut `text` to what can matter. `relevant` are global regular expressions for the names that
 * make a statement worth reading (SDK module names and globals, modules exporting wrappers).
 * Undefined when every chunk is kept (parse the file as it is).
 */
export function focus(
  text: string,
  language: FocusLanguage,
  relevant: readonly RegExp[],
): Focused | undefined {
  const chunks = chunksOf(text, language);
  if (chunks.length < 2) return undefined;
  const needed = new Set<string>();
  const reaching = new Set<string>();
  const keep = (c: Chunk, state: 1 | 2): void => {
    c.state = state;
    for (const w of c.uses) needed.add(w);
    if (state === 2) for (const w of c.binds) reaching.add(w);
  };
  for (const c of markRelevant(text, chunks, relevant)) if (c.state !== 2) keep(c, 2);
  for (let changed = true; changed;) {
    changed = false;
    for (const c of chunks) {
      if (c.state === 2) continue;
      if (intersects(c.uses, reaching)) {
        keep(c, 2);
        changed = true;
      } else if (c.state === 0 && intersects(c.exact ? c.binds : c.uses, needed)) {
        keep(c, 1);
        changed = true;
      }
    }
  }
  const ranges: Span[] = [];
  let keptChars = 0;
  for (const c of chunks) {
    if (c.state === 0) continue;
    keptChars += c.end - c.start;
    const last = ranges[ranges.length - 1];
    if (last !== undefined && last.end === c.start)
      ranges[ranges.length - 1] = { start: last.start, end: c.end };
    else ranges.push({ start: c.start, end: c.end });
  }
  if (keptChars === text.length) return undefined;
  let blanked: string | undefined;
  return {
    ranges,
    get text() {
      return (blanked ??= blankOutside(text, ranges));
    },
    kept: keptChars / Math.max(1, text.length),
    fits: (start, end) => {
      if (!startsChunkAt(chunks, start)) return false;
      for (const r of ranges) if (r.start <= start && start < r.end) return end <= r.end;
      return false;
    },
  };
}

/** The offset after the bracket that closes the one at `open` (or the end of the text). */
function closing(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 123 || c === 91) depth++;
    else if ((c === 125 || c === 93) && --depth === 0) return i + 1;
  }
  return text.length;
}

/** Whether a chunk starts at `at`. */
function startsChunkAt(chunks: readonly Chunk[], at: number): boolean {
  let lo = 0;
  let hi = chunks.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = chunks[mid]!.start;
    if (s === at) return true;
    if (s < at) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

const SPACES = ' '.repeat(1024);

function spaces(n: number): string {
  return n <= SPACES.length ? SPACES.slice(0, n) : ' '.repeat(n);
}

/** `text` with everything outside `ranges` blanked, line breaks kept. */
function blankOutside(text: string, ranges: readonly Span[]): string {
  const parts: string[] = [];
  let at = 0;
  for (const r of ranges) {
    if (r.start > at) parts.push(blank(text, at, r.start));
    parts.push(text.slice(r.start, r.end));
    at = r.end;
  }
  if (at < text.length) parts.push(blank(text, at, text.length));
  return parts.join('');
}

const LINE_BREAKS = /[\r\u2028\u2029]/;

function blank(text: string, start: number, end: number): string {
  const part = text.slice(start, end);
  if (LINE_BREAKS.test(part)) return part.replace(/[^\n\r\u2028\u2029]/g, ' ');
  let out = '';
  let i = 0;
  for (let nl = part.indexOf('\n'); nl >= 0; nl = part.indexOf('\n', i)) {
    out += spaces(nl - i) + '\n';
    i = nl + 1;
  }
  return out + spaces(part.length - i);
}
