/**
 * The annotated fixtures in fixtures/scan/: every folder there is scanned as one project, and
 * each `veil:expect` comment must be met by a finding on the next code line, while every error
 * or warning the scanner reports in a fixture must be expected.
 *
 * Annotation: `// veil:expect VENDOR WHAT [error|warning|note] [allowed] [hashed]` (or `#` in
 * Python), where WHAT is a category (`user.contact.email`, matched exactly) or
 * `config:RULE-ID`. Several comments may stack above one line. `// veil:none` asserts that the
 * next code line has no finding at all, not even a note.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { scan } from './scan.js';
import { filesUnder } from '../testing/project.js';
import type { Finding } from './types.js';

const ROOT = new URL('../../fixtures/scan/', import.meta.url).pathname;

interface Expectation {
  readonly file: string;
  readonly line: number;
  readonly vendor: string;
  readonly what: string;
  readonly severity?: Finding['severity'];
  readonly allowed?: boolean;
  readonly hashed?: boolean;
  readonly source: string;
}

/** Expectations of one file, and the lines that must have no finding. */
function annotations(file: string, text: string): { expects: Expectation[]; none: number[] } {
  const lines = text.split('\n');
  const expects: Expectation[] = [];
  const none: number[] = [];
  let pending: Omit<Expectation, 'line'>[] = [];
  let pendingNone = false;
  lines.forEach((raw, i) => {
    const m = /(?:\/\/|#)\s*veil:(expect|none)\b(.*)$/.exec(raw);
    if (m !== null && raw.trim().startsWith(raw.trim()[0] === '#' ? '#' : '//')) {
      if (m[1] === 'none') pendingNone = true;
      else {
        const [vendor, what, ...flags] = m[2]!.trim().split(/\s+/);
        assert.ok(vendor && what, `${file}:${i + 1}: veil:expect needs VENDOR and WHAT`);
        const severity = flags.find((f) => f === 'error' || f === 'warning' || f === 'note') as
          Finding['severity'] | undefined;
        pending.push({
          file,
          vendor,
          what,
          ...(severity ? { severity } : {}),
          ...(flags.includes('allowed') ? { allowed: true } : {}),
          ...(flags.includes('hashed') ? { hashed: true } : {}),
          source: raw.trim(),
        });
      }
      return;
    }
    if (raw.trim() === '') return;
    for (const p of pending) expects.push({ ...p, line: i + 1 });
    if (pendingNone) none.push(i + 1);
    pending = [];
    pendingNone = false;
  });
  return { expects, none };
}

function meets(f: Finding, e: Expectation): boolean {
  if (f.file !== e.file || f.line !== e.line || f.vendor !== e.vendor) return false;
  const what = e.what.startsWith('config:')
    ? f.kind === 'config' && f.rule.endsWith('/' + e.what.slice(7))
    : f.category === e.what;
  if (!what) return false;
  if (e.severity !== undefined && f.severity !== e.severity) return false;
  if (e.allowed !== undefined && f.allowed !== e.allowed) return false;
  if (e.hashed !== undefined && (f.form === 'hashed') !== e.hashed) return false;
  return true;
}

function show(f: Finding): string {
  return `${f.file}:${f.line} ${f.vendor} ${f.category ?? f.rule} ${f.severity}${f.allowed ? ' allowed' : ''}${f.form === 'hashed' ? ' hashed' : ''} — ${f.message}`;
}

const projects = (() => {
  try {
    return readdirSync(ROOT)
      .filter((d) => statSync(join(ROOT, d)).isDirectory())
      .sort();
  } catch {
    return [];
  }
})();

describe('scanner fixtures (fixtures/scan/*)', () => {
  it('has fixture projects to check', () => {
    assert.ok(projects.length > 0, `no fixture folders under ${ROOT}`);
  });
  for (const project of projects) {
    it(project, async () => {
      const dir = join(ROOT, project);
      const result = await scan(dir);
      const expects: Expectation[] = [];
      const none: { file: string; line: number }[] = [];
      for (const file of filesUnder(dir)) {
        const a = annotations(file, readFileSync(join(dir, file), 'utf8'));
        expects.push(...a.expects);
        none.push(...a.none.map((line) => ({ file, line })));
      }
      assert.ok(expects.length + none.length > 0, `${project} has no annotations`);
      const problems: string[] = [];
      for (const e of expects) {
        if (!result.findings.some((f) => meets(f, e))) {
          const near = result.findings
            .filter((f) => f.file === e.file && f.line === e.line)
            .map(show);
          problems.push(
            `missed ${e.file}:${e.line} ${e.source}${near.length ? `\n    found there: ${near.join('\n    ')}` : ''}`,
          );
        }
      }
      for (const f of result.findings) {
        if (none.some((n) => n.file === f.file && n.line === f.line))
          problems.push(`veil:none line has ${show(f)}`);
        else if (f.severity !== 'note' && !expects.some((e) => meets(f, e)))
          problems.push(`unexpected ${show(f)}`);
      }
      for (const p of result.problems)
        if (p.message.startsWith('internal error')) problems.push(`${p.file}: ${p.message}`);
      assert.deepEqual(problems, [], problems.join('\n'));
    });
  }
});
