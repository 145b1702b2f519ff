/** Escaping app data (event names, paths) for the text formats `veil map` writes. */

/** Escape for HTML text and attribute values (double-quoted). */
export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Control characters (line breaks included) become spaces: one value stays on one line. */
export const oneLine = (s: string): string =>
  s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ');

/**
 * Escape for Markdown inline text (table cells included): Markdown punctuation is
 * backslash-escaped and `<`, `>`, `&` become entities, so no app data turns into markup.
 */
export function escapeMarkdown(s: string): string {
  return oneLine(s)
    .replace(/[\\`*_{}[\]#+!|~]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/**
 * App data as a Markdown code span that is safe in a table cell: a backtick fence longer than
 * any backtick run inside, and `|` escaped (GFM splits cells on it even in code spans).
 */
export function markdownCode(s: string): string {
  const text = oneLine(s).replace(/\|/g, '\\|');
  const fence = '`'.repeat(Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length)) + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || text === '' ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** Escape for a quoted Mermaid label (`["…"]`): entity codes for quotes and markup characters. */
export function escapeMermaid(s: string): string {
  return oneLine(s).replace(/[#"<>&`]/g, (c) => `#${c.charCodeAt(0)};`);
}
