/**
 * The JSON Schema (draft 2020-12) of `veil.yaml` for editors, generated from ConfigSchema. It
 * describes the input side (keys with defaults are optional). Checks zod runs in code
 * (cross-references, the `type: truncate` rule, category names) are not in it; `veil` reports
 * those at startup.
 */
import { z } from 'zod';
import { ConfigSchema } from './schema.js';

/** `$id` of the generated schema (a URN: it names the schema without claiming a web address). */
export const CONFIG_SCHEMA_ID = 'urn:veil:config:v1';

/** The JSON Schema of the config file, as a plain JSON value. Deterministic. */
export function configJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(ConfigSchema, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  // Put the identifying keys first so the file reads well.
  return { $schema, $id: CONFIG_SCHEMA_ID, title: rest.title, ...rest };
}

/** The schema file's text: 2-space JSON with a trailing newline. */
export function configJsonSchemaText(): string {
  return JSON.stringify(configJsonSchema(), null, 2) + '\n';
}
