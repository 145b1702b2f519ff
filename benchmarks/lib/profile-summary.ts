/**
 * Where a gateway child's time went, from the `.cpuprofile` that `node --cpu-prof` wrote: each
 * sample is charged to the innermost frame on its stack that belongs to a known part (detection,
 * policy, decode, SQLite, HTTP, JSON, …), so "policy" means the policy's own code, not the
 * detection it calls. Also the functions with the most self time.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { table } from './table.js';

interface Frame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
}
interface ProfileNode {
  readonly id: number;
  readonly callFrame: Frame;
  readonly children?: readonly number[];
}
interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** Milliseconds per part and the top self-time functions. */
export interface ProfileSummary {
  readonly file: string;
  /** Sampled ms, idle excluded. */
  readonly busyMs: number;
  readonly parts: readonly { readonly part: string; readonly ms: number }[];
  readonly top: readonly { readonly fn: string; readonly ms: number }[];
  readonly text: string;
}

/** First matching rule names the part; `url` tests the script, `name` a native leaf. */
const PARTS: readonly { part: string; url?: RegExp; name?: RegExp }[] = [
  { part: 'JSON.parse (native)', name: /^parse$/, url: /^$/ },
  { part: 'JSON.stringify (native)', name: /^stringify$/, url: /^$/ },
  { part: 'GC', name: /^\(garbage collector\)$/ },
  { part: 'idle', name: /^\(idle\)$/ },
  { part: 'detection (src/engine)', url: /\/src\/engine\// },
  { part: 'policy (src/policy, own code)', url: /\/src\/policy\// },
  { part: 'decode (src/receivers)', url: /\/src\/receivers\// },
  { part: 'canonical checks (src/pipeline)', url: /\/src\/pipeline\// },
  { part: 'SQLite commit (src/store, better-sqlite3)', url: /\/src\/store\/|better-sqlite3/ },
  { part: 'metrics (prom-client)', url: /prom-client/ },
  { part: 'gateway glue (src/gateway)', url: /\/src\/gateway\// },
  {
    part: 'HTTP (node:http, net, streams)',
    url: /^node:(_http|http|net|stream|internal\/(streams|http|net))/,
  },
  { part: 'ua-parser-js', url: /node_modules\/ua-parser-js\// },
  { part: 'libphonenumber-js', url: /node_modules\/libphonenumber-js\// },
  { part: 'zod', url: /node_modules\/zod\// },
  { part: 'other libraries', url: /node_modules/ },
];

function partOf(f: Frame): string | undefined {
  for (const p of PARTS) {
    if (p.name && !p.name.test(f.functionName)) continue;
    if (p.url && !p.url.test(f.url)) continue;
    return p.part;
  }
  return undefined;
}

function load(dir: string, pid: number): { file: string; profile: CpuProfile } {
  const name = readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile') && f.includes(`.${pid}.`))
    .sort()
    .pop();
  if (name === undefined) throw new Error(`no .cpuprofile of process ${pid} in ${dir}`);
  const file = join(dir, name);
  return { file, profile: JSON.parse(readFileSync(file, 'utf8')) as CpuProfile };
}

/** Sampled ms per part (innermost matching frame) and per function (self time). */
function charge(p: CpuProfile): { parts: Map<string, number>; fns: Map<string, number> } {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000));
  const parts = new Map<string, number>();
  const fns = new Map<string, number>();
  for (const [id, ms] of self) {
    let part: string | undefined;
    for (
      let at: number | undefined = id;
      at !== undefined && part === undefined;
      at = parent.get(at)
    )
      part = partOf(byId.get(at)!.callFrame);
    part ??= 'other (program, node internals)';
    parts.set(part, (parts.get(part) ?? 0) + ms);
    const f = byId.get(id)!.callFrame;
    const where = f.url.replace(/^.*\/(src|node_modules)\//, '$1/');
    const key = `${f.functionName || '(anonymous)'} ${where}${where ? `:${f.lineNumber + 1}` : ''}`;
    fns.set(key, (fns.get(key) ?? 0) + ms);
  }
  return { parts, fns };
}

/** Summarize the newest profile written by process `pid` in `dir`. */
export function summarizeProfile(dir: string, pid: number): ProfileSummary {
  const { file, profile } = load(dir, pid);
  const { parts, fns } = charge(profile);
  const busyMs = [...parts].filter(([k]) => k !== 'idle').reduce((s, [, v]) => s + v, 0);
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]);
  const pct = (ms: number) => `${((ms / busyMs) * 100).toFixed(1)}%`;
  const partRows = sorted(parts).filter(([k]) => k !== 'idle');
  const top = sorted(fns)
    .filter(([k]) => !k.startsWith('(idle)'))
    .slice(0, 15);
  const text = [
    table(
      ['part (innermost frame)', 'ms', 'of busy'],
      partRows.map(([k, v]) => [k, v.toFixed(0), pct(v)]),
    ),
    '',
    table(
      ['function (self time)', 'ms', 'of busy'],
      top.map(([k, v]) => [k, v.toFixed(0), pct(v)]),
    ),
  ].join('\n');
  return {
    file,
    busyMs,
    parts: partRows.map(([part, ms]) => ({ part, ms })),
    top: top.map(([fn, ms]) => ({ fn, ms })),
    text,
  };
}
