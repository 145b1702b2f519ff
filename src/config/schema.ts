/**
 * The top-level config schema (`veil.yaml`): strict objects, snake_case keys with units. The
 * schema validates shape and cross-references; the loader (load.ts) adds what needs the file
 * system (relative paths, the GeoIP file).
 */
import { normalize } from 'node:path';
import { z } from 'zod';
import { VeilError } from '../errors.js';
import { DestinationSchema, NAME_PATTERN, NameSchema, PolicyObjectSchema } from './destinations.js';
import { AdminSchema, OutboxSchema, ServerSchema, SourceSchema } from './gateway.js';
import { InventorySchema } from './inventory.js';
import { LedgerSchema } from './ledger.js';
import { VendorRegisterSchema } from './vendors.js';
import { defaultPolicy, type Policy } from './policy.js';

/** The name of the policy used by destinations that name none (when it is defined). */
export const DEFAULT_POLICY_NAME = 'default';
/** Default data directory (SQLite files, master.key), relative to the config file. */
export const DEFAULT_DATA_DIR = './.veil';

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Cross-field checks. They run even when other parts are invalid (so one run lists every
 * problem), hence the defensive reading of `value`.
 */
function crossCheck(value: unknown, ctx: z.RefinementCtx): void {
  if (!isRecord(value) || !isRecord(value.destinations)) return;
  const policies = isRecord(value.policies) ? Object.keys(value.policies) : [];
  const outputs = new Map<string, string>();
  for (const [name, d] of Object.entries(value.destinations)) {
    if (!isRecord(d)) continue;
    if (typeof d.policy === 'string' && NAME_PATTERN.test(d.policy)) {
      if (!policies.includes(d.policy)) {
        ctx.addIssue({
          code: 'custom',
          path: ['destinations', name, 'policy'],
          message: `unknown policy "${d.policy}"; known: ${policies.join(', ') || '(none)'}`,
        });
      }
    }
    if (d.type === 'file' && typeof d.path === 'string' && d.path !== '') {
      const key = normalize(d.path);
      const first = outputs.get(key);
      if (first === undefined) outputs.set(key, name);
      else {
        ctx.addIssue({
          code: 'custom',
          path: ['destinations', name, 'path'],
          message: `same output file as destinations.${first}.path`,
        });
      }
    }
    if (d.type === 'http') checkHeaders(d, ['destinations', name], ctx);
  }
  checkSources(value, Object.keys(value.destinations), ctx);
  if (isRecord(value.vendors))
    for (const name of Object.keys(value.vendors))
      if (!Object.hasOwn(value.destinations, name))
        ctx.addIssue({
          code: 'custom',
          path: ['vendors', name],
          message: `not a destination; known: ${Object.keys(value.destinations).join(', ')}`,
        });
}

/** `feature_flags.forward_to` names a destination of the source's own vendor type. */
function checkFlags(
  value: Record<string, unknown>,
  name: string,
  s: Record<string, unknown>,
  ctx: z.RefinementCtx,
): void {
  const ff = s.feature_flags;
  if (!isRecord(ff) || typeof ff.forward_to !== 'string') return;
  const path = ['sources', name, 'feature_flags', 'forward_to'];
  if (s.type !== 'mixpanel' && s.type !== 'posthog') {
    ctx.addIssue({
      code: 'custom',
      path,
      message: 'only Mixpanel and PostHog sources have flag requests to forward',
    });
    return;
  }
  const d = isRecord(value.destinations) ? value.destinations[ff.forward_to] : undefined;
  if (!isRecord(d) || d.type !== s.type)
    ctx.addIssue({
      code: 'custom',
      path,
      message: `must name a ${String(s.type)} destination`,
    });
}

/** Sources name existing destinations; a (vendor, token) pair belongs to one source. */
function checkSources(value: Record<string, unknown>, dests: string[], ctx: z.RefinementCtx): void {
  if (!isRecord(value.sources)) return;
  const owner = new Map<string, string>();
  for (const [name, s] of Object.entries(value.sources)) {
    if (!isRecord(s)) continue;
    if (Array.isArray(s.destinations)) {
      s.destinations.forEach((d, i) => {
        if (typeof d === 'string' && NAME_PATTERN.test(d) && !dests.includes(d))
          ctx.addIssue({
            code: 'custom',
            path: ['sources', name, 'destinations', i],
            message: `unknown destination "${d}"; known: ${dests.join(', ') || '(none)'}`,
          });
      });
    }
    checkFlags(value, name, s, ctx);
    const toks = [
      ...(Array.isArray(s.tokens) ? s.tokens.map((t) => `=${String(t)}`) : []),
      ...(Array.isArray(s.tokens_env) ? s.tokens_env.map((t) => `$${String(t)}`) : []),
    ];
    toks.forEach((t, i) => {
      const key = `${String(s.type)} ${t}`;
      const first = owner.get(key);
      if (first === undefined) owner.set(key, name);
      else if (first !== name || toks.indexOf(t) !== i)
        ctx.addIssue({
          code: 'custom',
          path: ['sources', name, t.startsWith('=') ? 'tokens' : 'tokens_env'],
          message: `a token may belong to one ${String(s.type)} source only (also in sources.${first})`,
        });
    });
  }
}

/** A header given both literally and from the environment is ambiguous. */
function checkHeaders(d: Record<string, unknown>, at: string[], ctx: z.RefinementCtx): void {
  if (!isRecord(d.headers) || !isRecord(d.headers_env)) return;
  const literal = new Set(Object.keys(d.headers).map((h) => h.toLowerCase()));
  for (const h of Object.keys(d.headers_env)) {
    if (literal.has(h.toLowerCase())) {
      ctx.addIssue({
        code: 'custom',
        path: [...at, 'headers_env', h],
        message: 'this header is also set in headers; keep one',
      });
    }
  }
}

/** The whole config file. Unknown keys are rejected at every level. */
export const ConfigSchema = z
  .strictObject({
    version: z.literal(1, {
      error: (i) => (i.input === undefined ? undefined : 'must be 1 (the config format version)'),
    }),
    data_dir: z.string().min(1).default(DEFAULT_DATA_DIR).meta({
      description:
        'Directory for SQLite files and master.key; relative paths are resolved against the config file.',
    }),
    geoip: z
      .strictObject({
        country_database: z.string().min(1).meta({
          description:
            'MaxMind GeoLite2/GeoIP2 Country .mmdb file; relative to the config file. Must exist.',
        }),
      })
      .optional()
      .meta({ description: 'IP → country lookup, used by policies with `ip: country`.' }),
    policies: z.record(NameSchema, PolicyObjectSchema).default({}).meta({
      description:
        'Named policies. `default`, if present, applies to destinations that name no policy.',
    }),
    sources: z.record(NameSchema, SourceSchema).default({}).meta({
      description:
        'SDK traffic `veil serve` accepts: wire format, accepted tokens, destinations. Not used by `veil check`.',
    }),
    server: ServerSchema.default(ServerSchema.parse({})).meta({
      description: 'The HTTP listener of `veil serve` and bounds on every request.',
    }),
    outbox: OutboxSchema.default(OutboxSchema.parse({})).meta({
      description: 'Durable outbox and delivery retries.',
    }),
    admin: AdminSchema.default({}).meta({ description: 'Admin API credential.' }),
    vendors: z.record(NameSchema, VendorRegisterSchema).default({}).meta({
      description:
        'The vendor register, keyed by destination name: contract and compliance facts for `veil map`.',
    }),
    inventory: InventorySchema.default(InventorySchema.parse({})).meta({
      description: 'The data map: what each vendor receives, and drift alerts.',
    }),
    ledger: LedgerSchema.default(LedgerSchema.parse({})).meta({
      description:
        'The disclosure ledger: which subjects had which categories sent where, per day.',
    }),
    destinations: z
      .record(NameSchema, DestinationSchema)
      .refine((d) => Object.keys(d).length > 0, { message: 'give at least one destination' })
      .meta({ description: 'Where minimized events go, by name.', minProperties: 1 }),
  })
  .superRefine(crossCheck, { when: () => true })
  .meta({ title: 'Veil configuration (veil.yaml)' });

/** A validated config: defaults filled in. After `loadConfig`, paths are absolute. */
export type Config = z.output<typeof ConfigSchema>;
/** A config as written (defaults optional). */
export type ConfigInput = z.input<typeof ConfigSchema>;

/**
 * The effective policy of a destination: its inline policy, the named policy it references,
 * else `policies.default`, else the built-in safe policy. The result is validated and
 * complete; it may be shared with `config`, so treat it as read-only.
 * Throws VEIL_E_USAGE when `destinationName` is not a destination of `config`.
 */
export function resolvePolicy(config: Config, destinationName: string): Policy {
  const d = Object.hasOwn(config.destinations, destinationName)
    ? config.destinations[destinationName]
    : undefined;
  if (d === undefined) {
    const known = Object.keys(config.destinations).join(', ');
    throw new VeilError(
      'VEIL_E_USAGE',
      `unknown destination "${destinationName}"; known: ${known || '(none)'}`,
    );
  }
  if (typeof d.policy === 'object') return d.policy;
  const name =
    d.policy ?? (Object.hasOwn(config.policies, DEFAULT_POLICY_NAME) ? DEFAULT_POLICY_NAME : '');
  if (name === '') return defaultPolicy();
  const p = Object.hasOwn(config.policies, name) ? config.policies[name] : undefined;
  if (p === undefined) {
    // Only reachable with a Config that did not come from ConfigSchema.
    throw new VeilError('VEIL_E_CONFIG_INVALID', 'the config is not valid (1 problem)', [
      `destinations.${destinationName}.policy: unknown policy "${name}"`,
    ]);
  }
  return p;
}
