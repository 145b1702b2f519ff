/**
 * Every provider-specific secret rule (one file per provider group), and `isProviderToken`, which
 * the context rules (query parameters, generic assignments, connection strings) use to leave a
 * value to the provider rule that reports it with a precise kind.
 */
import type { Rule } from '../../types.js';
import { aiRules } from './ai.js';
import { analyticsRules } from './analytics.js';
import { apmRules } from './apm.js';
import { awsRules } from './aws.js';
import { businessRules } from './business.js';
import { ciRules } from './ci.js';
import { cloudRules } from './cloud.js';
import { otherCloudRules } from './cloud-other.js';
import { commerceRules } from './commerce.js';
import { dataRules } from './data.js';
import { emailRules } from './email.js';
import { fintechRules } from './fintech.js';
import { gitlabRules } from './gitlab.js';
import { hostingRules } from './hosting.js';
import { infraRules } from './infra.js';
import { keyedRules } from './keyed.js';
import { keyRules } from './keys.js';
import { messagingRules } from './messaging.js';
import { mlRules } from './ml.js';
import { observabilityRules } from './observability.js';
import { opsRules } from './ops.js';
import { paasRules } from './paas.js';
import { paymentsRules } from './payments.js';
import { prefixedRules } from './prefixed.js';
import { registryRules } from './registries.js';
import { saasRules } from './saas.js';
import { serviceRules } from './services.js';
import { socialRules } from './social.js';
import { vcsRules } from './vcs.js';

/** Provider token rules: each family has a known prefix, shape or keyword context. */
export const providerRules: readonly Rule[] = [
  ...aiRules,
  ...mlRules,
  ...awsRules,
  ...cloudRules,
  ...otherCloudRules,
  ...hostingRules,
  ...paasRules,
  ...vcsRules,
  ...gitlabRules,
  ...registryRules,
  ...ciRules,
  ...infraRules,
  ...opsRules,
  ...observabilityRules,
  ...apmRules,
  ...saasRules,
  ...businessRules,
  ...commerceRules,
  ...dataRules,
  ...analyticsRules,
  ...paymentsRules,
  ...fintechRules,
  ...messagingRules,
  ...emailRules,
  ...socialRules,
  ...serviceRules,
  ...prefixedRules,
  ...keyedRules,
];

interface PrefixPattern {
  readonly prefix: string;
  readonly pattern: RegExp;
}

let byLead: Map<string, PrefixPattern[]> | undefined;

/** Index of keyword-anchored rules whose keyword is the token's own prefix, by its first two (folded) characters. */
function prefixIndex(): Map<string, PrefixPattern[]> {
  if (byLead !== undefined) return byLead;
  byLead = new Map();
  for (const rule of [...providerRules, ...keyRules]) {
    if (!rule.pattern || (rule.anchor ?? 'keyword') !== 'keyword' || (rule.offset ?? 0) !== 0)
      continue;
    if ((rule.group ?? 0) !== 0) continue;
    const pattern = new RegExp(rule.pattern.source, rule.pattern.flags.replace('d', ''));
    for (const kw of rule.keywords ?? []) {
      const prefix = kw.toLowerCase();
      const lead = prefix.slice(0, 2);
      const list = byLead.get(lead) ?? [];
      list.push({ prefix, pattern });
      byLead.set(lead, list);
    }
  }
  return byLead;
}

interface RunShape {
  readonly min: number;
  readonly pattern: RegExp;
  readonly validate: ((value: string) => boolean) | undefined;
}

let runShapes: RunShape[] | undefined;

/** Provider rules triggered by base64-alphabet runs (`Rule.runs`): tokens with a shape but no prefix keyword. */
function runIndex(): RunShape[] {
  runShapes ??= providerRules
    .filter((r) => r.runs !== undefined && r.pattern !== undefined)
    .map((r) => ({
      min: r.runs!.min,
      pattern: new RegExp(r.pattern!.source, r.pattern!.flags.replace(/[gd]/g, '') + 'y'),
      validate:
        r.validate === undefined
          ? undefined
          : (v: string) => r.validate!(v, { key: '', keyCategory: undefined }),
    }));
  return runShapes;
}

/**
 * True when the whole of `value` has the shape of a prefixed provider token or a JWT (the rule's
 * pattern matches it exactly), so the provider rule, not a context rule, should report it. Only
 * the shape is checked: a placeholder such as `ghp_xxxx…` is left to the provider rule too,
 * which then rejects it. Tokens found by their shape in base64 runs (Twilio `SK…`, Atlassian Data
 * Center PATs, ngrok, Dropbox long-lived tokens) count when their rule's pattern and validator
 * accept the whole value, so `Bearer <Jira PAT>` is reported once, with the provider kind.
 */
export function isProviderToken(value: string): boolean {
  const lower = value.slice(0, 40).toLowerCase();
  const list = prefixIndex().get(lower.slice(0, 2));
  if (list !== undefined) {
    for (const { prefix, pattern } of list) {
      if (!lower.startsWith(prefix)) continue;
      pattern.lastIndex = 0;
      const m = pattern.exec(value);
      if (m !== null && m.index === 0 && m[0].length === value.length) return true;
    }
  }
  for (const { min, pattern, validate } of runIndex()) {
    if (value.length < min) continue;
    pattern.lastIndex = 0;
    const m = pattern.exec(value);
    if (m !== null && m[0].length === value.length && (validate === undefined || validate(value)))
      return true;
  }
  return false;
}
