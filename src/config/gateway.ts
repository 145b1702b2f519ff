/**
 * Gateway config schemas: `sources` (which SDK traffic Veil accepts, under which tokens, and
 * where it goes), `server` (listener and request bounds), `outbox` (durability and retries)
 * and `admin` (the admin API's credential).
 */
import { z } from 'zod';
import { VENDORS } from '../receivers/types.js';
import { EnvNameSchema, NameSchema } from './destinations.js';

const int = (min: number, max: number, dflt: number, description: string) =>
  z.number().int().min(min).max(max).default(dflt).meta({ description });

/** A project token / write key as the SDK sends it: printable, no spaces. */
const TokenSchema = z
  .string()
  .regex(/^[\x21-\x7e]{1,256}$/, { message: 'a token is 1–256 printable characters, no spaces' });

/** One source: SDK traffic in one vendor's wire format. */
export const SourceSchema = z
  .strictObject({
    type: z.enum(VENDORS).meta({ description: 'The wire format the SDKs of this source speak.' }),
    tokens: z.array(TokenSchema).default([]).meta({
      description:
        'Project tokens / write keys accepted from SDKs. Browser tokens are public anyway; keep server-side keys in tokens_env.',
    }),
    tokens_env: z.array(EnvNameSchema).default([]).meta({
      description: 'Environment variables each holding one accepted token.',
    }),
    destinations: z
      .array(NameSchema)
      .min(1, { message: 'give at least one destination' })
      .meta({ description: 'Destinations every event of this source goes to.' }),
    session_replay: z.enum(['refuse']).default('refuse').meta({
      description:
        'Session-replay uploads: refused (counted, answered so the SDK does not retry). Recordings are never forwarded.',
    }),
    feature_flags: z
      .union([
        z.literal('local'),
        z.strictObject({
          forward_to: NameSchema.meta({
            description:
              'A destination of the same vendor type: flag requests go to its endpoint with its credential and the identity pseudonymized by its policy; nothing else is forwarded.',
          }),
        }),
      ])
      .default('local')
      .meta({
        description:
          'Feature-flag requests: `local` answers "no flags" so no identity leaves; `{forward_to: DEST}` (Mixpanel, PostHog) asks the vendor with the pseudonym that destination receives.',
      }),
  })
  .refine((s) => s.tokens.length + s.tokens_env.length > 0, {
    message: 'give at least one token (tokens or tokens_env): Veil is not an open relay',
    path: ['tokens'],
  });

/** The HTTP listener and the bounds on every request. */
export const ServerSchema = z.strictObject({
  host: z.string().min(1).default('127.0.0.1').meta({ description: 'Address to listen on.' }),
  port: int(0, 65_535, 8787, 'TCP port; 0 picks a free one.'),
  max_body_bytes: int(1024, 1 << 30, 10 * 1024 * 1024, 'Largest request body (413 above).'),
  max_decompressed_bytes: int(
    1024,
    1 << 30,
    20 * 1024 * 1024,
    'Largest body after gzip/deflate decompression (413 above): gzip bombs stop here.',
  ),
  max_depth: int(4, 256, 32, 'Deepest JSON nesting accepted (400 above).'),
  max_events_per_request: int(1, 100_000, 2000, 'Most events in one request (413 above).'),
  max_bodies_in_flight_bytes: int(
    1024,
    2 ** 40,
    256 * 1024 * 1024,
    'Most bytes of request bodies held at once (being read, or read and not yet answered); past it, requests get 503/429 with Retry-After and the connection is closed. Bounds the memory many slow or concurrent large uploads can take.',
  ),
  max_values_per_request: int(
    1_000,
    10_000_000,
    200_000,
    'Most JSON values (every object member and array element) in one request body (413 above). Minimizing holds about 1 KB of memory per value while a request is prepared: this bounds one request to a few hundred MB.',
  ),
  trust_proxy: z.boolean().default(false).meta({
    description:
      'Take the client address from X-Forwarded-For (only behind a proxy you run; otherwise clients could forge it).',
  }),
  cors_origins: z.array(z.string().min(1)).default(['*']).meta({
    description:
      'Origins browser SDKs may send from; "*" allows any (the Origin is echoed, with credentials, as mixpanel-browser needs).',
  }),
  policy_workers: z
    .union([z.literal('auto'), z.number().int().min(0).max(32)])
    .default('auto')
    .meta({
      description:
        'Worker threads that run the policies; 0 runs them on the main thread. auto: one per CPU core beyond the first, at most 4.',
    }),
  policy_worker_max_heap_mb: z.number().int().min(32).max(65_536).optional().meta({
    description:
      "Heap limit of each policy worker (V8 old generation, MB). A request that would need more ends only its worker, which is replaced; its requests are prepared again one by one, and the one that ends the worker again is answered 413 (the others as usual). Unset: the process's own limit.",
  }),
  policy_worker_young_generation_mb: z.number().int().min(4).max(1_024).default(192).meta({
    description:
      "Young generation of each policy worker (V8, MB). Minimizing allocates many short-lived objects per event; a larger young generation collects them less often (192: 8–19% more events per second than V8's default of 48 on two cores) at the cost of up to that much more memory per worker under load.",
  }),
  shutdown_grace_ms: int(0, 600_000, 10_000, 'How long shutdown waits for in-flight deliveries.'),
});

/** The durable outbox and delivery retries. */
export const OutboxSchema = z.strictObject({
  high_water: int(
    100,
    100_000_000,
    1_000_000,
    'Queued events at which receivers answer "retry later" (503 or 429, as each SDK retries, with Retry-After; SDKs keep the events and retry).',
  ),
  synchronous: z.enum(['full', 'normal']).default('full').meta({
    description:
      'SQLite synchronous mode: full survives power loss, normal only process crashes (faster).',
  }),
  retry_budget_ms: int(
    1000,
    30 * 86_400_000,
    86_400_000,
    'How long a failing event is retried before it goes to the dead-letter table.',
  ),
  retry_max_backoff_ms: int(100, 3_600_000, 300_000, 'Longest wait between two attempts.'),
});

/** The admin API. */
export const AdminSchema = z.strictObject({
  token_env: EnvNameSchema.optional().meta({
    description:
      'Environment variable holding the admin API bearer token. Default: <data_dir>/admin.token, created with mode 0600.',
  }),
});
