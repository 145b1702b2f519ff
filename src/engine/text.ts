/** Small text helpers shared by rules and validators. All are linear in their input. */

const counts = new Int32Array(128);
const LOG2 = Math.log2;

/** Shannon entropy of `s` in bits per character (0 for the empty string). */
export function shannonEntropy(s: string): number {
  const n = s.length;
  if (n === 0) return 0;
  for (let i = 0; i < n; i++) if (s.charCodeAt(i) >= 128) return entropySlow(s);
  // ASCII: count in a reused table, then sum over the characters seen and reset them.
  for (let i = 0; i < n; i++) counts[s.charCodeAt(i)]!++;
  let h = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    const k = counts[c]!;
    if (k === 0) continue;
    const p = k / n;
    h -= p * LOG2(p);
    counts[c] = 0;
  }
  return h;
}

function entropySlow(s: string): number {
  const n = s.length;
  const m = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    m.set(c, (m.get(c) ?? 0) + 1);
  }
  let h = 0;
  for (const k of m.values()) {
    const p = k / n;
    h -= p * LOG2(p);
  }
  return h;
}

/** True for ASCII letters and digits. */
export function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** True for ASCII digits. */
export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** True for ASCII capital letters. */
export function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}

/** True for ASCII letters. */
export function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** True for ASCII letters, digits and `_`: characters that glue a token to its neighbour. */
export function isWordChar(c: number): boolean {
  return isAlnum(c) || c === 95;
}

const PLACEHOLDER_WORDS =
  /example|sample|dummy|placeholder|changeme|change_me|your[_-]?(?:api|secret|token|key|password)|redacted|xxxx|\*\*\*\*|\.\.\.|<[a-z_ -]{1,40}>|\$\{|\{\{|%[a-z_]{1,20}%/i;

/**
 * True when a candidate secret looks like a placeholder rather than a real value:
 * documentation words (`EXAMPLE`, `your_api_key`), masks (`xxxx`, `****`), template syntax
 * (`${TOKEN}`, `{{token}}`, `<token>`), or a run of 6+ identical characters.
 */
export function isPlaceholder(s: string): boolean {
  if (PLACEHOLDER_WORDS.test(s)) return true;
  let run = 1;
  for (let i = 1; i < s.length; i++) {
    run = s.charCodeAt(i) === s.charCodeAt(i - 1) ? run + 1 : 1;
    if (run >= 6) return true;
  }
  return false;
}

/** A typed array of the same kind, `size` long, holding `a`'s elements first (`size ≥ a.length`). */
export function grown<
  T extends Uint8Array<ArrayBuffer> | Uint16Array<ArrayBuffer> | Int32Array<ArrayBuffer>,
>(a: T, size: number): T {
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a);
  return b;
}
