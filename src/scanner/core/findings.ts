/**
 * From what the front ends read to what a person acts on: every categorized flow, every literal
 * secret or personal value, every risky setting becomes a finding with a severity, a message and
 * a fingerprint that survives unrelated edits.
 */
import { createHash } from 'node:crypto';
import { isUnderAny, SPECIAL_CATEGORIES } from '../../engine/categories.js';
import type { Category } from '../../engine/types.js';
import type { Finding, Flow, Pos, SinkCall, Via } from '../types.js';
import type { ConfigRule, VendorDefinition } from '../vendors/types.js';

/** A configuration rule that fired at a call. */
export interface ConfigHit {
  readonly vendor: string;
  readonly call: string;
  readonly rule: ConfigRule;
  readonly file: string;
  readonly at: Pos;
  readonly via?: Via;
}

/** Categories whose flow to a vendor is serious on its own. */
const ERROR_CATEGORIES: readonly Category[] = [
  'system.authentication',
  'user.authorization',
  'user.contact',
  'user.name',
  'user.government_id',
  'user.financial',
  ...SPECIAL_CATEGORIES,
  'user.location.precise',
  'user.demographic.date_of_birth',
  'user.content.private',
  'user.device.ip_address',
];

/** Identifiers: expected in analytics (pseudonymize them in the gateway), reported as notes. */
const IDENTIFIER_CATEGORIES: readonly Category[] = [
  'user.unique_id',
  'user.workplace',
  'user.device.device_id',
  'user.device.cookie_id',
];

/** What the scanner should treat as expected per vendor: its definition plus `--allow`. */
export type AllowList = ReadonlyMap<string, readonly Category[]>;

function severityOf(category: Category, form: Flow['form'], allowed: boolean): Finding['severity'] {
  if (allowed || form === 'hashed' || isUnderAny(category, IDENTIFIER_CATEGORIES)) return 'note';
  return isUnderAny(category, ERROR_CATEGORIES) ? 'error' : 'warning';
}

/** A short stable hash of the parts that identify a finding (no line numbers). */
export function fingerprintOf(parts: readonly (string | undefined)[]): string {
  return createHash('sha256')
    .update(parts.map((p) => p ?? '').join('\u0000'))
    .digest('hex')
    .slice(0, 20);
}

function eventText(call: SinkCall): string {
  if (call.event !== undefined) return ` (event "${call.event}")`;
  if (call.eventExpr !== undefined) return ` (event ${call.eventExpr})`;
  return '';
}

function flowFinding(
  call: SinkCall,
  flow: Flow,
  vendor: VendorDefinition | undefined,
  allow: AllowList,
): Finding {
  const category = flow.category!;
  const allowed = isUnderAny(category, [
    ...(vendor?.allow ?? []),
    ...(allow.get(call.vendor) ?? []),
  ]);
  const literal = flow.basis === 'literal';
  const name = vendor?.name ?? call.vendor;
  const what = literal
    ? `a hard-coded ${category} value`
    : `${category}${flow.form === 'hashed' ? ' (hashed)' : ''}`;
  const message =
    `${name} receives ${what} at \`${flow.path}\` through \`${call.call}\`${eventText(call)}` +
    (literal ? '' : `, from \`${flow.expr}\``) +
    (allowed ? '; this vendor is allowed this category.' : '.');
  const kind = literal ? 'literal' : 'flow';
  return {
    kind,
    rule: `${kind}/${category}`,
    vendor: call.vendor,
    call: call.call,
    ...(call.event !== undefined ? { event: call.event } : {}),
    path: flow.path,
    category,
    form: flow.form,
    allowed,
    severity: literal && !allowed ? 'error' : severityOf(category, flow.form, allowed),
    message,
    file: call.file,
    line: flow.at.line > 0 ? flow.at.line : call.line,
    column: flow.at.line > 0 ? flow.at.column : call.column,
    ...(call.via ? { via: call.via } : {}),
    fingerprint: fingerprintOf([
      kind,
      call.vendor,
      call.call,
      call.event ?? call.eventExpr,
      flow.path,
      category,
      flow.form,
      call.file,
      call.via?.wrapper,
      literal ? '' : flow.expr,
    ]),
  };
}

function configFinding(hit: ConfigHit, vendor: VendorDefinition | undefined): Finding {
  const rule = `config/${hit.vendor}/${hit.rule.id}`;
  return {
    kind: 'config',
    rule,
    vendor: hit.vendor,
    call: hit.call,
    allowed: false,
    severity: hit.rule.severity,
    message: hit.rule.message.startsWith(vendor?.name ?? hit.vendor)
      ? hit.rule.message
      : `${vendor?.name ?? hit.vendor}: ${hit.rule.message}`,
    file: hit.file,
    line: hit.at.line,
    column: hit.at.column,
    ...(hit.via ? { via: hit.via } : {}),
    fingerprint: fingerprintOf(['config', rule, hit.call, hit.file]),
  };
}

/** Every finding, sorted by file, line, column, rule. One finding per (flow, category). */
export function findingsOf(
  calls: readonly SinkCall[],
  hits: readonly ConfigHit[],
  vendors: ReadonlyMap<string, VendorDefinition>,
  allow: AllowList,
): Finding[] {
  const out: Finding[] = [];
  for (const call of calls) {
    const vendor = vendors.get(call.vendor);
    const seen = new Set<string>();
    for (const flow of call.flows) {
      if (flow.category === undefined) continue;
      const key = `${flow.path}\u0000${flow.category}\u0000${flow.at.line}:${flow.at.column}\u0000${flow.basis === 'literal'}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(flowFinding(call, flow, vendor, allow));
    }
  }
  for (const hit of hits) out.push(configFinding(hit, vendors.get(hit.vendor)));
  return out.sort(compareFindings);
}

/** Order of findings in every output. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line ||
    a.column - b.column ||
    (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) ||
    ((a.path ?? '') < (b.path ?? '') ? -1 : (a.path ?? '') > (b.path ?? '') ? 1 : 0)
  );
}
