/**
 * Writes schema/veil.schema.json from ConfigSchema: `npm run build && npm run schema`.
 * json-schema.test.ts fails while the checked-in file is stale.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { configJsonSchemaText } from './json-schema.js';

// The checked-in schema, relative to this module in dist/config/.
const SCHEMA_FILE = fileURLToPath(new URL('../../schema/veil.schema.json', import.meta.url));

mkdirSync(fileURLToPath(new URL('../../schema/', import.meta.url)), { recursive: true });
writeFileSync(SCHEMA_FILE, configJsonSchemaText());
process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
