/**
 * `veil scan --format sarif`: SARIF 2.1.0 for GitHub code scanning (upload-sarif). One run; one
 * rule per distinct finding rule; one result per finding with a relative location under
 * `%SRCROOT%` and the finding's fingerprint as `partialFingerprints['veil/v1']`, so alerts keep
 * their identity when lines move.
 */
import { createRequire } from 'node:module';
import type { Finding } from '../types.js';
import { VENDORS } from '../vendors/index.js';
import type { VendorDefinition } from '../vendors/types.js';
import { VEIL_VERSION } from './inventory.js';
import { sarifRules } from './sarif-rules.js';

/** The schema URI written as `$schema` (the one GitHub's documentation uses). */
export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

interface PackageInfo {
  readonly homepage?: string;
  readonly repository?: string | { readonly url?: string };
}

/** Where to learn about Veil: package.json `homepage`, else its repository URL, else none. */
export function informationUri(): string | undefined {
  const pkg = createRequire(import.meta.url)('../../../package.json') as PackageInfo;
  const repo = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
  const uri = pkg.homepage ?? repo?.replace(/^git\+/, '').replace(/\.git$/, '');
  return uri !== undefined && /^https?:\/\//.test(uri) ? uri : undefined;
}

/** Options of `toSarif`. */
export interface SarifOptions {
  readonly vendors?: readonly VendorDefinition[];
  /** `tool.driver.informationUri` (default: `informationUri()`). */
  readonly informationUri?: string;
}

function result(f: Finding, ruleIndex: number): object {
  return {
    ruleId: f.rule,
    ruleIndex,
    level: f.severity,
    message: { text: f.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: encodeURI(f.file), uriBaseId: '%SRCROOT%' },
          region: { startLine: Math.max(1, f.line), startColumn: Math.max(1, f.column) },
        },
      },
    ],
    partialFingerprints: { 'veil/v1': f.fingerprint },
    properties: {
      vendor: f.vendor,
      call: f.call,
      allowed: f.allowed,
      ...(f.category !== undefined ? { category: f.category } : {}),
      ...(f.path !== undefined ? { path: f.path } : {}),
      ...(f.form !== undefined ? { form: f.form } : {}),
      ...(f.event !== undefined ? { event: f.event } : {}),
    },
  };
}

/** The SARIF log of `findings` as a JSON-ready object. */
export function toSarif(findings: readonly Finding[], options: SarifOptions = {}): object {
  const rules = sarifRules(findings, options.vendors ?? VENDORS);
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const uri = options.informationUri ?? informationUri();
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'veil',
            ...(uri !== undefined ? { informationUri: uri } : {}),
            version: VEIL_VERSION,
            semanticVersion: VEIL_VERSION,
            rules,
          },
        },
        results: findings.map((f) => result(f, index.get(f.rule)!)),
      },
    ],
  };
}

/** The SARIF log as JSON text (two-space indent, trailing newline). */
export function renderSarif(findings: readonly Finding[], options: SarifOptions = {}): string {
  return JSON.stringify(toSarif(findings, options), null, 2) + '\n';
}
