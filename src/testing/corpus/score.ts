/**
 * Scoring detector output against a labelled corpus: per-kind recall and the false-positive rate on
 * hard negatives. Works for Veil's findings and for any peer whose output is mapped onto Veil kinds.
 */
import type { Finding } from '../../engine/types.js';
import {
  POSITIONS,
  type Corpus,
  type Negative,
  type NegativeKind,
  type Planted,
  type Position,
} from './types.js';

/** What the scorer needs of a finding. Spans are into the original string at `path`. */
export type Scored = Pick<Finding, 'path' | 'kind' | 'start' | 'end'> & {
  readonly source?: Finding['source'];
};

/**
 * Kinds that count as finding each other. A planted item of kind A is found by a finding of kind B
 * when A === B or both are in one group here. Keep this small: each group is a naming difference,
 * never a different thing (an IPv4 is not found by a phone finding).
 */
export const KIND_ALIASES: readonly (readonly string[])[] = [
  ['email', 'email_address'],
  ['phone_number', 'phone', 'phone_e164', 'telephone'],
  ['credit_card', 'card_number', 'payment_card', 'credit_card_number'],
  ['iban', 'iban_code'],
  ['us_ssn', 'ssn', 'us_social_security_number'],
  ['jp_my_number', 'my_number', 'jp_individual_number', 'mynumber'],
  ['ipv4', 'ipv4_address', 'ipv4_public', 'ip_address'],
  ['ipv6', 'ipv6_address', 'ipv6_public', 'ip_address'],
  ['geo_coordinates', 'lat_long', 'latlong', 'lat_lng', 'coordinates', 'geo_point'],
  ['jp_postal_code', 'postal_code_jp', 'jp_zip'],
  ['jp_address', 'address_jp', 'jp_street_address'],
  ['us_street_address', 'street_address', 'us_address', 'address_us'],
];

const aliasIndex = new Map<string, Set<string>>();
for (const group of KIND_ALIASES) {
  for (const k of group) {
    const set = aliasIndex.get(k) ?? new Set<string>([k]);
    for (const other of group) set.add(other);
    aliasIndex.set(k, set);
  }
}

/** True when a finding of kind `found` counts for a planted item of kind `planted`. */
export function isEquivalentKind(planted: string, found: string): boolean {
  return planted === found || (aliasIndex.get(planted)?.has(found) ?? false);
}

/** Recall of one planted kind. */
export interface KindScore {
  readonly kind: string;
  readonly planted: number;
  /** Planted items overlapped by a finding of the same (or an equivalent) kind. */
  readonly found: number;
  readonly recall: number;
  /** Planted items overlapped by any finding at all (another kind, or a field-name finding). */
  readonly covered: number;
  /** Kinds of the other findings that overlapped missed items, with counts. */
  readonly confusedWith: Readonly<Record<string, number>>;
  /** Up to `sampleMisses` missed items, for debugging. */
  readonly misses: readonly Planted[];
}

/** Everything the scorer reports. */
export interface Score {
  readonly byKind: readonly KindScore[];
  readonly byPosition: Readonly<
    Record<Position, { readonly planted: number; readonly found: number }>
  >;
  readonly planted: number;
  readonly found: number;
  /** The planted items counted as found. */
  readonly foundItems: ReadonlySet<Planted>;
  readonly negatives: {
    readonly total: number;
    /** Negatives overlapped by at least one counted finding. */
    readonly hit: number;
    readonly rate: number;
    readonly byKind: Readonly<
      Partial<
        Record<
          NegativeKind,
          {
            readonly total: number;
            readonly hit: number;
            readonly by: Readonly<Record<string, number>>;
          }
        >
      >
    >;
    readonly samples: readonly (Negative & { readonly by: string })[];
  };
  /** Counted findings that overlap no label at all, by kind. */
  readonly unlabelled: Readonly<Record<string, number>>;
}

/** Options of `scoreFindings`. */
export interface ScoreOptions {
  /** Score recall only for these planted kinds (a peer's coverage); default: all. */
  readonly kinds?: ReadonlySet<string>;
  /** Count key-sourced findings (field names) against hard negatives too (default false). */
  readonly keyFindingsAreFalsePositives?: boolean;
  /** Missed items kept per kind (default 5). */
  readonly sampleMisses?: number;
  /** Only events `< limit` are scored (default: all). */
  readonly limit?: number;
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }): boolean =>
  a.start < b.end && b.start < a.end;

function byPath(findings: readonly Scored[] | undefined): Map<string, Scored[]> {
  const m = new Map<string, Scored[]>();
  for (const f of findings ?? []) {
    const list = m.get(f.path);
    if (list === undefined) m.set(f.path, [f]);
    else list.push(f);
  }
  return m;
}

/**
 * Score `findings[i]` (the findings for `corpus.events[i]`) against the corpus labels. A planted item
 * is found when a finding at its path, of its kind or an equivalent one, overlaps its span; a hard
 * negative is hit when any value finding at its path overlaps its span.
 */
export function scoreFindings(
  corpus: Pick<Corpus, 'planted' | 'negatives'>,
  findings: readonly (readonly Scored[] | undefined)[],
  options: ScoreOptions = {},
): Score {
  const limit = options.limit ?? Infinity;
  const keep = options.sampleMisses ?? 5;
  const counted = (f: Scored): boolean =>
    options.keyFindingsAreFalsePositives === true || f.source !== 'key';
  const indexes = new Map<number, Map<string, Scored[]>>();
  const indexOf = (i: number): Map<string, Scored[]> => {
    let m = indexes.get(i);
    if (m === undefined) indexes.set(i, (m = byPath(findings[i])));
    return m;
  };
  const used = new Set<Scored>();
  const kinds = new Map<
    string,
    {
      planted: number;
      found: number;
      covered: number;
      confused: Record<string, number>;
      misses: Planted[];
    }
  >();
  const positions = Object.fromEntries(
    POSITIONS.map((p) => [p, { planted: 0, found: 0 }]),
  ) as Record<Position, { planted: number; found: number }>;
  let planted = 0;
  let found = 0;
  const foundItems = new Set<Planted>();
  for (const p of corpus.planted) {
    if (p.eventIndex >= limit || (options.kinds !== undefined && !options.kinds.has(p.kind)))
      continue;
    let k = kinds.get(p.kind);
    if (k === undefined)
      kinds.set(p.kind, (k = { planted: 0, found: 0, covered: 0, confused: {}, misses: [] }));
    const here = (indexOf(p.eventIndex).get(p.path) ?? []).filter((f) => overlaps(f, p));
    for (const f of here) used.add(f);
    const hit = here.some((f) => isEquivalentKind(p.kind, f.kind));
    k.planted++;
    planted++;
    positions[p.position].planted++;
    if (here.length > 0) k.covered++;
    if (hit) {
      k.found++;
      found++;
      foundItems.add(p);
      positions[p.position].found++;
    } else {
      for (const f of here) k.confused[f.kind] = (k.confused[f.kind] ?? 0) + 1;
      if (k.misses.length < keep) k.misses.push(p);
    }
  }
  const negatives = scoreNegatives(corpus.negatives, indexOf, used, counted, limit);
  const unlabelled: Record<string, number> = {};
  findings.forEach((list, i) => {
    if (i >= limit) return;
    for (const f of list ?? [])
      if (!used.has(f) && counted(f)) unlabelled[f.kind] = (unlabelled[f.kind] ?? 0) + 1;
  });
  const byKind = [...kinds].map(([kind, k]) => ({
    kind,
    planted: k.planted,
    found: k.found,
    recall: k.found / k.planted,
    covered: k.covered,
    confusedWith: k.confused,
    misses: k.misses,
  }));
  byKind.sort((a, b) => a.kind.localeCompare(b.kind));
  return { byKind, byPosition: positions, planted, found, foundItems, negatives, unlabelled };
}

function scoreNegatives(
  list: readonly Negative[],
  indexOf: (i: number) => Map<string, Scored[]>,
  used: Set<Scored>,
  counted: (f: Scored) => boolean,
  limit: number,
): Score['negatives'] {
  const byKind: Partial<
    Record<NegativeKind, { total: number; hit: number; by: Record<string, number> }>
  > = {};
  const samples: (Negative & { by: string })[] = [];
  let total = 0;
  let hit = 0;
  for (const n of list) {
    if (n.eventIndex >= limit) continue;
    const k = (byKind[n.kind] ??= { total: 0, hit: 0, by: {} });
    const here = (indexOf(n.eventIndex).get(n.path) ?? []).filter(
      (f) => counted(f) && overlaps(f, n),
    );
    for (const f of here) used.add(f);
    total++;
    k.total++;
    if (here.length === 0) continue;
    hit++;
    k.hit++;
    for (const f of here) k.by[f.kind] = (k.by[f.kind] ?? 0) + 1;
    if (samples.length < 20) samples.push({ ...n, by: here.map((f) => f.kind).join(',') });
  }
  return { total, hit, rate: total === 0 ? 0 : hit / total, byKind, samples };
}
