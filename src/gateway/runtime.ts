/**
 * Turns a validated config into what the gateway runs: token → source lookup, and per
 * destination a compiled policy step and an exporter. Fails fast (VEIL_E_CONFIG_INVALID, every
 * problem listed) when an environment variable the config names is missing.
 */
import type { Config } from '../config/schema.js';
import { resolvePolicy } from '../config/schema.js';
import type { Destination } from '../config/destinations.js';
import type { Detector } from '../engine/detect.js';
import { VeilError } from '../errors.js';
import { createAmplitudeExporter } from '../exporters/amplitude/index.js';
import { createFileExporter } from '../exporters/file/index.js';
import { createHttpExporter } from '../exporters/http-json/index.js';
import { createMixpanelExporter } from '../exporters/mixpanel/index.js';
import { createPosthogExporter } from '../exporters/posthog/index.js';
import { createSegmentExporter } from '../exporters/segment/index.js';
import type { Exporter } from '../exporters/types.js';
import type { CountryLookup } from '../policy/generalize/ip.js';
import type { MasterKey } from '../policy/keys.js';
import { createPolicyStep } from '../policy/step.js';
import type { Limits, Vendor } from '../receivers/types.js';
import { createDetector } from '../engine/detect.js';
import { openCountryDatabase } from '../policy/generalize/ip.js';
import { loadMasterKey } from '../policy/keys.js';
import type { PolicyStep } from './minimize.js';
import { createLedgerPseudonymizer, type LedgerPseudonymizer } from '../ledger/subject.js';

type Env = Readonly<Record<string, string | undefined>>;

/** A source at run time. */
export interface SourceRuntime {
  readonly name: string;
  readonly vendor: Vendor;
  readonly destinations: readonly string[];
  /** Destination whose vendor answers flag requests; undefined: answered locally. */
  readonly flagsVia?: string;
}

/** A destination at run time. */
export interface DestinationRuntime {
  readonly name: string;
  readonly type: Destination['type'];
  readonly step: PolicyStep;
  readonly exporter: Exporter;
}

/** The decoders' bounds from the config's `server` section. */
export function limitsOf(config: Config): Limits {
  return {
    maxDecompressedBytes: config.server.max_decompressed_bytes,
    maxDepth: config.server.max_depth,
    maxEventsPerRequest: config.server.max_events_per_request,
    maxValues: config.server.max_values_per_request,
  };
}

/** Key of the token table. */
export const tokenKey = (vendor: Vendor, token: string): string => `${vendor}\u0000${token}`;

/** Token → source for every source; missing env vars are collected into `problems`. */
export function buildSources(
  config: Config,
  env: Env,
  problems: string[],
): Map<string, SourceRuntime> {
  const byToken = new Map<string, SourceRuntime>();
  for (const [name, s] of Object.entries(config.sources)) {
    const flagsVia = s.feature_flags === 'local' ? undefined : s.feature_flags.forward_to;
    const rt: SourceRuntime = {
      name,
      vendor: s.type,
      destinations: s.destinations,
      ...(flagsVia !== undefined && { flagsVia }),
    };
    const tokens = [...s.tokens];
    s.tokens_env.forEach((v, i) => {
      const t = env[v];
      if (t === undefined || t === '')
        problems.push(`sources.${name}.tokens_env[${i}]: environment variable ${v} is not set`);
      else tokens.push(t);
    });
    for (const t of tokens) byToken.set(tokenKey(s.type, t), rt);
  }
  return byToken;
}

function credential(env: Env, name: string, key: string, v: string, problems: string[]): string {
  const value = env[v];
  if (value === undefined || value === '')
    problems.push(`destinations.${name}.${key}: environment variable ${v} is not set`);
  return value ?? '';
}

/** The exporter for destination `name`. */
export function buildExporter(
  name: string,
  d: Destination,
  env: Env,
  problems: string[],
): Exporter {
  const ep = 'endpoint' in d && d.endpoint !== undefined ? { endpoint: d.endpoint } : {};
  switch (d.type) {
    case 'file':
      return createFileExporter({ path: d.path });
    case 'http': {
      const headers: Record<string, string> = { ...d.headers };
      for (const [h, v] of Object.entries(d.headers_env))
        headers[h] = credential(env, name, `headers_env.${h}`, v, problems);
      return createHttpExporter({ url: d.url, headers, timeoutMs: d.timeout_ms });
    }
    case 'mixpanel':
      return createMixpanelExporter({
        ...ep,
        credential: credential(env, name, 'project_token_env', d.project_token_env, problems),
      });
    case 'segment':
      return createSegmentExporter({
        ...ep,
        credential: credential(env, name, 'write_key_env', d.write_key_env, problems),
      });
    case 'posthog':
      return createPosthogExporter({
        ...ep,
        credential: credential(env, name, 'project_api_key_env', d.project_api_key_env, problems),
      });
    case 'amplitude':
      return createAmplitudeExporter({
        ...ep,
        credential: credential(env, name, 'api_key_env', d.api_key_env, problems),
      });
  }
}

/** Dependencies shared by every destination's policy step. */
export interface PolicyEnv {
  readonly master: MasterKey;
  readonly detector: Detector;
  readonly countries?: CountryLookup;
}

/** Every destination's compiled policy step, by destination name. */
export function stepsFor(config: Config, deps: PolicyEnv): Map<string, PolicyStep> {
  const steps = new Map<string, PolicyStep>();
  for (const name of Object.keys(config.destinations)) {
    steps.set(
      name,
      createPolicyStep(resolvePolicy(config, name), {
        destination: name,
        master: deps.master,
        detector: deps.detector,
        ...(deps.countries ? { countries: deps.countries } : {}),
      }),
    );
  }
  return steps;
}

/**
 * The steps of a policy worker: the master key from the same place the gateway took it (the
 * environment, else `<data_dir>/master.key`, which the gateway created), its own detector and
 * GeoIP reader.
 */
export async function buildSteps(
  config: Config,
  env: Env,
): Promise<{ steps: Map<string, PolicyStep>; ledger?: LedgerPseudonymizer }> {
  const master = loadMasterKey({ env, dataDir: config.data_dir, create: false });
  if (master === undefined)
    throw new Error('no master key in the environment or the data directory');
  const countries = config.geoip
    ? await openCountryDatabase(config.geoip.country_database)
    : undefined;
  const steps = stepsFor(config, {
    master,
    detector: createDetector(),
    ...(countries ? { countries } : {}),
  });
  return config.ledger.enabled ? { steps, ledger: createLedgerPseudonymizer(master) } : { steps };
}

/** Every destination's runtime. Throws VEIL_E_CONFIG_INVALID listing all missing env vars. */
export function buildRuntime(
  config: Config,
  env: Env,
  deps: PolicyEnv,
): { sources: Map<string, SourceRuntime>; destinations: Map<string, DestinationRuntime> } {
  const problems: string[] = [];
  const sources = buildSources(config, env, problems);
  const destinations = new Map<string, DestinationRuntime>();
  const steps = stepsFor(config, deps);
  for (const [name, d] of Object.entries(config.destinations)) {
    const step = steps.get(name)!;
    destinations.set(name, {
      name,
      type: d.type,
      step,
      exporter: buildExporter(name, d, env, problems),
    });
  }
  if (Object.keys(config.sources).length === 0)
    problems.push(
      'sources: give at least one source for `veil serve` (which SDK traffic to accept)',
    );
  if (problems.length > 0) {
    const n = problems.length;
    throw new VeilError(
      'VEIL_E_CONFIG_INVALID',
      `the config cannot be served (${n} problem${n === 1 ? '' : 's'})`,
      problems,
    );
  }
  return { sources, destinations };
}
