/** Builds the field-name context rules see. */
import { classifyField, normalizeKey } from './fields/classify.js';
import type { ScanContext } from './types.js';

/** Scan context for a value stored under `key` (inside an object keyed `parent`). */
export function classifyKey(key: string, parent?: string): ScanContext {
  if (key === '') return { key: '', keyCategory: undefined };
  return { key: normalizeKey(key), keyCategory: classifyField(key, parent)?.category };
}
