/**
 * `veil scan --format policy`: a starting veil.yaml for fail-closed forwarding, read from the
 * code. One destination per vendor found (its own type when Veil forwards to it, else `http` with
 * a placeholder URL), each with a `mode: strict` policy whose `allow` lists the property paths the
 * code sends that carry no category, or only categories the vendor is allowed. Every sensitive
 * path left out gets a comment saying why. The result loads with the project's config loader.
 */
import { Document, isScalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { isUnderAny } from '../../engine/categories.js';
import type { Category } from '../../engine/types.js';
import { PathPattern } from '../../config/policy.js';
import { VENDORS } from '../vendors/index.js';
import type { VendorDefinition } from '../vendors/types.js';
import type { InventoryVendor, ScanInventory } from './inventory.js';

/** Vendors Veil forwards to natively, with the key naming their credential's variable. */
const FORWARDED: Readonly<Record<string, { key: string; env: string }>> = {
  mixpanel: { key: 'project_token_env', env: 'MIXPANEL_PROJECT_TOKEN' },
  segment: { key: 'write_key_env', env: 'SEGMENT_WRITE_KEY' },
  posthog: { key: 'project_api_key_env', env: 'POSTHOG_PROJECT_API_KEY' },
  amplitude: { key: 'api_key_env', env: 'AMPLITUDE_API_KEY' },
};

/** Paths strict mode filters; the others are identities or context handled by processors. */
const FILTERED_ROOTS = ['properties.', 'traits.', 'context.'];
const IDENTITIES = new Set(['userId', 'anonymousId', 'previousId', 'groupId']);

/** Options of `renderPolicy`. */
export interface PolicyOptions {
  readonly vendors?: readonly VendorDefinition[];
  /** Extra categories each vendor may receive (`--allow`). */
  readonly allow?: ReadonlyMap<string, readonly Category[]>;
}

interface Decision {
  readonly allow: string[];
  /** One comment line per sensitive path left out. */
  readonly excluded: string[];
}

function pathsOf(v: InventoryVendor): Map<string, { cats: Set<string>; hashed: boolean }> {
  const paths = new Map<string, { cats: Set<string>; hashed: boolean }>();
  for (const e of v.events)
    for (const p of e.properties) {
      const x = paths.get(p.path) ?? { cats: new Set<string>(), hashed: true };
      for (const c of p.categories) x.cats.add(c);
      x.hashed &&= p.form === 'hashed';
      paths.set(p.path, x);
    }
  return paths;
}

function decide(v: InventoryVendor, allowed: readonly Category[]): Decision {
  const out: Decision = { allow: [], excluded: [] };
  for (const [path, p] of [...pathsOf(v)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const sensitive = [...p.cats].filter((c) => !isUnderAny(c, allowed)).sort();
    const filtered = FILTERED_ROOTS.some((r) => path.startsWith(r));
    const what = `${sensitive.join(', ')}${p.hashed ? ' (hashed)' : ''}`;
    if (sensitive.length > 0) {
      if (!filtered && IDENTITIES.has(path))
        out.excluded.push(
          `${path}: ${what}; an identity, pseudonymized by the policy's identity settings`,
        );
      else if (!filtered)
        out.excluded.push(
          `${path}: ${what}; outside properties, traits and context, which strict mode filters: minimize it in the code`,
        );
      else out.excluded.push(`${path}: ${what}; not a category ${v.name} is allowed to receive`);
    } else if (filtered) {
      if (PathPattern.safeParse(path).success) out.allow.push(path);
      else
        out.excluded.push(
          `${path}: cannot be written as an allow pattern; add a pattern by hand if it is needed`,
        );
    }
  }
  return out;
}

function destination(v: InventoryVendor, d: Decision): Record<string, unknown> {
  const native = FORWARDED[v.id];
  const head = native
    ? { type: v.id, [native.key]: native.env }
    : { type: 'http', url: `https://example.invalid/replace-me/${v.id}` };
  return { ...head, policy: { mode: 'strict', allow: d.allow } };
}

function annotate(doc: Document, v: InventoryVendor, d: Decision): void {
  const dest = doc.getIn(['destinations', v.id], true) as YAMLMap;
  dest.commentBefore = FORWARDED[v.id]
    ? ` ${v.name}: set ${FORWARDED[v.id]!.env} to the project's credential.`
    : ` ${v.name}: Veil has no ${v.name} exporter. This http destination with a placeholder URL\n` +
      ` keeps the file loadable: point it at a collector you run, or remove it.`;
  const policy = doc.getIn(['destinations', v.id, 'policy'], true) as YAMLMap;
  const pair = policy.items.find((i) => isScalar(i.key) && i.key.value === 'allow');
  if (pair !== undefined && isScalar(pair.key) && d.excluded.length > 0)
    pair.key.commentBefore = [' Left out:', ...d.excluded.map((e) => `   ${e}`)].join('\n');
}

/** The veil.yaml text for `inventory` (a `file` destination when no vendor was found). */
export function renderPolicy(inventory: ScanInventory, options: PolicyOptions = {}): string {
  const defs = new Map((options.vendors ?? VENDORS).map((v) => [v.id, v]));
  const decisions = inventory.vendors.map((v) => {
    const allowed = [...(defs.get(v.id)?.allow ?? []), ...(options.allow?.get(v.id) ?? [])];
    return { v, d: decide(v, allowed) };
  });
  const destinations: Record<string, unknown> = {};
  for (const { v, d } of decisions) destinations[v.id] = destination(v, d);
  if (decisions.length === 0)
    destinations.events = {
      type: 'file',
      path: './events.ndjson',
      policy: { mode: 'strict', allow: [] },
    };
  const doc = new Document({ version: 1, destinations });
  doc.commentBefore =
    ' Veil config generated by `veil scan --format policy`: one destination per vendor found in\n' +
    ' the code, each with a strict policy (fields not listed in `allow` are removed) that allows\n' +
    ' the property paths the code sends with no personal data in them. Review it, add sources:\n' +
    ' (docs/config.md), and keep it under version control.' +
    (decisions.length === 0
      ? '\n No SDK calls were found: the file destination is a placeholder.'
      : '');
  for (const { v, d } of decisions) annotate(doc, v, d);
  for (const name of Object.keys(destinations)) {
    const seq = doc.getIn(['destinations', name, 'policy', 'allow'], true) as YAMLSeq;
    if (seq.items.length === 0) seq.flow = true;
  }
  return doc.toString({ lineWidth: 0 });
}
