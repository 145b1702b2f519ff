/**
 * RFC 4180 CSV: quoted fields with `""` escapes, commas and line breaks inside quotes, CRLF or LF
 * line ends, an optional UTF-8 BOM. Enough to read an owner's user export; no dependency.
 */

/** Parsed rows, or an error that names the line (never the content). */
export type CsvResult =
  { readonly ok: true; readonly rows: string[][] } | { readonly ok: false; readonly error: string };

/** Parse `text` into rows of fields. A blank final line is ignored. Never throws. */
export function parseCsv(text: string): CsvResult {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  const endField = () => {
    row.push(field);
    field = '';
  };
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted && ch !== '"') {
      if (ch === '\n') line++;
      field += ch;
    } else if (quoted) {
      quoted = text[i + 1] === '"'; // `""` is a quote inside the field
      if (quoted) field += text[++i];
      else if (!/^(?:[,\r\n]|)$/.test(text[i + 1] ?? ''))
        return { ok: false, error: `line ${line}: characters after a closing quote` };
    } else if (ch === '"') {
      if (field !== '')
        return { ok: false, error: `line ${line}: a quote inside an unquoted field` };
      quoted = true;
    } else if (ch === ',') endField();
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endField();
      rows.push(row);
      row = [];
      line++;
    } else field += ch;
  }
  if (quoted) return { ok: false, error: `line ${line}: a quoted field is not closed` };
  if (field !== '' || row.length > 0) {
    endField();
    rows.push(row);
  }
  return { ok: true, rows };
}

/** One CSV field: quoted when it holds a comma, quote, CR or LF (or starts with `=+-@`, to keep
 * spreadsheets from running it as a formula). */
export function csvField(value: string): string {
  const formula = /^[=+\-@]/.test(value);
  if (!formula && !/[",\r\n]/.test(value)) return value;
  return `"${formula ? "'" : ''}${value.replace(/"/g, '""')}"`;
}

/** Rows as CSV text with CRLF line ends (RFC 4180). */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => r.map(csvField).join(',') + '\r\n').join('');
}
