/** secretlint with the recommended preset, via `@secretlint/core`'s `lintSource`. */
import { prefixed, type KindPredicate, type Peer, type RawFinding } from './peer.js';
import { packageVersion } from './version.js';

/** The slice of `@secretlint/core` used here. */
interface SecretlintCore {
  lintSource(o: {
    source: { filePath: string; content: string; ext: string; contentType: 'text' };
    options: { config: { rules: { id: string; rule: unknown }[] } };
  }): Promise<{ messages: { ruleId: string; range: readonly [number, number] }[] }>;
}

/** secretlint rule (short name) → Veil token-family prefixes. */
const MAP: Readonly<Record<string, KindPredicate>> = {
  '1password': prefixed('onepassword_', '1password_'),
  anthropic: prefixed('anthropic_'),
  aws: prefixed('aws_'),
  basicauth: prefixed('basic_auth', 'url_credentials', 'url_basic_auth'),
  cloudflare: prefixed('cloudflare_'),
  'database-connection-string': prefixed(
    'connection_string',
    'database_url',
    'postgres_',
    'mysql_',
    'mongodb_',
  ),
  databricks: prefixed('databricks_'),
  docker: prefixed('docker_'),
  figma: prefixed('figma_'),
  gcp: prefixed('gcp_', 'google_'),
  github: prefixed('github_'),
  gitlab: prefixed('gitlab_'),
  grafana: prefixed('grafana_'),
  groq: prefixed('groq_'),
  'hashicorp-vault': prefixed('vault_', 'hashicorp_'),
  huggingface: prefixed('huggingface_'),
  linear: prefixed('linear_'),
  notion: prefixed('notion_'),
  npm: prefixed('npm_'),
  openai: prefixed('openai_'),
  privatekey: prefixed('private_key', 'pem_private_key'),
  sendgrid: prefixed('sendgrid_'),
  shopify: prefixed('shopify_'),
  slack: prefixed('slack_'),
  stripe: prefixed('stripe_'),
  tailscale: prefixed('tailscale_'),
  vercel: prefixed('vercel_'),
};

const shortName = (ruleId: string): string => ruleId.replace(/^@secretlint\/secretlint-rule-/, '');

/** The secretlint peer (throws when the packages cannot be loaded). */
export async function secretlintPeer(): Promise<Peer> {
  const core = (await import('@secretlint/core' as string)) as SecretlintCore;
  const preset = (
    (await import('@secretlint/secretlint-rule-preset-recommend' as string)) as { creator: unknown }
  ).creator;
  const config = { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: preset }] };
  const find = async (text: string): Promise<RawFinding[]> => {
    const r = await core.lintSource({
      source: { filePath: '/event.json', content: text, ext: '.json', contentType: 'text' },
      options: { config },
    });
    return r.messages.map((m) => ({
      type: shortName(m.ruleId),
      start: m.range[0],
      end: m.range[1],
    }));
  };
  const version = packageVersion('@secretlint/core');
  return {
    name: 'secretlint (+ preset-recommend)',
    version,
    usage:
      "lintSource({source: {content: json, contentType: 'text'}, options: {config: preset-recommend}})",
    run: find,
    find,
    accepts: (type) => MAP[type],
    types: Object.keys(MAP),
  };
}
