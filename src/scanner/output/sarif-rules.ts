/**
 * SARIF rule descriptors for `veil scan`'s finding rules: `flow/CATEGORY` (personal data sent),
 * `literal/CATEGORY` (a hard-coded secret or personal value sent) and
 * `config/VENDOR/RULE` (a risky SDK setting). Texts come from the category taxonomy and the
 * vendor definitions, so a new category or vendor rule needs no change here.
 */
import { CATEGORIES } from '../../engine/categories.js';
import type { Finding } from '../types.js';
import type { ConfigRule, VendorDefinition } from '../vendors/types.js';

/** A SARIF `reportingDescriptor` (the subset Veil writes). */
export interface SarifRule {
  readonly id: string;
  readonly name: string;
  readonly shortDescription: { readonly text: string };
  readonly fullDescription: { readonly text: string };
  readonly help: { readonly text: string; readonly markdown: string };
  readonly helpUri?: string;
  readonly defaultConfiguration: { readonly level: Finding['severity'] };
  readonly properties: { readonly tags: readonly string[] };
}

const FIX_FLOW =
  'Send a pseudonymous id or a coarser value instead, drop the field, or route the SDK through the Veil gateway so its policy minimizes the field before it leaves.';

/** `user.contact.email` → `UserContactEmail`: SARIF names are identifiers. */
function pascal(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== '')
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
}

function describe(category: string): string {
  return (CATEGORIES[category] ?? 'a data category').replace(/\.$/, '');
}

function isSecret(category: string): boolean {
  return category.startsWith('system.') || category.startsWith('user.authorization');
}

function flowRule(id: string, category: string, level: Finding['severity']): SarifRule {
  const short = `Personal data (${category}) sent to an analytics or telemetry vendor`;
  const full = `An SDK call sends a value classified as ${category} (${describe(category)}) to a third-party vendor.`;
  const allow = `If the vendor is meant to receive it, say so: veil scan --allow VENDOR=${category}.`;
  return {
    id,
    name: `SendsPersonalData${pascal(category)}`,
    shortDescription: { text: short },
    fullDescription: { text: full },
    help: {
      text: `${full} ${FIX_FLOW} ${allow}`,
      markdown: `${full}\n\n**Fix:** ${FIX_FLOW}\n\nIf the vendor is meant to receive it, say so: \`veil scan --allow VENDOR=${category}\`.`,
    },
    defaultConfiguration: { level },
    properties: { tags: ['privacy', isSecret(category) ? 'security' : 'pii', category] },
  };
}

function literalRule(id: string, category: string, level: Finding['severity']): SarifRule {
  const full = `A hard-coded value in an SDK call is ${category} (${describe(category)}); every build sends it to the vendor.`;
  const fix = isSecret(category)
    ? 'Remove the literal and rotate the credential: it is in the source and in the vendor’s data.'
    : 'Remove the literal; send data that belongs to the user from the user’s session, minimized.';
  return {
    id,
    name: `HardCodedValue${pascal(category)}`,
    shortDescription: { text: `Hard-coded ${category} value sent to a vendor` },
    fullDescription: { text: full },
    help: { text: `${full} ${fix}`, markdown: `${full}\n\n**Fix:** ${fix}` },
    defaultConfiguration: { level },
    properties: { tags: ['security', isSecret(category) ? 'secret' : 'pii', category] },
  };
}

function configRule(
  id: string,
  vendor: VendorDefinition | undefined,
  level: Finding['severity'],
): SarifRule {
  const [, vendorId = '', ruleId = ''] = id.split('/');
  const rules = Object.values(vendor?.types ?? {}).flatMap((t) =>
    Object.values(t).flatMap((m) => m.config ?? []),
  );
  const rule: ConfigRule | undefined = rules.find((r) => r.id === ruleId);
  const name = vendor?.name ?? vendorId;
  const message = rule?.message ?? `A risky ${name} SDK setting (${ruleId}).`;
  const docs = vendor?.docs;
  return {
    id,
    name: pascal(`${vendorId} ${ruleId}`),
    shortDescription: { text: `${name}: risky SDK setting (${ruleId})` },
    fullDescription: { text: message },
    help: {
      text: message + (docs ? ` SDK documentation: ${docs}` : ''),
      markdown: message + (docs ? `\n\nSDK documentation: <${docs}>` : ''),
    },
    ...(docs ? { helpUri: docs } : {}),
    defaultConfiguration: { level: rule?.severity ?? level },
    properties: { tags: ['privacy', 'configuration', vendorId] },
  };
}

/**
 * One rule per distinct rule id of `findings`, sorted by id. A flow or literal rule's default
 * level is the worst severity among its findings; a config rule's is its definition's.
 */
export function sarifRules(
  findings: readonly Finding[],
  vendors: readonly VendorDefinition[],
): SarifRule[] {
  const rank = { note: 0, warning: 1, error: 2 } as const;
  const worst = new Map<string, Finding>();
  for (const f of findings) {
    const w = worst.get(f.rule);
    if (w === undefined || rank[f.severity] > rank[w.severity]) worst.set(f.rule, f);
  }
  const byId = new Map(vendors.map((v) => [v.id, v]));
  return [...worst.values()]
    .sort((a, b) => (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0))
    .map((f) => {
      if (f.kind === 'config') return configRule(f.rule, byId.get(f.vendor), f.severity);
      const category = f.category ?? f.rule.slice(f.rule.indexOf('/') + 1);
      return f.kind === 'literal'
        ? literalRule(f.rule, category, f.severity)
        : flowRule(f.rule, category, f.severity);
    });
}
