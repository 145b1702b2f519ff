/** The disclosure ledger's settings (`ledger:`). */
import { z } from 'zod';

/** Ledger settings: whether to keep it, how long rows live, how often counts are written. */
export const LedgerSchema = z.strictObject({
  enabled: z.boolean().default(true).meta({ description: 'Keep the disclosure ledger.' }),
  retention_days: z.number().int().min(1).max(36_500).default(400).meta({
    description: 'Days of ledger rows kept; older days are deleted (by UTC day).',
  }),
  flush_interval_ms: z.number().int().min(100).max(3_600_000).default(5_000).meta({
    description: 'How often the in-memory counts are written to <data_dir>/ledger.db, in ms.',
  }),
});
