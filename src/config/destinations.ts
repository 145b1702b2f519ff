/**
 * Destination schemas: where minimized events go. Each destination takes a `type:` tag (a
 * discriminated union); the vendor types name their credentials by environment variable
 * (`*_env` keys), never by value, so a config file holds no secrets.
 */
import { z } from 'zod';
import { PolicySchema } from './policy.js';

/** Destination and policy names: `[a-z0-9][a-z0-9_-]{0,62}`. */
export const NAME_PATTERN = /^[a-z0-9][a-z0-9_-]{0,62}$/;

/** Upper-case environment variable names; a pasted token (lower-case, `-`, `.`) fails it. */
export const ENV_NAME_PATTERN = /^[A-Z_][A-Z0-9_]{0,127}$/;

/** An error map entry that leaves a missing value to the caller's `required` message. */
function unlessMissing(message: string): (issue: { input?: unknown }) => string | undefined {
  return (issue) => (issue.input === undefined ? undefined : message);
}

/** A destination or policy name. */
export const NameSchema = z.string().regex(NAME_PATTERN, {
  error: unlessMissing(
    'not a valid name: lowercase letters, digits, "_" and "-", starting with a letter or digit, at most 63 characters',
  ),
});

/** The name of an environment variable that holds a secret; the secret itself never goes here. */
export const EnvNameSchema = z
  .string()
  .regex(ENV_NAME_PATTERN, {
    error: unlessMissing(
      'must name an environment variable (A-Z, 0-9, "_"), not hold the secret itself',
    ),
  })
  .meta({ description: 'Name of an environment variable holding the secret (not the secret).' });

/** An http:// or https:// URL without a user name or password in it. */
export const HttpUrlSchema = z
  .url({ protocol: /^https?$/, error: unlessMissing('must be an http:// or https:// URL') })
  .refine((u) => !/^[a-z]+:\/\/[^/?#]*@/i.test(u), {
    message: 'must not contain a user name or password; send credentials with headers_env',
  });

/** The policy as referenced by a destination: a name from `policies`, or an inline policy. */
export const PolicyObjectSchema = PolicySchema.meta({
  id: 'policy',
  title: 'Policy',
  description:
    'What one destination may receive (docs/config.md#policies). `{}` is the safe default.',
});

const policyRef = z
  .union([NameSchema, PolicyObjectSchema], {
    error: unlessMissing('must be a policy name or an inline policy object'),
  })
  .optional()
  .meta({
    description:
      'A name from `policies`, or an inline policy. Default: `policies.default` if defined, else the built-in safe policy.',
  });

const timeoutMs = z
  .number()
  .int()
  .min(1)
  .max(600_000)
  .default(10_000)
  .meta({ description: 'Request timeout in milliseconds.' });

const endpoint = HttpUrlSchema.optional().meta({
  description: "Override of the vendor's ingestion base URL (EU residency, proxies, tests).",
});

/** An HTTP header name (RFC 9110 token). */
const headerName = z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,256}$/, {
  error: unlessMissing('not a valid HTTP header name'),
});

/** `type: file` — minimized events appended as NDJSON to a local file. */
export const FileDestinationSchema = z.strictObject({
  type: z.literal('file'),
  policy: policyRef,
  path: z.string().min(1).meta({
    description: 'NDJSON output file; relative paths are resolved against the config file.',
  }),
});

/** `type: http` — minimized events POSTed as JSON to a URL. */
export const HttpDestinationSchema = z.strictObject({
  type: z.literal('http'),
  policy: policyRef,
  url: HttpUrlSchema.meta({ description: 'http:// or https:// URL the events are POSTed to.' }),
  headers: z
    .record(headerName, z.string())
    .default({})
    .meta({ description: 'Literal request headers. Put credentials in headers_env instead.' }),
  headers_env: z.record(headerName, EnvNameSchema).default({}).meta({
    description: 'Request headers whose values come from environment variables: header → VAR.',
  }),
  timeout_ms: timeoutMs,
});

/** `type: mixpanel` — Mixpanel ingestion API (project token). */
export const MixpanelDestinationSchema = z.strictObject({
  type: z.literal('mixpanel'),
  policy: policyRef,
  endpoint,
  project_token_env: EnvNameSchema,
});

/** `type: segment` — Segment HTTP tracking API (source write key). */
export const SegmentDestinationSchema = z.strictObject({
  type: z.literal('segment'),
  policy: policyRef,
  endpoint,
  write_key_env: EnvNameSchema,
});

/** `type: posthog` — PostHog capture API (project API key, `phc_…`). */
export const PosthogDestinationSchema = z.strictObject({
  type: z.literal('posthog'),
  policy: policyRef,
  endpoint,
  project_api_key_env: EnvNameSchema,
});

/** `type: amplitude` — Amplitude HTTP V2 API (project API key). */
export const AmplitudeDestinationSchema = z.strictObject({
  type: z.literal('amplitude'),
  policy: policyRef,
  endpoint,
  api_key_env: EnvNameSchema,
});

/** Every destination type, by its `type:` tag. */
export const DestinationSchema = z.discriminatedUnion('type', [
  FileDestinationSchema,
  HttpDestinationSchema,
  MixpanelDestinationSchema,
  SegmentDestinationSchema,
  PosthogDestinationSchema,
  AmplitudeDestinationSchema,
]);

/** A validated destination (defaults filled in, paths as written). */
export type Destination = z.output<typeof DestinationSchema>;
/** A destination `type:` tag. */
export type DestinationType = Destination['type'];
