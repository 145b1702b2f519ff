/** The inventory's settings (`inventory:`). */
import { z } from 'zod';
import { EnvNameSchema } from './destinations.js';

/**
 * Inventory settings. The drift webhook URL is given literally (`drift_webhook_url`) or, when
 * it holds a secret (Slack and Teams webhook URLs do), by environment variable
 * (`drift_webhook_url_env`); at most one of the two.
 */
export const InventorySchema = z
  .strictObject({
    enabled: z.boolean().default(true).meta({ description: 'Keep the data map (inventory).' }),
    flush_interval_ms: z.int().min(100).max(3_600_000).default(10_000).meta({
      description: 'How often the in-memory aggregate is written to inventory.db, in ms.',
    }),
    max_fields_per_event: z.int().min(10).max(1_000_000).default(1_000).meta({
      description:
        'Distinct fields kept per (source, destination, event); the fields of an event beyond it are counted together as field "*" (one drift alert), so random keys cannot grow the map without end.',
    }),
    max_events_per_source: z.int().min(10).max(1_000_000).default(1_000).meta({
      description:
        'Distinct event names kept per (source, destination); events beyond it are counted together as event "*", field "*" (one drift alert).',
    }),
    drift_webhook_url: z
      .url({ protocol: /^https?$/ })
      .optional()
      .meta({ description: 'POST drift alerts as JSON `{alerts: [...]}` to this URL.' }),
    drift_webhook_url_env: EnvNameSchema.optional().meta({
      description: 'Environment variable holding the drift webhook URL (a secret).',
    }),
    drift_webhook_timeout_ms: z.int().min(100).max(60_000).default(5_000).meta({
      description: 'Time limit of one webhook POST, in ms; a failed POST is logged, not retried.',
    }),
  })
  .refine(
    (v) =>
      typeof v !== 'object' ||
      v === null ||
      v.drift_webhook_url === undefined ||
      v.drift_webhook_url_env === undefined,
    {
      message: 'give at most one of drift_webhook_url and drift_webhook_url_env',
      path: ['drift_webhook_url_env'],
      when: () => true,
    },
  );

/** Validated inventory settings. */
export type InventoryConfig = z.output<typeof InventorySchema>;
