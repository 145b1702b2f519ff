/**
 * `veil scan --format json`: the inventory as JSON text, and reading such a file back (for
 * `--baseline` and `veil map --scan`). Reading checks the shape and keeps only known keys.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { VeilError } from '../../errors.js';
import type { ScanInventory } from './inventory.js';

/** The inventory as JSON text: two-space indent, trailing newline. */
export function renderJson(inventory: ScanInventory): string {
  return JSON.stringify(inventory, null, 2) + '\n';
}

const via = z.object({ wrapper: z.string(), file: z.string(), line: z.number() });

const finding = z.object({
  kind: z.enum(['flow', 'literal', 'config']),
  rule: z.string(),
  vendor: z.string(),
  call: z.string(),
  event: z.string().optional(),
  path: z.string().optional(),
  category: z.string().optional(),
  form: z.enum(['raw', 'hashed']).optional(),
  allowed: z.boolean(),
  severity: z.enum(['error', 'warning', 'note']),
  message: z.string(),
  file: z.string(),
  line: z.number(),
  column: z.number(),
  via: via.optional(),
  fingerprint: z.string(),
});

const sink = z.enum([
  'event',
  'page',
  'identify',
  'alias',
  'profile',
  'group',
  'context',
  'error',
  'revenue',
]);

const event = z.object({
  event: z.string(),
  computed: z.literal(true).optional(),
  calls: z.array(
    z.object({
      call: z.string(),
      file: z.string(),
      line: z.number(),
      sink,
      via: via.optional(),
    }),
  ),
  properties: z.array(
    z.object({
      path: z.string(),
      type: z.string(),
      categories: z.array(z.string()),
      form: z.enum(['raw', 'hashed']),
    }),
  ),
});

const count = z.number().int().min(0);

/** The schema of a `veil scan --format json` document. */
export const ScanInventorySchema = z.object({
  version: z.literal(1),
  tool: z.object({ name: z.literal('veil'), version: z.string() }),
  vendors: z.array(z.object({ id: z.string(), name: z.string(), events: z.array(event) })),
  findings: z.array(finding),
  problems: z.array(z.object({ file: z.string(), message: z.string() })),
  stats: z.object({
    files: count,
    bytes: count,
    parsed: count,
    calls: count,
    findings: z.object({ error: count, warning: count, note: count }),
    baseline: count.optional(),
  }),
});

/**
 * Parse the text of a `veil scan --format json` file named `file`. Throws VEIL_E_INPUT_READ
 * when it is not JSON or not such a document, naming the first problems by path.
 */
export function parseScanJson(text: string, file: string): ScanInventory {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new VeilError(
      'VEIL_E_INPUT_READ',
      `${file} is not JSON (expected veil scan --format json output)`,
    );
  }
  const r = ScanInventorySchema.safeParse(value);
  if (!r.success) {
    const problems = r.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new VeilError(
      'VEIL_E_INPUT_READ',
      `${file} is not the output of veil scan --format json`,
      problems,
    );
  }
  return r.data as ScanInventory;
}

/** Read and parse a `veil scan --format json` file; VEIL_E_INPUT_READ when it cannot be read. */
export function readScanJson(file: string): ScanInventory {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new VeilError('VEIL_E_INPUT_READ', `cannot read ${file} (${why})`);
  }
  return parseScanJson(text, file);
}
