/** Console report of the detection benchmark, with the targets it is judged against. */
import type { DetectReport } from '../detect.js';
import { fixed, percent, table } from './table.js';

/** The targets from the engine's brief. */
export const TARGETS = {
  mbPerSecond: 150,
  secretlintMultiple: 50,
  flatness: 1.5,
  worstMs: 5,
  recall: 0.99,
  falsePositiveRate: 0.005,
} as const;

const mark = (ok: boolean): string => (ok ? 'met' : 'MISSED');

/** Render the report as text. */
export function renderDetect(r: DetectReport): string {
  const out: string[] = [];
  const all = r.veil[0]!;
  const secretlint = r.peers.find((p) => p.name.startsWith('secretlint') && p.status === 'ok');
  const worst = r.worst.reduce((a, b) => (b.ms > a.ms ? b : a), r.worst[0]!);
  const minRecall = Math.min(...Object.values(r.score.byKind).map((k) => k.recall));
  out.push(
    `Corpus: eval split, seed ${r.corpus.seed}, ${r.corpus.events} events, ${fixed(r.corpus.bytes / 1e6, 2)} MB (JSON.stringify bytes), ${r.corpus.planted} planted items of ${r.corpus.kinds} kinds, ${r.corpus.negatives} hard negatives`,
  );
  out.push(
    '',
    table(
      ['measurement', 'rules', 'median ms', 'MB/s', 'vs baseline'],
      [r.baseline, ...r.veil].map((t) => [
        t.label,
        t.rules === 0 ? '—' : String(t.rules),
        fixed(t.timing.median),
        fixed(t.mbPerSecond),
        `${fixed(r.baseline.timing.median === 0 ? NaN : t.timing.median / r.baseline.timing.median, 1)}×`,
      ]),
    ),
  );
  out.push('', 'Targets:');
  out.push(
    table(
      ['target', 'goal', 'measured', ''],
      [
        [
          'throughput, all rules',
          `≥ ${TARGETS.mbPerSecond} MB/s`,
          `${fixed(all.mbPerSecond)} MB/s`,
          mark(all.mbPerSecond >= TARGETS.mbPerSecond),
        ],
        [
          'vs secretlint throughput',
          `≥ ${TARGETS.secretlintMultiple}×`,
          secretlint ? `${fixed(all.mbPerSecond / secretlint.mbPerSecond!)}×` : 'n/a',
          secretlint
            ? mark(all.mbPerSecond / secretlint.mbPerSecond! >= TARGETS.secretlintMultiple)
            : '',
        ],
        [
          'finds what secretlint finds',
          '100%',
          secretlint?.overlap
            ? `${secretlint.overlap.veilAlsoFound}/${secretlint.overlap.peerFound}`
            : 'n/a',
          secretlint?.overlap
            ? mark(secretlint.overlap.veilAlsoFound === secretlint.overlap.peerFound)
            : '',
        ],
        [
          `flatness (${r.flatness.allRules} vs ${r.flatness.subsetRules} rules)`,
          `≤ ${TARGETS.flatness}×`,
          `${fixed(r.flatness.ratio, 2)}×`,
          r.flatness.allRules <= r.flatness.subsetRules
            ? 'not measurable: ≤ 10 rules'
            : mark(r.flatness.ratio <= TARGETS.flatness),
        ],
        [
          'worst case per 100 KB value',
          `< ${TARGETS.worstMs} ms`,
          `${fixed(worst.ms, 2)} ms (${worst.name})`,
          mark(worst.ms < TARGETS.worstMs),
        ],
        [
          'recall, every kind',
          `≥ ${percent(TARGETS.recall, 0)}`,
          `min ${percent(minRecall)}, overall ${percent(r.score.recall, 2)}`,
          mark(minRecall >= TARGETS.recall),
        ],
        [
          'false positives on hard negatives',
          `≤ ${percent(TARGETS.falsePositiveRate)}`,
          `${percent(r.score.negatives.rate, 3)} (${r.score.negatives.hit}/${r.score.negatives.total})`,
          mark(r.score.negatives.rate <= TARGETS.falsePositiveRate),
        ],
      ],
    ),
  );
  out.push(
    '',
    `Findings per event: ${fixed(r.findingsPerEvent.value, 2)} from values, ${fixed(r.findingsPerEvent.key, 2)} from field names.`,
  );
  const kinds = Object.entries(r.score.byKind);
  const below = kinds.filter(([, k]) => k.recall < TARGETS.recall);
  out.push(
    '',
    `Recall per kind: ${kinds.length} kinds, ${kinds.filter(([, k]) => k.recall === 1).length} at 100%, ${below.length} below ${percent(TARGETS.recall, 0)} (all kinds, with peers, in results/detect.json).`,
  );
  const okPeers = r.peers.filter((p) => p.status === 'ok');
  // Kinds below target, and the structured PII kinds (the ones most peers claim), side by side.
  const shown = kinds.filter(
    ([kind, k]) => k.recall < TARGETS.recall || !r.corpus.families.some((f) => f.kind === kind),
  );
  out.push(
    table(
      ['kind', 'planted', 'Veil', ...okPeers.map((p) => p.name)],
      shown.map(([kind, k]) => [
        kind,
        String(k.planted),
        percent(k.recall),
        ...okPeers.map((p) => (p.peer?.byKind[kind] ? percent(p.peer.byKind[kind].recall) : '—')),
      ]),
    ),
  );
  out.push('', 'Recall per position (Veil):');
  out.push(
    table(
      ['position', 'planted', 'found', 'recall'],
      Object.entries(r.score.byPosition).map(([pos, v]) => [
        pos,
        String(v.planted),
        String(v.found),
        percent(v.found / v.planted),
      ]),
    ),
  );
  const neg = Object.entries(r.score.negativesByKind).filter(
    ([, v]) => v !== undefined && v.hit > 0,
  );
  if (neg.length > 0)
    out.push(
      '',
      'Hard negatives hit (Veil):',
      table(
        ['negative', 'hit', 'of', 'by kinds'],
        neg.map(([k, v]) => [k, String(v!.hit), String(v!.total), JSON.stringify(v!.by)]),
      ),
    );
  if (Object.keys(r.score.unlabelled).length > 0)
    out.push(
      '',
      `Value findings on unlabelled text, by kind: ${JSON.stringify(r.score.unlabelled)}`,
    );
  const firsts = r.worst.map((w) => w.firstMs).sort((a, b) => a - b);
  out.push(
    '',
    `Worst case, ${r.worst.length} adversarial 100 KB values (slowest 8, warm; first calls: median ${fixed(firsts[firsts.length >> 1]!, 2)} ms, max ${fixed(firsts[firsts.length - 1]!, 2)} ms):`,
  );
  out.push(
    table(
      ['value', 'median ms (warm)', 'first call ms', 'findings'],
      [...r.worst]
        .sort((a, b) => b.ms - a.ms)
        .slice(0, 8)
        .map((w) => [w.name, fixed(w.ms, 2), fixed(w.firstMs, 2), String(w.findings)]),
    ),
  );
  if (r.peers.length > 0) {
    out.push('', `Peers (first ${r.peers[0]!.events} events, JSON text per event, same run):`);
    out.push(
      table(
        [
          'peer',
          'version',
          'MB/s',
          'Veil ×',
          'kinds',
          'recall',
          'Veil recall',
          'kinds found',
          'recall there',
          'Veil there',
          'FP rate',
          'Veil ⊇ peer',
        ],
        r.peers.map((p) =>
          p.status === 'ok'
            ? [
                p.name,
                p.version,
                fixed(p.mbPerSecond!, 2),
                `${fixed(all.mbPerSecond / p.mbPerSecond!)}×`,
                String(p.covers.length),
                percent(p.peer!.recall),
                percent(p.veil!.recall),
                String(p.effective!.kinds),
                percent(p.effective!.peer),
                percent(p.effective!.veil),
                percent(p.peer!.negatives.rate, 2),
                `${p.overlap!.veilAlsoFound}/${p.overlap!.peerFound}`,
              ]
            : [p.name, p.version, 'failed', '', '', '', '', '', '', '', '', ''],
        ),
      ),
    );
    for (const p of r.peers.filter((x) => x.status === 'failed'))
      out.push(`  ${p.name} failed: ${p.error ?? '?'}`);
  }
  if (r.tsub)
    out.push(
      '',
      r.tsub.error
        ? `@segment/tsub failed: ${r.tsub.error}`
        : `@segment/tsub ${r.tsub.version} (${r.tsub.usage}): ${fixed(r.tsub.mbPerSecond!)} MB/s; removed the field of ${r.tsub.removed}/${r.tsub.planted} planted items (it filters by field name only).`,
    );
  return out.join('\n');
}
