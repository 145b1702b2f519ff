/**
 * The statement cut (core/focus.ts) as the scanner uses it: the same calls and findings as
 * parsing whole files, on every fixture and on cuts that do not hold.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createRegistry } from './core/registry.js';
import { parseFile as parseJs } from './js/analyze.js';
import { parseFile as parsePy } from './python/analyze.js';
import { loadPythonParser } from './python/parser.js';
import { scan } from './scan.js';
import { filesUnder, project, removeProjects } from '../testing/project.js';
import { VENDORS } from './vendors/index.js';

const ROOT = new URL('../../fixtures/scan/', import.meta.url).pathname;
after(removeProjects);
before(loadPythonParser);

async function both(dir: string) {
  return { cut: await scan(dir), whole: await scan(dir, { focus: false }) };
}

describe('scan: parsing only the statements that matter', () => {
  const projects = readdirSync(ROOT).filter((d) => statSync(join(ROOT, d)).isDirectory());

  /** Statements that call no SDK, appended to every fixture file (so lines do not move). */
  const FILLER = {
    js: [
      '',
      'export function fillerTotal(order) {',
      '  const total = order.items.reduce((a, b) => a + b.price, 0);',
      '  return { total, limit: FILLER_LIMIT };',
      '}',
      'const FILLER_LIMIT = 10;',
      'class FillerStore {',
      '  get(id) {',
      '    return fillerTotal({ items: [] }).total + id;',
      '  }',
      '}',
      '',
    ].join('\n'),
    python: [
      '',
      '',
      'def filler_total(order):',
      '    return {"total": sum(i.price for i in order.items), "limit": FILLER_LIMIT}',
      '',
      '',
      'FILLER_LIMIT = 10',
      '',
      '',
      'class FillerStore:',
      '    def get(self, id):',
      '        return filler_total(None)["total"] + id',
      '',
    ].join('\n'),
  };

  /** A copy of a fixture project with FILLER appended to each source file. */
  function padded(name: string): string {
    const files: Record<string, string> = {};
    const base = join(ROOT, name);
    for (const rel of filesUnder(base)) {
      const text = readFileSync(join(base, rel), 'utf8');
      if (rel.endsWith('.py')) files[rel] = text + FILLER.python;
      else if (/\.[cm]?[jt]sx?$/.test(rel) && !rel.endsWith('.d.ts')) files[rel] = text + FILLER.js;
      else files[rel] = text;
    }
    return project(files);
  }

  it('finds the same calls and findings as --whole-files in every fixture project, padded with unrelated code', async () => {
    assert.ok(projects.length > 20);
    for (const p of projects) {
      const original = await scan(join(ROOT, p), { focus: false });
      const { cut, whole } = await both(padded(p));
      assert.deepEqual(cut.calls, whole.calls, p);
      assert.deepEqual(cut.findings, whole.findings, p);
      // The filler changes nothing: it calls no SDK.
      assert.deepEqual(
        cut.findings.map((f) => f.fingerprint),
        original.findings.map((f) => f.fingerprint),
        p,
      );
    }
  });

  it('does cut those files, and the cut holds', () => {
    const registries = {
      js: createRegistry(VENDORS, 'js'),
      python: createRegistry(VENDORS, 'python'),
    };
    let named = 0;
    let cut = 0;
    for (const path of filesUnder(ROOT).map((rel) => join(ROOT, rel))) {
      const python = path.endsWith('.py');
      if (!python && !/\.[cm]?[jt]sx?$/.test(path)) continue;
      const text = readFileSync(path, 'utf8') + (python ? FILLER.python : FILLER.js);
      const registry = python ? registries.python : registries.js;
      if (!registry.mentions(text)) continue;
      named++;
      const ctx = { registry, wrapper: () => undefined, relevant: [registry.pattern] };
      if (python) {
        const tree = parsePy({ path, text }, ctx);
        // A cut parse reads only the kept ranges of the file.
        const [first, ...rest] = tree.getIncludedRanges();
        if (rest.length > 0 || first!.startIndex > 0 || first!.endIndex < text.length) cut++;
        tree.delete();
      } else if (parseJs({ path, text }, ctx).text !== text) cut++;
    }
    assert.ok(named > 50, `${named} fixture files name an SDK`);
    assert.ok(cut >= named * 0.8, `${cut} of ${named} files were parsed cut`);
  });

  it('parses the whole file when the cut does not hold (a template literal with a column-0 line)', async () => {
    const text = [
      "import mixpanel from 'mixpanel-browser';",
      'const page = `',
      'export const fake = 1;',
      '`;',
      'function unrelated() { return 1; }',
      "export function signup(user) { mixpanel.track('Signup', { email: user.email, page }); }",
      '',
    ].join('\n');
    const registry = createRegistry(VENDORS, 'js');
    const ctx = { registry, wrapper: () => undefined, relevant: [registry.pattern] };
    // `page` is kept (signup uses it), the line that looks like a statement is not (nothing
    // uses `fake`): blanking it leaves the template unterminated, so the whole file is parsed.
    assert.equal(parseJs({ path: 'a.ts', text }, ctx).text, text);
    const { cut, whole } = await both(project({ 'a.ts': text }));
    assert.deepEqual(cut.findings, whole.findings);
    assert.ok(cut.findings.some((f) => f.category === 'user.contact.email'));
  });

  it('falls back to the whole file when a kept statement has a syntax error, and reports it', async () => {
    const dir = project({
      'views.py': [
        'from posthog import Posthog',
        'ph = Posthog("key")',
        'def unrelated():',
        '    return 1',
        'def signup(user):',
        '    ph.capture("signup", distinct_id="x", properties={"email": user.email}',
        '',
      ].join('\n'),
    });
    const { cut, whole } = await both(dir);
    assert.deepEqual(cut.problems, whole.problems);
    assert.match(cut.problems[0]?.message ?? '', /syntax errors/);
    assert.deepEqual(cut.findings, whole.findings);
  });

  it('does not report syntax errors in statements it did not parse (as in files it did not read)', async () => {
    const broken = [
      "import mixpanel from 'mixpanel-browser';",
      "export function signup(user) { mixpanel.track('Signup', { email: user.email }); }",
      'export function unrelated() { return [1, 2; }',
      '',
    ].join('\n');
    const { cut, whole } = await both(project({ 'a.ts': broken }));
    assert.deepEqual(cut.problems, []);
    assert.match(whole.problems[0]?.message ?? '', /syntax errors/);
    assert.deepEqual(cut.findings, whole.findings);
    assert.equal(cut.findings.filter((f) => f.category === 'user.contact.email').length, 1);
  });

  it('follows wrappers through cut files: callers in other files, aliases and module instances', async () => {
    const dir = project({
      'src/lib/analytics.ts': [
        "import posthog from 'posthog-js';",
        'const unused = 1;',
        'export function track(event: string, props: object) {',
        '  posthog.capture(event, props);',
        '}',
        '',
      ].join('\n'),
      'src/pages/signup.ts': [
        "import { track as t } from '../lib/analytics';",
        "import { helper } from './helper';",
        'export function unrelated() { return helper(); }',
        'const base = { plan: "pro" };',
        'export function onSignup(user: { email: string }) {',
        "  t('Signup', { ...base, email: user.email });",
        '}',
        '',
      ].join('\n'),
      'app/views.py': [
        'from posthog import Posthog',
        'class Analytics:',
        '    def __init__(self):',
        '        self.client = Posthog("key")',
        '    def track(self, user, props):',
        '        self.client.capture("e", distinct_id=user, properties=props)',
        'analytics = Analytics()',
        'def unrelated():',
        '    return 2',
        'def view(user):',
        '    analytics.track(user.id, {"phone": user.phone})',
        '',
      ].join('\n'),
    });
    const { cut, whole } = await both(dir);
    assert.deepEqual(cut.calls, whole.calls);
    assert.deepEqual(cut.findings, whole.findings);
    const via = cut.calls.filter((c) => c.via !== undefined).map((c) => c.file);
    assert.ok(via.includes('src/pages/signup.ts'), JSON.stringify(via));
    assert.ok(
      cut.findings.some(
        (f) => f.file === 'src/pages/signup.ts' && f.category === 'user.contact.email',
      ),
    );
  });
});
