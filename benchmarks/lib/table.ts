/** Plain-text tables for the console. */

/** Render `rows` under `headers`, columns padded; numeric-looking cells right-aligned. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const numeric = /^[-+]?[\d.,]+\s*(%|×|ms|MB\/s)?$|^—$/;
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (numeric.test(c) && i > 0 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** `x` with `digits` decimals. */
export const fixed = (x: number, digits = 1): string =>
  Number.isFinite(x) ? x.toFixed(digits) : '—';

/** A ratio as a percentage. */
export const percent = (x: number, digits = 1): string =>
  Number.isFinite(x) ? `${(x * 100).toFixed(digits)}%` : '—';
