/**
 * PostHog's `$elements_chain`: the clicked element and its ancestors as one string, elements
 * joined by `;`, each `tag.class1.class2:name="value"name="value"…` with `"` escaped as `\"`
 * inside values (`a.nav:attr__href="/invoices/77812"href="/invoices/77812"nth-child="2"text="Pay"`).
 * The policy rewrites its attribute values one by one (an `href` is a URL, `attr__data-user-id` a
 * user's id), then scans the whole string as kept text.
 */

/** Longest attribute name read. */
const MAX_NAME = 64;

function isNameChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45
  );
}

const unescape = (v: string): string => (v.includes('\\"') ? v.replace(/\\"/g, '"') : v);
const escape = (v: string): string => v.replace(/\\?"/g, '\\"');

/**
 * `chain` with each attribute's value replaced by `rewrite(name, value)` (the value unescaped;
 * undefined removes the attribute), in one pass. Text outside attribute values (tags, classes)
 * is copied as it is; so is a value whose closing quote is missing.
 */
export function rewriteElementsChain(
  chain: string,
  rewrite: (name: string, value: string) => string | undefined,
): string {
  let out = '';
  let copied = 0;
  let i = chain.indexOf('="');
  while (i > 0) {
    let s = i;
    while (s > 0 && i - s < MAX_NAME && isNameChar(chain.charCodeAt(s - 1))) s--;
    // The value ends at the next `"` not escaped.
    let e = i + 2;
    for (;;) {
      e = chain.indexOf('"', e);
      if (e < 0 || chain.charCodeAt(e - 1) !== 92) break;
      e++;
    }
    if (e < 0) break;
    if (s < i) {
      const name = chain.slice(s, i);
      const raw = chain.slice(i + 2, e);
      const value = unescape(raw);
      const next = rewrite(name, value);
      if (next !== value) {
        out += chain.slice(copied, s);
        if (next !== undefined) out += `${name}="${escape(next)}"`;
        copied = e + 1;
      }
    }
    i = chain.indexOf('="', e + 1);
  }
  return copied === 0 ? chain : out + chain.slice(copied);
}

/** The attribute's name as the field classifier should read it: `attr__data-user-id` → `data-user-id`. */
export function attributeName(name: string): string {
  return name.startsWith('attr__') ? name.slice(6) : name;
}
