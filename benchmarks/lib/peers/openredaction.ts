/** openredaction: `OpenRedaction#detect` with its default pattern set (570+ regexes). */
import { kinds, prefixed, type KindPredicate, type Peer, type RawFinding } from './peer.js';
import { packageVersion } from './version.js';

/** The slice of openredaction used here. */
type OpenRedactionClass = new () => {
  detect(
    text: string,
  ): Promise<{ detections: { type: string; position: readonly [number, number] }[] }>;
};

/** Pattern type → Veil kinds. Types without an entry (order numbers, licence plates, …) have no Veil kind in the corpus. */
function mapping(secretKinds: ReadonlySet<string>): Record<string, KindPredicate> {
  const anySecret: KindPredicate = (k) => secretKinds.has(k);
  return {
    EMAIL: kinds('email'),
    CREDIT_CARD: kinds('credit_card'),
    IBAN: kinds('iban'),
    UK_BANK_ACCOUNT_IBAN: kinds('iban'),
    SSN: kinds('us_ssn'),
    PHONE_UK_MOBILE: kinds('phone_number'),
    PHONE_UK: kinds('phone_number'),
    PHONE_US: kinds('phone_number'),
    PHONE_INTERNATIONAL: kinds('phone_number'),
    IPV4: kinds('ipv4'),
    IPV6: kinds('ipv6'),
    JAPANESE_MY_NUMBER: kinds('jp_my_number'),
    ADDRESS_STREET: kinds('us_street_address'),
    DATE_OF_BIRTH: kinds('date_of_birth'),
    AWS_ACCESS_KEY: prefixed('aws_'),
    AWS_SECRET_KEY: prefixed('aws_'),
    OPENAI_API_KEY: prefixed('openai_'),
    GOOGLE_API_KEY: prefixed('google_', 'gcp_'),
    FIREBASE_API_KEY: prefixed('google_', 'firebase_'),
    STRIPE_API_KEY: prefixed('stripe_'),
    GITHUB_TOKEN: prefixed('github_'),
    JWT_TOKEN: prefixed('jwt'),
    PRIVATE_KEY: prefixed('private_key', 'pem_private_key'),
    SSH_PRIVATE_KEY: prefixed('private_key', 'pem_private_key'),
    DATABASE_CONNECTION: prefixed('connection_string', 'database_url'),
    URL_WITH_AUTH: prefixed('basic_auth', 'url_credentials', 'url_basic_auth'),
    SLACK_WEBHOOK: prefixed('slack_'),
    SLACK_TOKEN: prefixed('slack_'),
    TWILIO_API_KEY: prefixed('twilio_'),
    MAILGUN_API_KEY: prefixed('mailgun_'),
    SENDGRID_API_KEY: prefixed('sendgrid_'),
    NPM_TOKEN: prefixed('npm_'),
    PYPI_TOKEN: prefixed('pypi_'),
    HEROKU_API_KEY: prefixed('heroku_'),
    GENERIC_API_KEY: anySecret,
    GENERIC_SECRET: anySecret,
    BEARER_TOKEN: anySecret,
    OAUTH_TOKEN: anySecret,
  };
}

/** The openredaction peer (throws when the package cannot be loaded); `secretKinds` are the corpus's token-family kinds (its generic types cover them). */
export async function openredactionPeer(secretKinds: ReadonlySet<string>): Promise<Peer> {
  const { OpenRedaction } = (await import('openredaction' as string)) as {
    OpenRedaction: OpenRedactionClass;
  };
  const version = packageVersion('openredaction');
  const shield = new OpenRedaction();
  const map = mapping(secretKinds);
  const find = async (text: string): Promise<RawFinding[]> => {
    const r = await shield.detect(text);
    return r.detections.map((d) => ({ type: d.type, start: d.position[0], end: d.position[1] }));
  };
  return {
    name: 'openredaction',
    version,
    usage: 'await new OpenRedaction().detect(json)  (default patterns)',
    run: find,
    find,
    accepts: (type) => map[type],
    types: Object.keys(map),
  };
}
