/**
 * A printable copy of a config (`veil config show`, startup logs) with every value that may be a
 * secret replaced by `[redacted]`.
 */
import type { Config } from './schema.js';

/** What replaces a secret value. */
export const REDACTED = '[redacted]';

/** Key names whose values are treated as secrets. */
export const SECRET_KEY = /secret|token|key|passw|authorization|credential|cookie/i;

/**
 * Keys that match SECRET_KEY but hold no secret: `*_env` keys hold the *names* of environment
 * variables (the schema only accepts upper-case names, so a pasted token is rejected before it
 * gets here), and `key_version` is a pseudonym key's version number.
 */
function exempt(key: string): boolean {
  return key.endsWith('_env') || key === 'key_version';
}

/** Query values and fragments may carry tokens; keep the parameter names only. */
function redactUrl(url: string): string {
  const hash = url.indexOf('#');
  const base = hash === -1 ? url : url.slice(0, hash);
  const q = base.indexOf('?');
  if (q === -1) return hash === -1 ? url : `${base}#${REDACTED}`;
  const params = base
    .slice(q + 1)
    .split('&')
    .map((kv) => `${kv.split('=')[0] ?? ''}=${REDACTED}`);
  return `${base.slice(0, q)}?${params.join('&')}${hash === -1 ? '' : `#${REDACTED}`}`;
}

function redactValue(value: unknown, key: string, names: boolean): unknown {
  if (key.endsWith('_env')) return structuredClone(value);
  if (key !== '' && !names && !exempt(key) && SECRET_KEY.test(key)) return REDACTED;
  if (typeof value === 'string')
    return key === 'url' || key === 'endpoint' ? redactUrl(value) : value;
  if (Array.isArray(value)) return value.map((v) => redactValue(v, '', false));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    // Header values are credentials more often than not (Authorization, Cookie, X-Api-Key, …).
    if (key === 'headers') out[k] = REDACTED;
    else out[k] = redactValue(v, k, key === 'destinations' || key === 'policies');
  }
  return out;
}

/**
 * A deep copy of `config` that is safe to print: values under keys matching SECRET_KEY
 * (`[redacted]` for the whole subtree), every `headers` value, and query values and fragments
 * of `url`/`endpoint` are replaced. Destination and policy names are not matched against
 * SECRET_KEY (they are names, not keys of settings). `*_env` keys keep their variable names.
 */
export function redactConfig(config: Config): unknown {
  return redactValue(config, '', false);
}
