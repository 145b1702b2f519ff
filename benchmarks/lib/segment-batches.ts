/**
 * SDK-sized Segment batches for the gateway benchmark: `POST /segment/v1/batch` bodies of
 * analytics.js-shaped events (track 60%, page 25%, identify 15%), seeded. Users come from a pool,
 * as in real traffic (many events per user); every event has its own `messageId`. Each event
 * carries a few personal-data fields (e-mail, name, phone in traits or properties, the client IP
 * and user agent, a page URL whose query string holds an e-mail) among ordinary ones, and the
 * user's session id in `context.session_id` (one per user in a run).
 */
import { createRng } from '../../src/testing/corpus/prng.js';

/** One request body and the number of events in it. */
export interface Body {
  readonly bytes: Buffer;
  readonly events: number;
}

/** Options of `segmentBatches`. */
export interface BatchOptions {
  readonly seed: number;
  /** Number of bodies. */
  readonly requests: number;
  /** Events per body (analytics-node flushes at 15, analytics.js batches of about 10–20). */
  readonly eventsPerRequest: number;
  /** Distinct users the events are drawn from. */
  readonly users?: number;
  /** A prefix making `messageId`s distinct between sets built with the same seed. */
  readonly label: string;
}

/** The project's seeded mulberry32 sequence, uniform in [0, 1). */
function prng(seed: number): () => number {
  return createRng(seed).next;
}

const FIRST = ['Aiko', 'Ben', 'Chloé', 'Dmitri', 'Emma', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jon'];
const LAST = ['Sato', 'Miller', 'Dubois', 'Ivanov', 'Khan', 'Okafor', 'Rossi', 'Tanaka', 'Berg'];
const PLANS = ['free', 'pro', 'team', 'enterprise'];
const EVENTS = ['Signed In', 'Report Exported', 'Plan Upgraded', 'Invite Sent', 'Search Run'];
const PAGES = ['/dashboard', '/settings/billing', '/reports/weekly', '/docs/api', '/pricing'];
const UAS = [
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36',
];

interface User {
  readonly userId: string;
  readonly anonymousId: string;
  readonly name: string;
  readonly email: string;
  readonly phone: string;
  readonly ip: string;
  readonly ua: string;
  readonly plan: string;
  /** The user's session id in this run (one session per user, as an SDK keeps it). */
  readonly session: number;
}

const hex = (r: () => number, n: number): string =>
  Array.from({ length: n }, () => Math.floor(r() * 16).toString(16)).join('');
const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const uuid = (r: () => number): string =>
  `${hex(r, 8)}-${hex(r, 4)}-4${hex(r, 3)}-a${hex(r, 3)}-${hex(r, 12)}`;

function makeUser(r: () => number, i: number): User {
  const first = pick(r, FIRST);
  const last = pick(r, LAST);
  return {
    userId: `usr_${(100000 + i).toString(36)}${hex(r, 6)}`,
    anonymousId: uuid(r),
    name: `${first} ${last}`,
    email: `${first.toLowerCase()}.${last.toLowerCase()}${i}@example.com`,
    phone: `+1 415 555 ${String(1000 + (i % 9000)).padStart(4, '0')}`,
    ip: `203.0.${Math.floor(r() * 256)}.${Math.floor(r() * 254) + 1}`,
    ua: pick(r, UAS),
    plan: pick(r, PLANS),
    // Not drawn from `r`, so every other value is what it was before session ids were per user.
    session: 100_000_000 + ((i * 2_654_435_761) % 900_000_000),
  };
}

function context(r: () => number, u: User, path: string): Record<string, unknown> {
  return {
    ip: u.ip,
    userAgent: u.ua,
    locale: 'en-US',
    timezone: 'America/Los_Angeles',
    library: { name: 'analytics.js', version: 'npm:next-1.76.0' },
    page: {
      path,
      url: `https://app.example.com${path}?utm_source=newsletter&invite=${encodeURIComponent(u.email)}`,
      referrer: 'https://www.google.com/',
      title: 'Example App',
      search: '?utm_source=newsletter',
    },
    campaign: { source: 'newsletter', medium: 'email' },
    screen: { width: 1512, height: 982, density: 2 },
    // The draw that was a per-event session id until the sixteenth session is still made (and
    // dropped), so the other values stay the same: a session id repeats for a session's events.
    session_id: r() < 0 ? 0 : u.session,
  };
}

function event(r: () => number, u: User, messageId: string, at: number): Record<string, unknown> {
  const path = pick(r, PAGES);
  const base = {
    messageId,
    anonymousId: u.anonymousId,
    ...(r() < 0.9 ? { userId: u.userId } : {}),
    timestamp: new Date(at).toISOString(),
    context: context(r, u, path),
    integrations: {},
  };
  const k = r();
  if (k < 0.15)
    return {
      ...base,
      type: 'identify',
      traits: { email: u.email, name: u.name, phone: u.phone, plan: u.plan, company: 'Acme KK' },
    };
  if (k < 0.4) return { ...base, type: 'page', name: path.slice(1), properties: { path } };
  return {
    ...base,
    type: 'track',
    event: pick(r, EVENTS),
    properties: {
      plan: u.plan,
      seats: 1 + Math.floor(r() * 40),
      revenue: Math.round(r() * 50000) / 100,
      currency: 'USD',
      duration_ms: Math.floor(r() * 3000),
      contact_email: r() < 0.3 ? u.email : undefined,
      note: r() < 0.1 ? `call ${u.name} at ${u.phone}` : 'weekly sync',
    },
  };
}

/** Build `requests` batch bodies (JSON, UTF-8), deterministic for `seed` and `label`. */
export function segmentBatches(o: BatchOptions): Body[] {
  const r = prng(o.seed);
  const users = Array.from({ length: o.users ?? 2000 }, (_, i) => makeUser(r, i));
  const start = Date.UTC(2026, 10, 22, 9, 0, 0);
  const bodies: Body[] = [];
  let n = 0;
  for (let i = 0; i < o.requests; i++) {
    const batch = [];
    for (let j = 0; j < o.eventsPerRequest; j++, n++)
      batch.push(event(r, pick(r, users), `${o.label}-${n}-${hex(r, 12)}`, start + n * 37));
    const body = { batch, sentAt: new Date(start + n * 37).toISOString() };
    bodies.push({ bytes: Buffer.from(JSON.stringify(body)), events: batch.length });
  }
  return bodies;
}
