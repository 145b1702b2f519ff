import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { scan } from './scan.js';
import { project, removeProjects } from '../testing/project.js';

after(removeProjects);

const LEAK = `import mixpanel from 'mixpanel-browser';\nmixpanel.track('Signup', { email: user.email });\n`;

describe('scan()', () => {
  it('special categories sent to a vendor are errors, like health data', async () => {
    const dir = project({
      'src/profile.ts':
        "import mixpanel from 'mixpanel-browser';\n" +
        "mixpanel.track('Profile Saved', { religion: u.religion, ethnicity: u.ethnicity, " +
        'political_party: u.party, criminal_record: u.record, plan: u.plan });\n',
    });
    const r = await scan(dir);
    const by = new Map(r.findings.map((f) => [f.path, f.severity]));
    for (const p of ['religion', 'ethnicity', 'political_party', 'criminal_record'])
      assert.equal(by.get(`properties.${p}`), 'error', `${p}: ${JSON.stringify([...by])}`);
    assert.equal(by.has('properties.plan'), false);
  });

  it('skips dependencies, build output, minified bundles and declaration files', async () => {
    const dir = project({
      'src/app.ts': LEAK,
      'node_modules/x/index.js': LEAK,
      'dist/app.js': LEAK,
      'public/vendor.min.js': LEAK,
      'src/types.d.ts': LEAK,
      '.venv/lib/x.py': 'import mixpanel\n',
    });
    const r = await scan(dir);
    assert.deepEqual([...new Set(r.findings.map((f) => f.file))], ['src/app.ts']);
    assert.equal(r.stats.files, 1);
  });

  it('skips what .gitignore files ignore, nested ones and re-included files too; gitignore: false reads all', async () => {
    const dir = project({
      '.gitignore': 'generated/\n*.gen.ts\n!keep.gen.ts\n# a comment\n',
      'src/app.ts': LEAK,
      'src/api.gen.ts': LEAK,
      'src/keep.gen.ts': LEAK,
      'generated/client.ts': LEAK,
      'src/local/.gitignore': 'scratch.ts\n',
      'src/local/scratch.ts': LEAK,
      'src/local/real.ts': LEAK,
      'src/other/scratch.ts': LEAK,
    });
    const files = async (o?: { gitignore: boolean }) =>
      [...new Set((await scan(dir, o)).findings.map((f) => f.file))].sort();
    assert.deepEqual(await files(), [
      'src/app.ts',
      'src/keep.gen.ts',
      'src/local/real.ts',
      'src/other/scratch.ts',
    ]);
    assert.equal((await files({ gitignore: false })).length, 7);
  });

  it('applies the .gitignore files above the scanned folder, up to the git work tree', async () => {
    const dir = project({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.gitignore': 'generated/\n*.bundle.js\nweb/legacy/\n',
      'web/.gitignore': '!keep.bundle.js\n',
      'web/src/app.ts': LEAK,
      'web/src/app.bundle.js': LEAK,
      'web/src/keep.bundle.js': LEAK,
      'web/generated/client.ts': LEAK,
      'web/legacy/old.ts': LEAK,
      'web/legacy/more/older.ts': LEAK,
    });
    const files = async (root: string, o?: { gitignore: boolean }) =>
      [...new Set((await scan(root, o)).findings.map((f) => f.file))].sort();
    assert.deepEqual(await files(join(dir, 'web')), ['src/app.ts', 'src/keep.bundle.js']);
    assert.equal((await files(join(dir, 'web'), { gitignore: false })).length, 6);
    // A folder the repository ignores, asked for by name, is read.
    assert.deepEqual(await files(join(dir, 'web/legacy')), ['more/older.ts', 'old.ts']);
    // Outside a git work tree a parent's .gitignore means nothing.
    const loose = project({ '.gitignore': '*.ts\n', 'web/src/app.ts': LEAK });
    assert.deepEqual(await files(join(loose, 'web')), ['src/app.ts']);
  });

  // A hang guard, not a speed assertion: linear reading takes well under a second here, while
  // an unbounded quantifier in the textual passes (the statement cut, imports, re-exports) took
  // minutes on these lines.
  it('reads very long adversarial lines in linear time', { timeout: 30_000 }, async () => {
    const n = 100_000;
    const dir = project({
      'a.ts': [
        "import mixpanel from 'mixpanel-browser';",
        `noise(\`${'x: '.repeat(n)}\`);`,
        `// ${'export {'.repeat(n / 2)}`,
        // CommonJS re-exports are read from the text too (the file stays under the 1 MB limit).
        `// ${'module.exports = '.repeat(n / 20)}${'exports.a '.repeat(n / 20)}`,
        `// exports.a${' '.repeat(n / 4)}= require(${' '.repeat(n / 4)}`,
        'export function track(e: string, p: object) { mixpanel.track(e, p); }',
        "mixpanel.track('Signup', { email: user.email });",
        '',
      ].join('\n'),
      'b.py': [
        'import posthog',
        `a${' '.repeat(n)}x`,
        `from m import (${'a, '.repeat(n / 4)}b)`,
        'posthog.capture("u", "Signup", properties={"email": user.email})',
        '',
      ].join('\n'),
    });
    const r = await scan(dir);
    assert.deepEqual(
      r.findings.filter((f) => f.category === 'user.contact.email').map((f) => f.file),
      ['a.ts', 'b.py'],
    );
  });

  it('reports paths relative to the root with / separators, sorted, and a file given as the root', async () => {
    const dir = project({ 'b/two.ts': LEAK, 'a/one.ts': LEAK });
    const r = await scan(dir);
    assert.deepEqual(
      r.findings.map((f) => `${f.file}:${f.line}`),
      ['a/one.ts:2', 'b/two.ts:2'],
    );
    const single = await scan(join(dir, 'b/two.ts'));
    assert.deepEqual(
      single.findings.map((f) => f.file),
      ['two.ts'],
    );
  });

  it('does not parse files that name no SDK, and reports oversized files as skipped', async () => {
    const dir = project({
      'plain.ts': 'export const x = { email: user.email };\n',
      'big.ts': LEAK + '//' + 'x'.repeat(2000) + '\n',
      'app.ts': LEAK,
    });
    const r = await scan(dir, { maxFileBytes: 1000 });
    assert.equal(r.stats.parsed, 1);
    assert.deepEqual(
      r.findings.map((f) => f.file),
      ['app.ts'],
    );
    assert.match(
      r.problems.find((p) => p.file === 'big.ts')?.message ?? '',
      /over the 1000-byte limit/,
    );
  });

  it('honours --exclude prefixes and --allow per vendor', async () => {
    const dir = project({ 'src/app.ts': LEAK, 'test/app.test.ts': LEAK });
    const r = await scan(dir, {
      exclude: ['test'],
      allow: new Map([['mixpanel', ['user.contact']]]),
    });
    assert.deepEqual(
      r.findings.map((f) => [f.file, f.allowed, f.severity]),
      [['src/app.ts', true, 'note']],
    );
  });

  it('gives a finding the same fingerprint when unrelated lines move it', async () => {
    const a = await scan(project({ 'app.ts': LEAK }));
    const b = await scan(project({ 'app.ts': '// a comment\n\n' + LEAK }));
    assert.equal(a.findings[0]!.line + 2, b.findings[0]!.line);
    assert.equal(a.findings[0]!.fingerprint, b.findings[0]!.fingerprint);
    const c = await scan(project({ 'app.ts': LEAK.replace('Signup', 'Login') }));
    assert.notEqual(a.findings[0]!.fingerprint, c.findings[0]!.fingerprint);
  });

  it('reads what it can of broken files, and goes on past files it cannot read at all', async () => {
    const dir = project({
      'broken.ts': LEAK + ')))(((\u0000{{{{\n',
      'deep.ts': 'import mixpanel from "mixpanel-browser";\n' + '['.repeat(20000),
      'ok.ts': LEAK,
    });
    const r = await scan(dir);
    assert.match(
      r.problems.find((p) => p.file === 'broken.ts')?.message ?? '',
      /syntax errors: recovered/,
    );
    assert.match(r.problems.find((p) => p.file === 'deep.ts')?.message ?? '', /nested too deeply/);
    assert.deepEqual(
      r.findings.map((f) => f.file),
      ['broken.ts', 'ok.ts'],
    );
  });
});
