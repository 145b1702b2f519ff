/**
 * The owner's user table for `veil impact --users`: a CSV file with a header row. Only the id
 * column (and the optional email column) is read; values are never put in error messages.
 */
import { VeilError } from '../errors.js';
import { parseCsv } from './csv.js';

/** One user of the owner's table. */
export interface User {
  readonly id: string;
  readonly email?: string;
}

/**
 * Users of `text` (CSV named `file` in messages): rows with an empty id are skipped. Throws
 * VEIL_E_INPUT_READ for malformed CSV, VEIL_E_USAGE for a missing column.
 */
export function readUsers(
  text: string,
  file: string,
  idColumn: string,
  emailColumn?: string,
): User[] {
  const csv = parseCsv(text);
  if (!csv.ok) throw new VeilError('VEIL_E_INPUT_READ', `${file}: ${csv.error}`);
  const [header = [], ...rows] = csv.rows;
  const column = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0)
      throw new VeilError(
        'VEIL_E_USAGE',
        `${file} has no column ${JSON.stringify(name)}; columns: ${header.map((h) => JSON.stringify(h)).join(', ')}`,
      );
    return i;
  };
  const id = column(idColumn);
  const email = emailColumn === undefined ? undefined : column(emailColumn);
  const users: User[] = [];
  for (const r of rows) {
    const value = r[id]?.trim() ?? '';
    if (value === '') continue;
    users.push(email === undefined ? { id: value } : { id: value, email: r[email] ?? '' });
  }
  return users;
}
