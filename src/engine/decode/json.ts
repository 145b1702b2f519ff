/**
 * A JSON parser that also remembers where each string member sits in the source text, so a
 * finding inside a JSON document stored in a string value can be mapped back to exact offsets.
 */

/** Raw location of a string literal's content (between the quotes) in the source. */
export interface Literal {
  readonly start: number;
  readonly end: number;
  /** True when the literal contains backslash escapes (then offsets do not map 1:1). */
  readonly escaped: boolean;
}

/** Parsed value plus, per container, the literals of its string members. */
export interface LocatedJson {
  readonly value: unknown;
  readonly literals: WeakMap<object, Map<string | number, Literal>>;
}

const MAX_DEPTH = 64;

class Parser {
  i = 0;
  readonly literals = new WeakMap<object, Map<string | number, Literal>>();
  constructor(readonly s: string) {}

  fail(): never {
    throw new SyntaxError(`invalid JSON at offset ${this.i}`);
  }
  ws(): void {
    const s = this.s;
    while (this.i < s.length) {
      const c = s.charCodeAt(this.i);
      if (c !== 32 && c !== 10 && c !== 13 && c !== 9) break;
      this.i++;
    }
  }
  value(depth: number): { v: unknown; lit?: Literal } {
    if (depth > MAX_DEPTH) this.fail();
    this.ws();
    const c = this.s[this.i];
    if (c === '{') return { v: this.object(depth) };
    if (c === '[') return { v: this.array(depth) };
    if (c === '"') return this.string();
    return { v: this.scalar() };
  }
  string(): { v: string; lit: Literal } {
    const s = this.s;
    const start = ++this.i;
    let escaped = false;
    while (this.i < s.length) {
      const c = s.charCodeAt(this.i);
      if (c === 34) break;
      if (c < 32) this.fail();
      if (c === 92) {
        escaped = true;
        this.i++;
      }
      this.i++;
    }
    if (this.i >= s.length) this.fail();
    const end = this.i++;
    const raw = s.slice(start, end);
    const v = escaped ? (JSON.parse(`"${raw}"`) as string) : raw;
    return { v, lit: { start, end, escaped } };
  }
  scalar(): unknown {
    const m = /-?(?:0|[1-9]\d{0,400})(?:\.\d{1,400})?(?:[eE][+-]?\d{1,400})?|true|false|null/y;
    m.lastIndex = this.i;
    const r = m.exec(this.s);
    if (r === null) this.fail();
    this.i += r[0].length;
    return JSON.parse(r[0]);
  }
  object(depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const lits = new Map<string | number, Literal>();
    this.i++;
    this.ws();
    if (this.s[this.i] === '}') {
      this.i++;
      return out;
    }
    for (;;) {
      this.ws();
      if (this.s[this.i] !== '"') this.fail();
      const key = this.string().v;
      this.ws();
      if (this.s[this.i++] !== ':') this.fail();
      const { v, lit } = this.value(depth + 1);
      // defineProperty: a "__proto__" key stays an own property, never the prototype.
      Object.defineProperty(out, key, {
        value: v,
        enumerable: true,
        writable: true,
        configurable: true,
      });
      if (lit) lits.set(key, lit);
      this.ws();
      const c = this.s[this.i++];
      if (c === '}') break;
      if (c !== ',') this.fail();
    }
    if (lits.size > 0) this.literals.set(out, lits);
    return out;
  }
  array(depth: number): unknown[] {
    const out: unknown[] = [];
    const lits = new Map<string | number, Literal>();
    this.i++;
    this.ws();
    if (this.s[this.i] === ']') {
      this.i++;
      return out;
    }
    for (;;) {
      const { v, lit } = this.value(depth + 1);
      if (lit) lits.set(out.length, lit);
      out.push(v);
      this.ws();
      const c = this.s[this.i++];
      if (c === ']') break;
      if (c !== ',') this.fail();
    }
    if (lits.size > 0) this.literals.set(out, lits);
    return out;
  }
}

/**
 * Parse `text` as a JSON object or array. Returns undefined when it is not valid JSON or not a
 * container (a bare string or number inside a string is not worth a layer).
 */
export function parseLocated(text: string): LocatedJson | undefined {
  const p = new Parser(text);
  try {
    p.ws();
    const c = text[p.i];
    if (c !== '{' && c !== '[') return undefined;
    const { v } = p.value(0);
    p.ws();
    if (p.i !== text.length) return undefined;
    return { value: v, literals: p.literals };
  } catch {
    return undefined;
  }
}

/**
 * Offsets in the raw literal for each UTF-16 unit of its decoded value: `map[k]` is where decoded
 * unit k starts in the source, `map[len]` is the literal's end. Only built for escaped literals.
 */
export function literalMap(source: string, lit: Literal): Int32Array {
  const map: number[] = [];
  for (let i = lit.start; i < lit.end;) {
    if (source.charCodeAt(i) !== 92) {
      map.push(i++);
      continue;
    }
    const e = source[i + 1];
    map.push(i);
    i += e === 'u' ? 6 : 2;
  }
  map.push(lit.end);
  return Int32Array.from(map);
}

/**
 * True when `text`, read as JSON, opens more than `limit` arrays or objects inside each other
 * (brackets inside string literals do not count). Stops at the first bracket past the limit, so
 * `[[[[…` costs `limit` characters however long it is. Text that is not JSON may also answer
 * true; callers treat such text as too deep to scan.
 */
export function nestsDeeper(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > limit) return true;
    } else if (c === 93 || c === 125) depth--;
  }
  return false;
}
