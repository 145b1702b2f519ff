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

/** Keys whose values are URLs (`url`, `endpoint`, `drift_webhook_url`, each of `endpoints`). */
function isUrlKey(key: string): boolean {
  return key === 'url' || key === 'endpoint' || key === 'endpoints' || key.endsWith('_url');
}

/**
 * A URL with what may carry a secret hidden: userinfo (`https://user:pass@host`), query values
 * (parameter names kept) and the fragment; and, for a webhook (`pathSecret`), the whole path,
 * since Slack and Teams webhook URLs are their own credential (`/services/T…/B…/<secret>`).
 */
/** Scheme and `//`, userinfo, host, path, query of a URL without its fragment. */
const URL_PARTS = /^((?:[a-z][a-z0-9+.-]*:)?\/\/)?([^/?#]*@)?([^/?#]*)([^?]*)(?:\?(.*))?$/is;

function redactUrl(url: string, pathSecret: boolean): string {
  const hash = url.indexOf('#');
  const [, scheme = '', userinfo, host = '', path = '', query] = URL_PARTS.exec(
    hash === -1 ? url : url.slice(0, hash),
  )!;
  const shownPath = pathSecret && path !== '' && path !== '/' ? `/${REDACTED}` : path;
  const shownQuery =
    query === undefined
      ? ''
      : `?${query
          .split('&')
          .map((kv) => `${kv.split('=')[0] ?? ''}=${REDACTED}`)
          .join('&')}`;
  return (
    `${scheme}${userinfo === undefined ? '' : `${REDACTED}@`}${host}${shownPath}${shownQuery}` +
    (hash === -1 ? '' : `#${REDACTED}`)
  );
}

function redactValue(value: unknown, key: string, names: boolean): unknown {
  if (key.endsWith('_env')) return structuredClone(value);
  if (key !== '' && !names && !exempt(key) && SECRET_KEY.test(key)) return REDACTED;
  if (typeof value === 'string')
    return isUrlKey(key) ? redactUrl(value, key.includes('webhook')) : value;
  // The elements of a list of URLs (`endpoints`) are URLs.
  if (Array.isArray(value))
    return value.map((v) => redactValue(v, isUrlKey(key) ? key : '', false));
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
 * (`[redacted]` for the whole subtree), every `headers` value, and the userinfo, query values
 * and fragments of every URL (`url`, `endpoint`, `endpoints`, `*_url`; a webhook URL's path too)
 * are replaced. Destination and policy names are not matched against
 * SECRET_KEY (they are names, not keys of settings). `*_env` keys keep their variable names.
 */
export function redactConfig(config: Config): unknown {
  return redactValue(config, '', false);
}
