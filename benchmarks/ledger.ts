/**
 * The disclosure ledger's query time: `impact` (who and what, for one destination and window)
 * and `exposure` of 1,000 subjects, over 1,000,000 ledger rows (`--ledger-rows N`), against the
 * issue's target (under 2 s). Rows: 3 destinations, 90 days, 20,000 subjects in 500 orgs,
 * categories × forms as the gateway writes them. Each query is timed `reps` times; the median
 * is reported. Also the CPU time of the gateway's periodic flush per subject-day, new and added
 * to a stored one (`flushDays` in transactions of 100, as the record keeper writes them).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLedgerStore } from '../src/ledger/store.js';
import type { Form, LedgerDay, LedgerDelta } from '../src/ledger/types.js';

/** Targets from the issue. */
export const LEDGER_TARGETS = { impactMs: 2000 } as const;

/** What the benchmark measured. */
export interface LedgerReport {
  readonly rows: number;
  readonly insertMs: number;
  readonly impactMs: number;
  readonly exposureMs: number;
  readonly subjects: number;
  /** Median CPU µs per subject-day of a flush of new subject-days, and of one adding to them. */
  readonly flushNewUs: number;
  readonly flushMergeUs: number;
  readonly flushRows: number;
}

const CATS: [string, Form][] = [
  ['*', 'passed'],
  ['user.unique_id', 'pseudonymized'],
  ['user.contact.email', 'removed'],
  ['user.contact.email', 'redacted'],
  ['user.name', 'removed'],
  ['user.device.ip_address', 'removed'],
  ['user.device.user_agent', 'generalized'],
  ['user.behavior.browsing_history', 'generalized'],
  ['user.location.imprecise', 'generalized'],
  ['user.workplace', 'pseudonymized'],
];

const pseudo = (prefix: string, i: number) =>
  `${prefix}_${i.toString(36).padStart(22, 'A').slice(-22)}`;

function day(d: number): string {
  return new Date(Date.UTC(2026, 7, 1) + d * 86_400_000).toISOString().slice(0, 10);
}

function* deltas(rows: number): Generator<LedgerDelta[]> {
  let made = 0;
  let batch: LedgerDelta[] = [];
  for (let n = 0; made < rows; n++) {
    const subject = n % 20_000;
    const d = (n * 7) % 90;
    const destination = ['mixpanel', 'segment', 'crm'][n % 3]!;
    for (const [category, form] of CATS) {
      if (made >= rows) break;
      batch.push({
        destination,
        subject: pseudo('l1', subject),
        org: pseudo('l1', 100_000 + (subject % 500)),
        vendorSubject: pseudo('k1', subject),
        day: day(d),
        category,
        form,
        count: 1 + (n % 3),
      });
      made++;
    }
    if (batch.length >= 10_000) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** The cells of a subject-day as the gateway's observers encode them (sorted by key). */
const GATEWAY_CELLS = [
  '*:0',
  'user.authorization.credentials:6',
  'user.behavior.browsing_history:0',
  'user.behavior.browsing_history:2',
  'user.behavior.search_history:0',
  'user.contact.email:6',
  'user.contact.phone_number:6',
  'user.demographic.language:0',
  'user.device.cookie_id:1',
  'user.device.ip_address:6',
  'user.device.user_agent:2',
  'user.name:6',
  'user.unique_id:1',
  'user.workplace:1',
];

/** A keyed pseudonym's shape: 22 base64url characters in no particular order. */
const hashed = (prefix: string, i: number) =>
  `${prefix}_${createHash('sha256').update(String(i)).digest('base64url').slice(0, 22)}`;

/** One flush interval's subject-days of the gateway benchmark's traffic, in observer order. */
function gatewayDays(n: number, round: number): LedgerDay[] {
  return Array.from({ length: n }, (_, i) => ({
    destination: 'warehouse',
    day: '2026-11-23',
    subject: hashed('l1', i),
    vendorSubject: hashed('k1', i),
    counts: GATEWAY_CELLS.map((k, j) => `${k}:${1 + ((i + j + round) % 50)}`).join(';'),
  }));
}

/** CPU µs per subject-day of flushing `rows` in transactions of 100. */
function flushCpu(store: ReturnType<typeof openLedgerStore>, rows: LedgerDay[]): number {
  const c = process.cpuUsage();
  for (let i = 0; i < rows.length; i += 100) store.flushDays(rows.slice(i, i + 100));
  const u = process.cpuUsage(c);
  return (u.user + u.system) / rows.length;
}

/** New subject-days, then the same ones again (counts added), each rep on a fresh file. */
function benchFlush(reps: number, n: number): { newUs: number; mergeUs: number } {
  const fresh = gatewayDays(n, 0);
  const again = gatewayDays(n, 1);
  const added: number[] = [];
  const merged: number[] = [];
  for (let r = 0; r < reps; r++) {
    const dir = mkdtempSync(join(tmpdir(), 'veil-bench-flush-'));
    const store = openLedgerStore({ path: join(dir, 'ledger.db') });
    try {
      added.push(flushCpu(store, fresh));
      merged.push(flushCpu(store, again));
    } finally {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return { newUs: median(added), mergeUs: median(merged) };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Build the ledger, then time the queries. */
export function benchLedger(o: {
  rows: number;
  reps: number;
  log: (line: string) => void;
}): LedgerReport {
  const dir = mkdtempSync(join(tmpdir(), 'veil-bench-ledger-'));
  const store = openLedgerStore({ path: join(dir, 'ledger.db') });
  try {
    const t0 = performance.now();
    for (const b of deltas(o.rows)) store.flush(b);
    const insertMs = performance.now() - t0;
    o.log(`ledger: ${o.rows} rows written in ${(insertMs / 1000).toFixed(1)} s`);
    const w = { destination: 'mixpanel', from: day(10), to: day(40) };
    const impact: number[] = [];
    const exposure: number[] = [];
    let subjects = 0;
    const who = Array.from({ length: 1000 }, (_, i) => pseudo('l1', i * 7));
    for (let r = 0; r < o.reps; r++) {
      let t = performance.now();
      subjects = store.impact(w).subjects;
      impact.push(performance.now() - t);
      t = performance.now();
      store.exposure(w, who);
      exposure.push(performance.now() - t);
    }
    const flushRows = 4_000;
    const flush = benchFlush(Math.max(o.reps, 5), flushRows);
    return {
      rows: o.rows,
      insertMs,
      impactMs: median(impact),
      exposureMs: median(exposure),
      subjects,
      flushNewUs: flush.newUs,
      flushMergeUs: flush.mergeUs,
      flushRows,
    };
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The report as text. */
export function renderLedger(r: LedgerReport): string {
  const ok = r.impactMs < LEDGER_TARGETS.impactMs ? 'yes' : 'no';
  return [
    `Ledger: ${r.rows.toLocaleString('en')} rows (3 destinations, 90 days, 20,000 subjects)`,
    `  impact (one destination, 31 days, ${r.subjects} subjects): ${r.impactMs.toFixed(0)} ms  (target < ${LEDGER_TARGETS.impactMs} ms: ${ok})`,
    `  exposure of 1,000 subjects: ${r.exposureMs.toFixed(0)} ms`,
    `  writing the rows: ${(r.insertMs / 1000).toFixed(1)} s`,
    `  the gateway's flush (${r.flushRows.toLocaleString('en')} subject-days, 100 per transaction), CPU per subject-day: new ${r.flushNewUs.toFixed(1)} µs, added to stored ${r.flushMergeUs.toFixed(1)} µs`,
  ].join('\n');
}
