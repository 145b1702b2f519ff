/**
 * Running one peer on the benchmark corpus: timing of its natural call, then scoring of its
 * findings (mapped onto Veil kinds) next to Veil's on the same events.
 */
import {
  scoreFindings,
  type Corpus,
  type Planted,
  type Score,
  type Scored,
} from '../../src/testing/corpus/index.js';
import type { IndexedJson } from './json-index.js';
import type { Peer } from './peers/peer.js';
import { mbPerSecond, timeAsync, type Timing } from './timing.js';

/** Recall and false positives, reduced to what reports show. */
export interface ScoreSummary {
  readonly planted: number;
  readonly found: number;
  readonly recall: number;
  readonly byKind: Readonly<
    Record<string, { readonly planted: number; readonly found: number; readonly recall: number }>
  >;
  readonly negatives: { readonly total: number; readonly hit: number; readonly rate: number };
}

/** What the benchmark reports for one peer. */
export interface PeerReport {
  readonly name: string;
  readonly version: string;
  readonly usage: string;
  readonly status: 'ok' | 'failed';
  readonly error?: string;
  readonly events: number;
  readonly bytes: number;
  readonly timing?: Timing;
  readonly mbPerSecond?: number;
  /** Veil kinds (present in the corpus) that the peer's mapped types cover. */
  readonly covers: readonly string[];
  readonly peer?: ScoreSummary;
  /** Veil on the same events, restricted to the same kinds. */
  readonly veil?: ScoreSummary;
  /**
   * The same, restricted to the kinds where the peer found at least one item: the mapping is by
   * provider or type name, so a peer may "claim" families it has no pattern for.
   */
  readonly effective?: { readonly kinds: number; readonly peer: number; readonly veil: number };
  /** Of the planted items the peer found, how many Veil found too. */
  readonly overlap?: { readonly peerFound: number; readonly veilAlsoFound: number };
}

/** Reduce a full score. */
export function summarize(s: Score): ScoreSummary {
  const byKind = Object.fromEntries(
    s.byKind.map((k) => [k.kind, { planted: k.planted, found: k.found, recall: k.recall }]),
  );
  return {
    planted: s.planted,
    found: s.found,
    recall: s.planted === 0 ? NaN : s.found / s.planted,
    byKind,
    negatives: { total: s.negatives.total, hit: s.negatives.hit, rate: s.negatives.rate },
  };
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }): boolean =>
  a.start < b.end && b.start < a.end;

/** Inputs shared by every peer run. */
export interface PeerRunInput {
  readonly corpus: Corpus;
  /** Number of leading events peers are run on. */
  readonly events: number;
  readonly texts: readonly string[];
  readonly indexes: readonly IndexedJson[];
  /** Planted items per event, by path. */
  readonly plantedAt: readonly (ReadonlyMap<string, readonly Planted[]> | undefined)[];
  readonly veilFindings: readonly (readonly Scored[])[];
  readonly reps: number;
}

async function mapped(peer: Peer, input: PeerRunInput, i: number): Promise<Scored[]> {
  const out: Scored[] = [];
  for (const r of await peer.find(input.texts[i]!)) {
    const accepts = peer.accepts(r.type);
    if (accepts === undefined) continue;
    for (const loc of input.indexes[i]!.locate(r.start, r.end)) {
      const hit = (input.plantedAt[i]?.get(loc.path) ?? []).find(
        (p) => overlaps(p, loc) && accepts(p.kind),
      );
      out.push({ ...loc, kind: hit?.kind ?? `${peer.name}:${r.type}`, source: 'value' });
    }
  }
  return out;
}

/** Time and score `peer`; a peer that throws is reported as failed with its error. */
export async function runPeer(peer: Peer, input: PeerRunInput): Promise<PeerReport> {
  const { corpus, events } = input;
  const bytes = input.texts.slice(0, events).reduce((s, t) => s + Buffer.byteLength(t), 0);
  const plantedKinds = [...new Set(corpus.planted.map((p) => p.kind))].sort();
  const covers = plantedKinds.filter((k) => peer.types.some((t) => peer.accepts(t)?.(k) === true));
  const base = { name: peer.name, version: peer.version, usage: peer.usage, events, bytes, covers };
  try {
    const texts = input.texts.slice(0, events);
    const timing = await timeAsync(
      async () => {
        for (const t of texts) await peer.run(t);
      },
      { warmup: 1, reps: input.reps },
    );
    const findings: Scored[][] = [];
    for (let i = 0; i < events; i++) findings.push(await mapped(peer, input, i));
    const kinds = new Set(covers);
    const peerScore = scoreFindings(corpus, findings, { kinds, limit: events });
    const veilScore = scoreFindings(corpus, input.veilFindings, { kinds, limit: events });
    let also = 0;
    for (const p of peerScore.foundItems) if (veilScore.foundItems.has(p)) also++;
    const eff = new Set(peerScore.byKind.filter((k) => k.found > 0).map((k) => k.kind));
    const recallOn = (s: Score): number => {
      const ks = s.byKind.filter((k) => eff.has(k.kind));
      const planted = ks.reduce((n, k) => n + k.planted, 0);
      return planted === 0 ? NaN : ks.reduce((n, k) => n + k.found, 0) / planted;
    };
    return {
      ...base,
      status: 'ok',
      timing,
      mbPerSecond: mbPerSecond(bytes, timing.median),
      peer: summarize(peerScore),
      veil: summarize(veilScore),
      overlap: { peerFound: peerScore.foundItems.size, veilAlsoFound: also },
      effective: { kinds: eff.size, peer: recallOn(peerScore), veil: recallOn(veilScore) },
    };
  } catch (e) {
    return {
      ...base,
      status: 'failed',
      error: e instanceof Error ? `${e.name}: ${e.message}` : String(e),
    };
  }
}
