/**
 * Config problems as users read them: `dotted.path: message (line L)`. Array indices print as
 * `rules[2]`, like event paths (engine/path.ts). Messages name paths and expectations, never
 * the values found, so a misplaced secret is not echoed to a terminal or a log.
 */
import type { z } from 'zod';

/** One problem before rendering. */
export interface ConfigProblem {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

const PLAIN_KEY = /^[A-Za-z0-9_$-]{1,64}$/;
const MAX_KEY = 64;

/**
 * Render a path: plain keys (letters, digits, `_`, `$`, `-`) joined with `.`, indices as
 * `[n]`, other keys as `["…"]` (JSON string, cut at 64 characters). The empty path is `(root)`.
 */
export function formatConfigPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (typeof seg === 'string' && PLAIN_KEY.test(seg)) out += out === '' ? seg : `.${seg}`;
    else {
      const s = String(seg);
      out += `[${JSON.stringify(s.length > MAX_KEY ? s.slice(0, MAX_KEY) + '…' : s)}]`;
    }
  }
  return out === '' ? '(root)' : out;
}

const NOUNS: Readonly<Record<string, string>> = {
  object: 'a mapping',
  record: 'a mapping',
  map: 'a mapping',
  array: 'a list',
  tuple: 'a list',
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'true or false',
};

/** What kind of value was found, without the value. */
function kindOf(input: unknown): string {
  if (input === null) return 'nothing (null)';
  if (Array.isArray(input)) return 'a list';
  if (typeof input === 'object') return 'a mapping';
  if (typeof input === 'number') return Number.isInteger(input) ? 'a number' : 'a fraction';
  if (typeof input === 'boolean') return 'true or false';
  return `a ${typeof input}`;
}

/**
 * Per-parse error map: `required` for missing keys and `expected X, got Y` type errors.
 * Schema-level messages take precedence over it.
 */
export const configErrorMap: z.core.$ZodErrorMap = (issue) => {
  if (
    issue.input === undefined &&
    (issue.code === 'invalid_type' || issue.code === 'invalid_value')
  )
    return 'required';
  if (issue.code === 'invalid_type') {
    return `expected ${NOUNS[issue.expected] ?? issue.expected}, got ${kindOf(issue.input)}`;
  }
  // The allowed values come from the schema, never from the input.
  if (issue.code === 'invalid_value')
    return `must be one of: ${issue.values.map(String).join(', ')}`;
  return undefined;
};

/** A union branch that failed only because the value has another type. */
function typeMismatch(branch: readonly z.core.$ZodIssue[]): boolean {
  return branch.length === 1 && branch[0]?.code === 'invalid_type' && branch[0].path.length === 0;
}

/**
 * Turn zod issues into problems: one per unknown key, union errors replaced by the issues of
 * the one branch the value was meant for (a policy object rather than a policy name).
 */
export function flattenIssues(
  issues: readonly z.core.$ZodIssue[],
  prefix: readonly PropertyKey[] = [],
): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      for (const k of issue.keys) out.push({ path: [...path, k], message: 'unknown key' });
    } else if (issue.code === 'invalid_union') {
      const live = issue.errors.filter((b) => !typeMismatch(b));
      const only = live.length === 1 ? live[0] : undefined;
      if (only !== undefined) out.push(...flattenIssues(only, path));
      else if (issue.discriminator !== undefined && 'options' in issue && issue.options) {
        out.push({ path, message: `must be one of: ${issue.options.join(', ')}` });
      } else out.push({ path, message: issue.message });
    } else if (issue.code === 'invalid_key') {
      out.push({ path, message: issue.issues.map((i) => i.message).join('; ') });
    } else out.push({ path, message: issue.message });
  }
  return out;
}

/** `dotted.path: message`, plus ` (line L)` when the line is known. */
export function renderProblem(
  p: ConfigProblem,
  lineOf: (path: readonly PropertyKey[]) => number | undefined,
): string {
  const line = lineOf(p.path);
  return `${formatConfigPath(p.path)}: ${p.message}${line === undefined ? '' : ` (line ${line})`}`;
}
