/** @redactpii/node: `Redactor` with its default rules (CREDIT_CARD, EMAIL, NAME, PHONE, SSN). */
import {
  kinds,
  MARK,
  redactedSpans,
  type KindPredicate,
  type Peer,
  type RawFinding,
} from './peer.js';
import { packageVersion } from './version.js';

/** Rule → Veil kinds (NAME has no Veil kind in the corpus). */
const MAP: Readonly<Record<string, KindPredicate>> = {
  CREDIT_CARD: kinds('credit_card'),
  EMAIL: kinds('email'),
  PHONE: kinds('phone_number'),
  SSN: kinds('us_ssn'),
};

/** The slice of @redactpii/node used here. */
type RedactorClass = new (options?: {
  rules?: Record<string, boolean>;
  globalReplaceWith?: string;
}) => {
  redact(text: string): string;
};

const RULES = ['CREDIT_CARD', 'EMAIL', 'NAME', 'PHONE', 'SSN'] as const;

/** The @redactpii/node peer (throws when the package cannot be loaded). */
export async function redactpiiNodePeer(): Promise<Peer> {
  const { Redactor } = (await import('@redactpii/node' as string)) as { Redactor: RedactorClass };
  const version = packageVersion('@redactpii/node');
  const full = new Redactor();
  const single = Object.keys(MAP).map((type) => ({
    type,
    redactor: new Redactor({
      rules: Object.fromEntries(RULES.map((r) => [r, r === type])),
      globalReplaceWith: MARK,
    }),
  }));
  return {
    name: '@redactpii/node',
    version,
    usage: 'new Redactor().redact(json)  (default rules, no API key: nothing leaves the process)',
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
