/** redact-pii: `SyncRedactor` with its built-in regexes (and its name list). */
import {
  kinds,
  MARK,
  redactedSpans,
  type KindPredicate,
  type Peer,
  type RawFinding,
} from './peer.js';
import { packageVersion } from './version.js';

/** Built-in redactor → Veil kinds. Unmapped built-ins (zipcode, digits, url, username, password, credentials, names) have no Veil kind in the corpus. */
const MAP: Readonly<Record<string, KindPredicate>> = {
  creditCardNumber: kinds('credit_card'),
  emailAddress: kinds('email'),
  phoneNumber: kinds('phone_number'),
  ipAddress: kinds('ipv4', 'ipv6'),
  usSocialSecurityNumber: kinds('us_ssn'),
  streetAddress: kinds('us_street_address'),
};

/** The slice of redact-pii used here. */
interface SyncRedactor {
  redact(text: string): string;
}
type SyncRedactorClass = new (options?: {
  builtInRedactors?: Record<string, { enabled: boolean }>;
  globalReplaceWith?: string;
}) => SyncRedactor;

const ALL = [
  'creditCardNumber',
  'streetAddress',
  'zipcode',
  'phoneNumber',
  'ipAddress',
  'usSocialSecurityNumber',
  'emailAddress',
  'username',
  'password',
  'credentials',
  'digits',
  'url',
  'names',
] as const;

/** One redactor per mapped type, each replacing only its own matches with MARK (per-type `replaceWith` is ignored by 3.4.0). */
function singleTypeRedactors(
  SyncRedactor: SyncRedactorClass,
): { type: string; redactor: SyncRedactor }[] {
  return Object.keys(MAP).map((type) => {
    const builtInRedactors = Object.fromEntries(ALL.map((t) => [t, { enabled: t === type }]));
    return { type, redactor: new SyncRedactor({ builtInRedactors, globalReplaceWith: MARK }) };
  });
}

/** The redact-pii peer (throws when the package cannot be loaded). */
export async function redactPiiPeer(): Promise<Peer> {
  const { SyncRedactor } = (await import('redact-pii' as string)) as {
    SyncRedactor: SyncRedactorClass;
  };
  const version = packageVersion('redact-pii');
  const full = new SyncRedactor();
  const single = singleTypeRedactors(SyncRedactor);
  return {
    name: 'redact-pii',
    version,
    usage: 'new SyncRedactor().redact(json)  (all built-in redactors)',
    run: (text) => full.redact(text),
    find(text): RawFinding[] {
      const out: RawFinding[] = [];
      for (const { type, redactor } of single)
        for (const s of redactedSpans(text, redactor.redact(text))) out.push({ type, ...s });
      return out;
    },
    accepts: (type) => MAP[type],
    types: Object.keys(MAP),
  };
}
