/**
 * An event's own names, found again where it keeps text: an identify call's `traits.name:
 * "Hanako Kuroda"` is removed by name, and the same event's page title (`Profile – Hanako
 * Kuroda`), a URL slug (`/users/hanako-kuroda`) or a message (`Kuroda様`) must not hand it over.
 * Detection rules cannot know a rare name (`Kuroda` is on no list); the event says it is one.
 */
import { VENDOR_PSEUDONYM } from '../ledger/validate.js';
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

const ASCII = /^[\x00-\x7f]*$/;

function partOf(s: string, label: string): Part | undefined {
  if (s.length < 2 || /^\d+$/.test(s)) return undefined;
  const ascii = ASCII.test(s);
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
  // One regex per way of matching, longer parts first: a whole name is one span, not one per
  // word. The label of a match is looked up by its text.
  parts.sort((a, b) => b.text.length - a.text.length);
  const labels = new Map(parts.map((p) => [p.text, p.label]));
  // An ASCII part must stand alone: the lookarounds let the regex fall back to a shorter part
  // where a longer one does not (`Hanako Kurodas`: `Hanako`).
  const source = (p: Part) => {
    const escaped = p.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return p.ascii ? `(?<![A-Za-z0-9])${escaped}(?![A-Za-z0-9])` : escaped;
  };
  const search = (ps: readonly Part[], flags: string): RegExp | undefined =>
    ps.length === 0 ? undefined : new RegExp(ps.map(source).join('|'), flags);
  const folded = search(
    parts.filter((p) => p.fold),
    'gi',
  );
  const exact = search(
    parts.filter((p) => !p.fold),
    'g',
  );
  const shortest = parts[parts.length - 1]!.text.length;
  const scan = (re: RegExp, text: string, fold: boolean, spans: Span[]) => {
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      const label = labels.get(fold ? m[0].toLowerCase() : m[0]) ?? 'name';
      spans.push({ start: m.index, end: m.index + m[0].length, label });
    }
  };
  return (text) => {
    const spans: Span[] = [];
    // A pseudonym the policy made (`k1_…_Li-…`) is no text: a short name part must not cut it.
    if (text.length < shortest || VENDOR_PSEUDONYM.test(text)) return spans;
    if (folded !== undefined) scan(folded, text, true, spans);
    if (exact !== undefined) scan(exact, text, false, spans);
    return spans;
  };
}
