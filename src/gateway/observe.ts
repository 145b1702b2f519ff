/**
 * Turn one request's minimization records into inventory and ledger deltas, aggregated per
 * request (so a worker sends back a few dozen small objects, not every field record). Only
 * paths, types, categories, actions and keyed pseudonyms: never values, never raw ids.
 */
import type { InventoryDelta, ValueType } from '../inventory/types.js';
import type { Form, LedgerDelta } from '../ledger/types.js';
import type { LedgerPseudonymizer } from '../ledger/subject.js';
import type { CanonicalEvent } from '../pipeline/event.js';
import type { FieldRecord, Outcome } from '../policy/apply.js';

/** The ledger's pseudo category that counts events. */
export const EVENTS_CATEGORY = '*';

interface Inv {
  source: string;
  destination: string;
  event: string;
  path: string;
  count: number;
  types: Set<ValueType>;
  before: Set<string>;
  outcomes: Set<Outcome>;
  after: Set<string>;
}

/** Collects the deltas of one request. */
export interface Observer {
  /** One event `raw` minimized into `sent` for `destination`, with its field records. */
  event(
    destination: string,
    raw: CanonicalEvent,
    sent: CanonicalEvent,
    records: readonly FieldRecord[],
  ): void;
  inventory(): InventoryDelta[];
  ledger(): LedgerDelta[];
}

const id = (v: unknown): string | undefined =>
  typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined;

/** An observer for a request from `source` at `now` (ms); no ledger without a pseudonymizer. */
export function createObserver(
  source: string,
  now: number,
  pseudonym: LedgerPseudonymizer | undefined,
): Observer {
  const inv = new Map<string, Inv>();
  const led = new Map<string, LedgerDelta & { count: number }>();
  const day = new Date(now).toISOString().slice(0, 10);

  function inventory(destination: string, event: string, records: readonly FieldRecord[]): void {
    for (const r of records) {
      const key = `${destination}\u0000${event}\u0000${r.path}`;
      let e = inv.get(key);
      if (e === undefined) {
        e = {
          source,
          destination,
          event,
          path: r.path,
          count: 0,
          types: new Set(),
          before: new Set(),
          outcomes: new Set(),
          after: new Set(),
        };
        inv.set(key, e);
      }
      e.count++;
      e.types.add(r.type);
      for (const c of r.before) e.before.add(c);
      e.outcomes.add(r.outcome);
      if (r.after !== null) e.after.add(r.after);
    }
  }

  function ledger(
    destination: string,
    raw: CanonicalEvent,
    sent: CanonicalEvent,
    records: readonly FieldRecord[],
  ): void {
    if (pseudonym === undefined) return;
    const rawSubject = id(raw.userId) ?? id(raw.anonymousId);
    if (rawSubject === undefined) return;
    const subject = pseudonym(rawSubject);
    const rawOrg =
      id(raw.groupId) ?? id((raw.context as { groupId?: unknown } | undefined)?.groupId);
    const sentSubject = id(sent.userId) ?? id(sent.anonymousId);
    // A vendor subject equal to a raw id (a policy that keeps ids) must not enter the ledger.
    const vendorSubject =
      sentSubject !== undefined && sentSubject !== rawSubject && sentSubject !== id(raw.anonymousId)
        ? sentSubject
        : undefined;
    const base = {
      destination,
      subject,
      ...(rawOrg !== undefined && { org: pseudonym(rawOrg) }),
      ...(vendorSubject !== undefined && { vendorSubject }),
      day,
    };
    const seen = new Set<string>();
    const add = (category: string, form: Form) => {
      const k = `${category}\u0000${form}`;
      if (seen.has(k)) return;
      seen.add(k);
      const key = `${destination}\u0000${subject}\u0000${base.org ?? ''}\u0000${k}`;
      const d = led.get(key);
      if (d) d.count++;
      else led.set(key, { ...base, category, form, count: 1 });
    };
    add(EVENTS_CATEGORY, 'passed');
    for (const r of records) for (const c of r.before) add(c, r.outcome);
  }

  return {
    event(destination, raw, sent, records) {
      inventory(destination, sent.type === 'track' ? (sent.event ?? 'track') : sent.type, records);
      ledger(destination, raw, sent, records);
    },
    inventory: () =>
      [...inv.values()].map((e) => ({
        ...e,
        types: [...e.types],
        before: [...e.before],
        outcomes: [...e.outcomes],
        after: [...e.after],
        firstSeen: now,
        lastSeen: now,
      })),
    ledger: () => [...led.values()],
  };
}
