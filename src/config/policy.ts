/**
 * The policy schema: what one destination may receive. Every field has a safe default, so `{}`
 * is the safe default policy. Keys are snake_case and carry units.
 */
import { z } from 'zod';
import { CATEGORIES } from '../engine/categories.js';

/** A category name from the taxonomy, or a parent of some (`user.contact`). */
export const CategoryName = z
  .string()
  .refine((n) => Object.keys(CATEGORIES).some((k) => k === n || k.startsWith(n + '.')), {
    message: 'not a category name (see docs/detection.md)',
  });

/**
 * A field path pattern: dot-separated segments, `*` matches one segment (a key or an array
 * index), `**` any number of segments: `properties.plan`, `traits.*`, `properties.items.*.sku`,
 * `properties.**`.
 */
export const PathPattern = z
  .string()
  .min(1)
  .max(512)
  .regex(/^(?:\*\*|\*|[^.*\s]{1,128})(?:\.(?:\*\*|\*|[^.*\s]{1,128})){0,31}$/, {
    message: 'a path pattern: segments separated by ".", each a key, "*" or "**"',
  });

/** What to do with a field or a span. */
export const ActionName = z.enum([
  'keep',
  'drop',
  'pseudonymize',
  'mask',
  'redact',
  'truncate',
  'generalize',
]);
/** Pseudonym key rotation period; `none` keeps pseudonyms stable forever (until key_version changes). */
export const Rotation = z.enum(['none', 'daily', 'weekly', 'monthly']);

/** A user rule: the first rule whose every given matcher matches decides the action. */
export const PolicyRuleSchema = z
  .strictObject({
    match: z
      .strictObject({
        categories: z.array(CategoryName).min(1).optional(),
        paths: z.array(PathPattern).min(1).optional(),
        events: z.array(z.string().min(1)).min(1).optional(),
      })
      .refine(
        (m) => m.categories !== undefined || m.paths !== undefined || m.events !== undefined,
        {
          message: 'give at least one of categories, paths, events',
        },
      ),
    action: ActionName,
    /** mask: characters kept at the end (`••••4242`). */
    keep_last: z.number().int().min(0).max(64).optional(),
    /** mask: keep an email's domain (`•••@example.com`). */
    keep_domain: z.boolean().optional(),
    /** truncate: maximum characters kept. */
    max_length: z.number().int().min(1).max(1_000_000).optional(),
  })
  .refine((r) => r.action !== 'truncate' || r.max_length !== undefined, {
    message: 'truncate needs max_length',
    path: ['max_length'],
  });

/** URL parameters kept by default: campaign attribution, which carries no identity. */
export const DEFAULT_URL_PARAMS = [
  'utm_source',
  'utm_medium',
  'utm_campaign',
  'utm_term',
  'utm_content',
] as const;

/** The policy of one destination. */
export const PolicySchema = z.strictObject({
  /** `safe`: start from the built-in safe defaults (docs/policy.md); `none`: only what is written here. */
  extends: z.enum(['safe', 'none']).default('safe'),
  /** `scan`: every field is scanned and minimized by category; `strict`: fields not in `allow` are removed. */
  mode: z.enum(['scan', 'strict']).default('scan'),
  /** strict mode: field paths kept (still scanned: secrets and PII inside are redacted). */
  allow: z.array(PathPattern).default([]),
  identity: z
    .strictObject({
      action: z.enum(['pseudonymize', 'keep', 'drop']).default('pseudonymize'),
      key_version: z.number().int().min(1).max(1_000_000).default(1),
      rotation: Rotation.default('none'),
      /** Rotation for anonymous, device and cookie ids (e.g. daily visitor counting); default: `rotation`. */
      anonymous_rotation: Rotation.optional(),
    })
    .prefault({}),
  ip: z.enum(['drop', 'prefix', 'country', 'keep']).default('drop'),
  user_agent: z.enum(['generalize', 'drop', 'keep']).default('generalize'),
  url: z
    .strictObject({
      action: z.enum(['strip', 'origin', 'drop', 'keep']).default('strip'),
      allow_params: z.array(z.string().min(1).max(128)).default([...DEFAULT_URL_PARAMS]),
      replace_ids: z.boolean().default(true),
    })
    .prefault({}),
  referrer: z.enum(['origin', 'strip', 'drop', 'keep']).default('origin'),
  /** city / region / country fields: keep only the country, drop all, or keep all. */
  location: z.enum(['country', 'drop', 'keep']).default('country'),
  precise_location: z
    .strictObject({
      action: z.enum(['drop', 'round', 'keep']).default('drop'),
      decimals: z.number().int().min(0).max(3).default(1),
    })
    .prefault({}),
  timestamp: z
    .strictObject({ bucket: z.enum(['none', 'minute', 'hour', 'day']).default('none') })
    .prefault({}),
  /** Free-text values longer than this are truncated (after redaction). */
  max_text_length: z.number().int().min(16).max(1_000_000).default(1000),
  /** Value findings below this confidence are left alone (field-name findings always count). */
  min_confidence: z.number().min(0).max(1).default(0.5),
  rules: z.array(PolicyRuleSchema).default([]),
});

/** A policy as written in the config (defaults not yet applied). */
export type PolicyInput = z.input<typeof PolicySchema>;
/** A validated policy with every default filled in. */
export type Policy = z.output<typeof PolicySchema>;
/** A validated user rule. */
export type PolicyRule = z.output<typeof PolicyRuleSchema>;
/** An action name. */
export type Action = z.output<typeof ActionName>;

/** The safe default policy (what `{}` means). */
export function defaultPolicy(): Policy {
  return PolicySchema.parse({});
}
