/** NDJSON input for the CLI: one JSON value per line, numbered from 1. */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { VeilError } from '../errors.js';

/** One input line: its number and either the parsed value or the parse error. */
export type NdjsonLine =
  | { readonly line: number; readonly value: unknown }
  | { readonly line: number; readonly error: string };

/** Open `file` for reading, or stdin for `-`/undefined; a missing file is VEIL_E_INPUT_READ. */
export async function openInput(file: string | undefined, stdin: Readable): Promise<Readable> {
  if (file === undefined || file === '-') return stdin;
  try {
    const s = await stat(file);
    if (!s.isFile()) throw new Error('not a regular file');
  } catch (e) {
    throw new VeilError('VEIL_E_INPUT_READ', `cannot read ${file}: ${(e as Error).message}`);
  }
  return createReadStream(file);
}

/** Lines of `input`, parsed; blank lines are skipped (but counted). */
export async function* readNdjson(input: Readable): AsyncGenerator<NdjsonLine> {
  const rl = createInterface({ input, crlfDelay: Infinity });
  let line = 0;
  for await (const text of rl) {
    line++;
    if (text.trim() === '') continue;
    try {
      yield { line, value: JSON.parse(text) as unknown };
    } catch (e) {
      yield { line, error: (e as Error).message };
    }
  }
}
