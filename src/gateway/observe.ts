/**
 * The gateway's observations for the inventory (data map) and the ledger, aggregated where the
 * policy runs (a policy worker or the main thread) across many requests, and drained in one
 * batch per flush interval: per event only map updates happen, so observing costs little. Only
 * paths, types, categories, actions and keyed pseudonyms: never values, never raw ids.
 */
import type { InventoryDelta, ValueType } from '../inventory/types.js';
import type { Form, LedgerDelta } from '../ledger/types.js';
import type { LedgerPseudonymizer } from '../ledger/subject.js';
import type { CanonicalEvent } from '../pipeline/event.js';
import type { FieldRecord, Outcome } from '../policy/apply.js';

/** The ledger's pseudo category that counts events. */
export const EVENTS_CATEGORY = '*';

/** Deltas drained from an observer. */
export interface Observed {
  readonly inventory: InventoryDelta[];
  readonly ledger: LedgerDelta[];
}

interface Inv {
  readonly source: string;
  readonly destination: string;
  readonly event: string;
  readonly path: string;
  count: number;
  readonly types: Set<ValueType>;
  readonly before: Set<string>;
  readonly outcomes: Set<Outcome>;
  readonly after: Set<string>;
  firstSeen: number;
  lastSeen: number;
}

interface Subject {
  readonly destination: string;
  readonly subject: string;
  readonly org: string | undefined;
  readonly vendorSubject: string | undefined;
  readonly day: string;
  /** pairKey → [category, form, count] */
  readonly counts: Map<string, [string, Form, number]>;
}

/** Aggregates observations until drained. */
export interface Observer {
  /** One event `raw` from `source`, minimized into `sent` for `destination` at `now` (ms). */
  event(
    source: string,
    destination: string,
    now: number,
    raw: CanonicalEvent,
    sent: CanonicalEvent,
    records: readonly FieldRecord[],
  ): void;
  /** Keys held (to flush early when large). */
  size(): number;
  /** Everything observed since the last drain, as deltas; the observer starts empty again. */
  drain(): Observed;
}

/** `category\0form` strings, interned so hot loops look keys up instead of building them. */
const pairKeys = new Map<string, Map<Form, string>>();
function pairKey(category: string, form: Form): string {
  let m = pairKeys.get(category);
  if (m === undefined) {
    if (pairKeys.size >= 4096) pairKeys.clear();
    pairKeys.set(category, (m = new Map()));
  }
  let k = m.get(form);
  if (k === undefined) m.set(form, (k = `${category}\u0000${form}`));
  return k;
}

const id = (v: unknown): string | undefined =>
  typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined;

const DAY_MS = 86_400_000;

/** An observer; without a pseudonymizer it keeps the inventory only. */
export function createObserver(pseudonym: LedgerPseudonymizer | undefined): Observer {
  // source\0destination\0event → path → entry
  let inv = new Map<string, Map<string, Inv>>();
  // destination\0day\0subject\0org → counts
  let led = new Map<string, Subject>();
  let keys = 0;
  let dayStart = 0;
  let day = '';
  const seen = new Set<string>();

  function dayOf(now: number): string {
    if (now < dayStart || now >= dayStart + DAY_MS) {
      dayStart = now - (now % DAY_MS);
      day = new Date(dayStart).toISOString().slice(0, 10);
    }
    return day;
  }

  function inventory(
    source: string,
    destination: string,
    event: string,
    now: number,
    records: readonly FieldRecord[],
  ): void {
    const group = `${source}\u0000${destination}\u0000${event}`;
    let byPath = inv.get(group);
    if (byPath === undefined) inv.set(group, (byPath = new Map()));
    for (const r of records) {
      let e = byPath.get(r.path);
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
          firstSeen: now,
          lastSeen: now,
        };
        byPath.set(r.path, e);
        keys++;
      }
      e.count++;
      if (now < e.firstSeen) e.firstSeen = now;
      if (now > e.lastSeen) e.lastSeen = now;
      e.types.add(r.type);
      for (const c of r.before) e.before.add(c);
      e.outcomes.add(r.outcome);
      if (r.after !== null) e.after.add(r.after);
    }
  }

  function subjectOf(
    destination: string,
    now: number,
    raw: CanonicalEvent,
    sent: CanonicalEvent,
  ): Subject | undefined {
    const rawSubject = id(raw.userId) ?? id(raw.anonymousId);
    if (rawSubject === undefined || pseudonym === undefined) return undefined;
    const subject = pseudonym(rawSubject);
    const rawOrg =
      id(raw.groupId) ?? id((raw.context as { groupId?: unknown } | undefined)?.groupId);
    const org = rawOrg === undefined ? undefined : pseudonym(rawOrg);
    const d = dayOf(now);
    const key = `${destination}\u0000${d}\u0000${subject}\u0000${org ?? ''}`;
    let s = led.get(key);
    if (s !== undefined) return s;
    const sentSubject = id(sent.userId) ?? id(sent.anonymousId);
    // A vendor subject equal to a raw id (a policy that keeps ids) must not enter the ledger.
    const vendorSubject =
      sentSubject !== undefined && sentSubject !== rawSubject && sentSubject !== id(raw.anonymousId)
        ? sentSubject
        : undefined;
    s = { destination, subject, org, vendorSubject, day: d, counts: new Map() };
    led.set(key, s);
    return s;
  }

  function ledger(
    destination: string,
    now: number,
    raw: CanonicalEvent,
    sent: CanonicalEvent,
    records: readonly FieldRecord[],
  ): void {
    const s = subjectOf(destination, now, raw, sent);
    if (s === undefined) return;
    seen.clear();
    const counts = s.counts;
    const add = (category: string, form: Form): void => {
      const k = pairKey(category, form);
      if (seen.has(k)) return;
      seen.add(k);
      const c = counts.get(k);
      if (c) c[2]++;
      else {
        counts.set(k, [category, form, 1]);
        keys++;
      }
    };
    add(EVENTS_CATEGORY, 'passed');
    for (const r of records) for (const c of r.before) add(c, r.outcome);
  }

  function drainInventory(map: Map<string, Map<string, Inv>>): InventoryDelta[] {
    const out: InventoryDelta[] = [];
    for (const byPath of map.values())
      for (const e of byPath.values())
        out.push({
          source: e.source,
          destination: e.destination,
          event: e.event,
          path: e.path,
          count: e.count,
          types: [...e.types],
          before: [...e.before],
          outcomes: [...e.outcomes],
          after: [...e.after],
          firstSeen: e.firstSeen,
          lastSeen: e.lastSeen,
        });
    return out;
  }

  function drainLedger(map: Map<string, Subject>): LedgerDelta[] {
    const out: LedgerDelta[] = [];
    for (const s of map.values())
      for (const [category, form, count] of s.counts.values()) {
        const d: { -readonly [K in keyof LedgerDelta]: LedgerDelta[K] } = {
          destination: s.destination,
          subject: s.subject,
          day: s.day,
          category,
          form,
          count,
        };
        if (s.org !== undefined) d.org = s.org;
        if (s.vendorSubject !== undefined) d.vendorSubject = s.vendorSubject;
        out.push(d);
      }
    return out;
  }

  return {
    event(source, destination, now, raw, sent, records) {
      const name = sent.type === 'track' ? (sent.event ?? 'track') : sent.type;
      inventory(source, destination, name, now, records);
      ledger(destination, now, raw, sent, records);
    },
    size: () => keys,
    drain() {
      const i = inv;
      const l = led;
      inv = new Map();
      led = new Map();
      keys = 0;
      return { inventory: drainInventory(i), ledger: drainLedger(l) };
    },
  };
}
