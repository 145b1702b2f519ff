/**
 * Aho-Corasick keyword automaton with a dense transition table.
 *
 * - ASCII letters are folded to lower case (ASCII only: Unicode lower-casing can change a
 *   string's length and shift spans, `'İ'.toLowerCase().length === 2`).
 * - Non-ASCII characters that occur in keywords (`〒`, `都`, …) get symbols of their own;
 *   every other non-ASCII UTF-16 unit maps to symbol 0, which no keyword contains.
 * - Matches overlap: every keyword ending at a position is reported, so `npm_` does not hide `npm`.
 *
 * The scanner inlines the transition (`state = delta[(state << 8) | symbols[c]]`), so the
 * tables are exposed read-only instead of wrapped in a per-character callback.
 */

/** Alphabet size: 128 ASCII symbols plus up to 128 non-ASCII keyword characters. */
const ALPHABET_BITS = 8;
const ALPHABET = 1 << ALPHABET_BITS;

/** A compiled automaton. */
export interface Automaton {
  /** UTF-16 unit → symbol (0..255). */
  readonly symbols: Uint8Array;
  /** `delta[(state << 8) | symbol]` → next state; state 0 is the root. */
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

function buildSymbols(keywords: readonly string[]): Uint8Array {
  const symbols = new Uint8Array(65536);
  for (let c = 1; c < 128; c++) symbols[c] = foldAscii(c);
  let next = 128;
  for (const k of keywords) {
    for (let i = 0; i < k.length; i++) {
      const c = k.charCodeAt(i);
      if (c >= 128 && symbols[c] === 0) {
        if (next >= ALPHABET)
          throw new Error('automaton: more than 128 distinct non-ASCII keyword characters');
        symbols[c] = next++;
      }
    }
  }
  return symbols;
}

/**
 * Compile keywords into an automaton. Empty keywords are rejected; duplicates are allowed
 * (each index is reported). Cost: O(total keyword length × 256) time and table space.
 */
export function createAutomaton(keywords: readonly string[]): Automaton {
  const symbols = buildSymbols(keywords);
  // Trie with sparse children while building.
  const children: Map<number, number>[] = [new Map()];
  const outputs: number[][] = [[]];
  keywords.forEach((k, index) => {
    if (k.length === 0) throw new Error('automaton: empty keyword');
    let s = 0;
    for (let i = 0; i < k.length; i++) {
      const sym = symbols[k.charCodeAt(i)] as number;
      if (sym === 0)
        throw new Error(`automaton: keyword ${JSON.stringify(k)} has an unsupported character`);
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
  const delta = n < 65536 ? new Uint16Array(n * ALPHABET) : new Uint32Array(n * ALPHABET);
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
    for (let sym = 0; sym < ALPHABET; sym++)
      delta[(s << ALPHABET_BITS) | sym] = delta[(f << ALPHABET_BITS) | sym]!;
    for (const [sym, t] of children[s]!) {
      fail[t] = delta[(f << ALPHABET_BITS) | sym]!;
      delta[(s << ALPHABET_BITS) | sym] = t;
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
  const { symbols, delta, outCount, outStart, outList, lengths } = a;
  let state = 0;
  for (let i = 0; i < text.length; i++) {
    state = delta[(state << ALPHABET_BITS) | symbols[text.charCodeAt(i)]!]!;
    const k = outCount[state]!;
    for (let j = 0; j < k; j++) {
      const kw = outList[outStart[state]! + j]!;
      found.push([kw, i + 1 - lengths[kw]!]);
    }
  }
  return found;
}
