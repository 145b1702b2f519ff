/**
 * Aho-Corasick keyword automaton with a dense transition table.
 *
 * - ASCII letters are folded to lower case (ASCII only: Unicode lower-casing can change a
 *   string's length and shift spans, `'İ'.toLowerCase().length === 2`).
 * - Every character that occurs in a keyword (after folding) gets a symbol of its own, from 1;
 *   every other UTF-16 unit maps to symbol 0, which no keyword contains. The alphabet is as
 *   small as the keywords allow (a row of 128 symbols for the built-in rules instead of 256), so
 *   the transition table stays small enough to stay in the CPU's caches between strings.
 * - Matches overlap: every keyword ending at a position is reported, so `npm_` does not hide `npm`.
 *
 * The scanner inlines the transition (`state = delta[(state << bits) | symbols[c]]`), so the
 * tables are exposed read-only instead of wrapped in a per-character callback.
 */

/** At most this many distinct keyword characters (symbols are bytes; 0 is "no keyword has it"). */
const MAX_SYMBOLS = 255;

/** A compiled automaton. */
export interface Automaton {
  /** UTF-16 unit → symbol (0 for characters no keyword contains). */
  readonly symbols: Uint8Array;
  /** Row width of `delta` as a power of two: `1 << bits` symbols per state. */
  readonly bits: number;
  /** `delta[(state << bits) | symbol]` → next state; state 0 is the root. */
  readonly delta: Uint16Array | Uint32Array;
  /** Number of keywords ending in each state (0 for most states). */
  readonly outCount: Uint16Array;
  /** Keywords ending in state s are `outList[outStart[s] .. outStart[s] + outCount[s]]`. */
  readonly outStart: Uint32Array;
  /** Keyword indices. */
  readonly outList: Uint32Array;
  /** Length of each keyword in UTF-16 units. */
  readonly lengths: Uint32Array;
  /** The keywords as given, by index. */
  readonly keywords: readonly string[];
  /** Number of states. */
  readonly stateCount: number;
}

function foldAscii(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

/** Symbols of the keywords' characters (ASCII letters folded), and the row width in bits. */
function buildSymbols(keywords: readonly string[]): { symbols: Uint8Array; bits: number } {
  const symbols = new Uint8Array(65536);
  let next = 1;
  for (const k of keywords) {
    for (let i = 0; i < k.length; i++) {
      const c = foldAscii(k.charCodeAt(i));
      if (c === 0 || symbols[c] !== 0) continue;
      if (next > MAX_SYMBOLS)
        throw new Error(`automaton: more than ${MAX_SYMBOLS} distinct keyword characters`);
      symbols[c] = next++;
    }
  }
  // An upper-case ASCII letter reads as its lower-case symbol.
  for (let c = 65; c <= 90; c++) symbols[c] = symbols[c + 32]!;
  let bits = 1;
  while (1 << bits < next) bits++;
  return { symbols, bits };
}

/**
 * Compile keywords into an automaton. Empty keywords are rejected; duplicates are allowed
 * (each index is reported). Cost: O(total keyword length × alphabet size) time and table space.
 */
export function createAutomaton(keywords: readonly string[]): Automaton {
  const { symbols, bits } = buildSymbols(keywords);
  const width = 1 << bits;
  // Trie with sparse children while building.
  const children: Map<number, number>[] = [new Map()];
  const outputs: number[][] = [[]];
  keywords.forEach((k, index) => {
    if (k.length === 0) throw new Error('automaton: empty keyword');
    let s = 0;
    for (let i = 0; i < k.length; i++) {
      const sym = symbols[k.charCodeAt(i)] as number;
      if (sym === 0) throw new Error(`automaton: keyword ${JSON.stringify(k)} has a NUL character`);
      let t = children[s]!.get(sym);
      if (t === undefined) {
        t = children.length;
        children.push(new Map());
        outputs.push([]);
        children[s]!.set(sym, t);
      }
      s = t;
    }
    outputs[s]!.push(index);
  });
  const n = children.length;
  const delta = n < 65536 ? new Uint16Array(n * width) : new Uint32Array(n * width);
  const fail = new Uint32Array(n);
  // Breadth-first: fill the dense row of each state from its failure state's row.
  const queue: number[] = [];
  for (const [sym, t] of children[0]!) {
    delta[sym] = t;
    queue.push(t);
  }
  for (let qi = 0; qi < queue.length; qi++) {
    const s = queue[qi]!;
    const f = fail[s]!;
    for (let sym = 0; sym < width; sym++) delta[(s << bits) | sym] = delta[(f << bits) | sym]!;
    for (const [sym, t] of children[s]!) {
      fail[t] = delta[(f << bits) | sym]!;
      delta[(s << bits) | sym] = t;
      // Dictionary suffix outputs: everything the failure state reports, this one reports too.
      outputs[t]!.push(...outputs[fail[t]!]!);
      queue.push(t);
    }
  }
  const outCount = new Uint16Array(n);
  const outStart = new Uint32Array(n);
  const flat: number[] = [];
  for (let s = 0; s < n; s++) {
    outStart[s] = flat.length;
    outCount[s] = outputs[s]!.length;
    flat.push(...outputs[s]!);
  }
  return {
    symbols,
    bits,
    delta,
    outCount,
    outStart,
    outList: Uint32Array.from(flat),
    lengths: Uint32Array.from(keywords, (k) => k.length),
    keywords,
    stateCount: n,
  };
}

/**
 * Every keyword occurrence in `text` as `[keywordIndex, start]` pairs, in order of end position.
 * Reference implementation for tests and cold paths; the scanner inlines the same loop.
 */
export function findAll(a: Automaton, text: string): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  const { symbols, bits, delta, outCount, outStart, outList, lengths } = a;
  let state = 0;
  for (let i = 0; i < text.length; i++) {
    state = delta[(state << bits) | symbols[text.charCodeAt(i)]!]!;
    const k = outCount[state]!;
    for (let j = 0; j < k; j++) {
      const kw = outList[outStart[state]! + j]!;
      found.push([kw, i + 1 - lengths[kw]!]);
    }
  }
  return found;
}
