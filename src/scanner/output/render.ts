/**
 * One entry point for every `veil scan --format`: the same scan result and reported findings
 * (after `--baseline`) rendered as a table, JSON, SARIF, a tracking plan or a Veil policy.
 */
import type { Category } from '../../engine/types.js';
import type { Finding, ScanResult } from '../types.js';
import type { VendorDefinition } from '../vendors/types.js';
import { toInventory } from './inventory.js';
import { renderJson } from './json.js';
import { renderPlan } from './plan.js';
import { renderPolicy } from './policy.js';
import { renderSarif } from './sarif.js';
import { renderTable } from './table.js';

/** The formats of `veil scan --format`, the default first. */
export const SCAN_FORMATS = ['table', 'json', 'sarif', 'plan', 'policy'] as const;

/** One of `SCAN_FORMATS`. */
export type ScanFormat = (typeof SCAN_FORMATS)[number];

/** What every format may use besides the result. */
export interface RenderOptions {
  /** The findings to report (after `--baseline`); default: all of the result's. */
  readonly findings?: readonly Finding[];
  /** How many findings the baseline held back. */
  readonly baseline?: number;
  /** `--allow`, for the policy format (the findings already reflect it). */
  readonly allow?: ReadonlyMap<string, readonly Category[]>;
  readonly vendors?: readonly VendorDefinition[];
}

/** `result` as text in `format` (every format ends with a newline). */
export function renderScan(result: ScanResult, format: ScanFormat, o: RenderOptions = {}): string {
  const findings = o.findings ?? result.findings;
  const vendors = o.vendors !== undefined ? { vendors: o.vendors } : {};
  const inventory = () =>
    toInventory(result, {
      ...vendors,
      findings,
      ...(o.baseline !== undefined ? { baseline: o.baseline } : {}),
    });
  switch (format) {
    case 'table':
      return renderTable(result, {
        ...vendors,
        findings,
        ...(o.baseline !== undefined ? { baseline: o.baseline } : {}),
      });
    case 'json':
      return renderJson(inventory());
    case 'sarif':
      return renderSarif(findings, vendors);
    case 'plan':
      return renderPlan(inventory());
    case 'policy':
      return renderPolicy(inventory(), { ...vendors, ...(o.allow ? { allow: o.allow } : {}) });
  }
}
