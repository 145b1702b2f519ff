/**
 * The disclosure ledger's query time: `impact` (who and what, for one destination and window)
 * and `exposure` of 1,000 subjects, over 1,000,000 ledger rows (`--ledger-rows N`), against the
 * issue's target (under 2 s). Rows: 3 destinations, 90 days, 20,000 subjects in 500 orgs,
 * categories × forms as the gateway writes them. Each query is timed `reps` times; the median
 * is reported.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLedgerStore } from '../src/ledger/store.js';
import type { Form, LedgerDelta } from '../src/ledger/types.js';

/** Targets from the issue. */
export const LEDGER_TARGETS = { impactMs: 2000 } as const;

/** What the benchmark measured. */
export interface LedgerReport {
  readonly rows: number;
  readonly insertMs: number;
  readonly impactMs: number;
  readonly exposureMs: number;
  readonly subjects: number;
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
    return {
      rows: o.rows,
      insertMs,
      impactMs: median(impact),
      exposureMs: median(exposure),
      subjects,
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
  ].join('\n');
}
