/**
 * An event's own names, found again where it keeps text: an identify call's `traits.name:
 * "Hanako Kuroda"` is removed by name, and the same event's page title (`Profile – Hanako
 * Kuroda`), a URL slug (`/users/hanako-kuroda`) or a message (`Kuroda様`) must not hand it over.
 * Detection rules cannot know a rare name (`Kuroda` is on no list); the event says it is one.
 */
import type { Span } from './text-ops.js';

/** Longest name value read (longer values are text, not a name). */
const MAX_NAME = 64;
/** Names and handles read per event at most. */
const MAX_NAMES = 8;
/** Shortest handle looked for (`jo` would be found in too many words). */
const MIN_HANDLE = 3;
/** ASCII parts at least this long are matched in any case (`hanako-kuroda`); shorter ones as written. */
const FOLD_FROM = 4;
/** Words of a name that are not the person's (titles, suffixes). */
const NOT_PARTS = new Set(['mr', 'mrs', 'ms', 'mx', 'dr', 'prof', 'jr', 'sr', 'ii', 'iii', 'san']);
const SEPARATORS = /[\s\u3000・,.()（）/_-]+/;

/** What a value is: a person's name (looked for whole and word by word) or a handle (whole). */
export type EchoKind = 'name' | 'handle';

/** A value the event names a person by. */
export interface Echo {
  readonly value: string;
  readonly kind: EchoKind;
}

interface Part {
  /** As matched: lower case when `fold`. */
  readonly text: string;
  /** The redaction label: `name`, or `username` for a handle. */
  readonly label: string;
  readonly ascii: boolean;
  readonly fold: boolean;
}

function isAsciiWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function partOf(s: string, label: string): Part | undefined {
  if (s.length < 2 || /^\d+$/.test(s)) return undefined;
  // eslint-disable-next-line no-control-regex
  const ascii = /^[\x00-\x7f]*$/.test(s);
  if (ascii && NOT_PARTS.has(s.toLowerCase())) return undefined;
  const fold = ascii && s.length >= FOLD_FROM;
  return { text: fold ? s.toLowerCase() : s, label, ascii, fold };
}

/**
 * A finder of the spans of `echoes` (names whole and word by word, handles whole) in a text, or
 * undefined when none gives anything to look for. ASCII words must stand alone (`Kuroda` in
 * `Kurodas` is not one); words in other scripts (`黒田`, `ハナコ`) are found anywhere, as they
 * are written unspaced.
 */
export function createEchoFinder(echoes: readonly Echo[]): ((text: string) => Span[]) | undefined {
  const seen = new Set<string>();
  const parts: Part[] = [];
  const add = (s: string, label = 'name') => {
    const p = partOf(s, label);
    if (p === undefined || seen.has(`${p.fold}:${p.text}`)) return;
    seen.add(`${p.fold}:${p.text}`);
    parts.push(p);
  };
  for (const e of echoes.slice(0, MAX_NAMES)) {
    const value = e.value.trim();
    if (value.length > MAX_NAME) continue;
    if (e.kind === 'handle') {
      if (value.length >= MIN_HANDLE) add(value.replace(/^@/, ''), 'username');
      continue;
    }
    add(value);
    for (const w of value.split(SEPARATORS)) add(w);
  }
  if (parts.length === 0) return undefined;
  // Longer parts first: a whole name is one span, not one per word.
  parts.sort((a, b) => b.text.length - a.text.length);
  return (text) => {
    const spans: Span[] = [];
    let lower: string | undefined;
    for (const p of parts) {
      // ASCII letters only: the folded text keeps every offset of the original.
      const hay = p.fold ? (lower ??= text.replace(/[A-Z]+/g, (w) => w.toLowerCase())) : text;
      for (let at = hay.indexOf(p.text); at >= 0; at = hay.indexOf(p.text, at + 1)) {
        const end = at + p.text.length;
        if (
          p.ascii &&
          (isAsciiWordChar(hay.charCodeAt(at - 1)) || isAsciiWordChar(hay.charCodeAt(end)))
        )
          continue;
        spans.push({ start: at, end, label: p.label });
      }
    }
    return spans;
  };
}
