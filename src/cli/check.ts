/**
 * `veil check [--config FILE] [--destination NAME] [FILE|-]`: dry run of the policy, no network.
 * Canonical NDJSON events in, minimized events out (stdout), a findings summary on stderr.
 */
import type { Policy } from '../config/policy.js';
import { defaultPolicy } from '../config/policy.js';
import { loadConfig } from '../config/load.js';
import { resolvePolicy } from '../config/schema.js';
import { createDetector } from '../engine/detect.js';
import { isUnderAny } from '../engine/categories.js';
import type { Category } from '../engine/types.js';
import { VeilError } from '../errors.js';
import type { CanonicalEvent } from '../pipeline/event.js';
import { CHECK_FORMATS, decodeLine, type CheckFormat } from './check-decode.js';
import { createCounters, runStep } from '../pipeline/run.js';
import { openCountryDatabase, type CountryLookup } from '../policy/generalize/ip.js';
import { ephemeralMasterKey, loadMasterKey, type MasterKey } from '../policy/keys.js';
import { createPolicyStep } from '../policy/step.js';
import type { FieldRecord } from '../policy/apply.js';
import type { Io } from './detect.js';
import { openInput, readNdjson } from './ndjson.js';

/** Options of `veil check`. */
export interface CheckOptions {
  readonly config?: string;
  readonly destination?: string;
  readonly format: string;
  readonly failOn?: readonly Category[];
  readonly env: Readonly<Record<string, string | undefined>>;
}

interface Setup {
  readonly policy: Policy;
  readonly destination: string;
  readonly master: MasterKey;
  readonly countries?: CountryLookup;
}

async function setup(o: CheckOptions, io: Io): Promise<Setup> {
  if (!(CHECK_FORMATS as readonly string[]).includes(o.format)) {
    throw new VeilError(
      'VEIL_E_USAGE',
      `--format ${o.format}: must be one of ${CHECK_FORMATS.join(', ')}`,
    );
  }
  const config = o.config === undefined ? undefined : await loadConfig(o.config);
  const names = config === undefined ? ['default'] : Object.keys(config.destinations);
  const destination = o.destination ?? names[0]!;
  if (!names.includes(destination)) {
    throw new VeilError(
      'VEIL_E_USAGE',
      `--destination ${destination}: not in the config; known: ${names.join(', ')}`,
    );
  }
  const policy = config === undefined ? defaultPolicy() : resolvePolicy(config, destination);
  let master = loadMasterKey({ env: o.env, dataDir: config?.data_dir ?? '.veil', create: false });
  if (master === undefined) {
    master = ephemeralMasterKey();
    io.stderr.write(
      'veil check: no VEIL_MASTER_KEY and no master.key in the data directory: using an ephemeral key (pseudonyms differ from run to run)\n',
    );
  }
  const db = config?.geoip?.country_database;
  const countries = db === undefined ? undefined : await openCountryDatabase(db);
  return { policy, destination, master, ...(countries ? { countries } : {}) };
}

function summarize(
  records: readonly FieldRecord[],
  byCategory: Map<string, Map<string, number>>,
): void {
  for (const r of records) {
    for (const c of r.before) {
      let m = byCategory.get(c);
      if (m === undefined) byCategory.set(c, (m = new Map()));
      m.set(r.outcome, (m.get(r.outcome) ?? 0) + 1);
    }
  }
}

/** Run `veil check`; resolves to the exit code (2 bad input lines, 1 --fail-on matched, else 0). */
export async function runCheck(file: string | undefined, o: CheckOptions, io: Io): Promise<number> {
  const s = await setup(o, io);
  const step = createPolicyStep(s.policy, {
    destination: s.destination,
    master: s.master,
    detector: createDetector(),
    ...(s.countries ? { countries: s.countries } : {}),
  });
  const counters = createCounters();
  const byCategory = new Map<string, Map<string, number>>();
  let bad = 0;
  let failing = 0;
  let total = 0;
  const emit = async (event: CanonicalEvent): Promise<void> => {
    const r = runStep(step, event, counters);
    if (r.kind !== 'ok') return;
    summarize(r.value.records, byCategory);
    if (o.failOn && r.value.records.some((x) => x.before.some((c) => isUnderAny(c, o.failOn!))))
      failing++;
    if (!io.stdout.write(JSON.stringify(r.value.event) + '\n'))
      await new Promise((res) => io.stdout.once('drain', res));
  };
  for await (const rec of readNdjson(await openInput(file, io.stdin))) {
    const parsed =
      'error' in rec
        ? { events: [], problems: [`invalid JSON: ${rec.error}`] }
        : decodeLine(o.format as CheckFormat, rec.value);
    if (parsed.problems.length > 0) {
      bad++;
      total++;
      const what = o.format === 'canonical' ? 'a canonical event' : `a valid ${o.format} payload`;
      io.stderr.write(`veil check: line ${rec.line}: not ${what} (VEIL_E_INPUT_JSON)\n`);
      for (const p of parsed.problems) io.stderr.write(`  ${p}\n`);
    }
    for (const event of parsed.events) {
      total++;
      await emit(event);
    }
  }
  io.stderr.write(
    `veil check: destination ${s.destination}: ${total} in, ${counters.passed} out, ${total - counters.passed - bad} dropped, ${bad} invalid\n`,
  );
  for (const [reason, n] of counters.dropped) io.stderr.write(`  dropped ${reason}: ${n}\n`);
  for (const [cat, outcomes] of [...byCategory].sort()) {
    io.stderr.write(`  ${cat}: ${[...outcomes].map(([k, n]) => `${k} ${n}`).join(', ')}\n`);
  }
  if (bad > 0) return 2;
  return failing > 0 ? 1 : 0;
}
