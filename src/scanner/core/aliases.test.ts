import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { aliasTargets, loadAliases } from './aliases.js';
import { resolveImport } from './resolve.js';

function reader(files: Record<string, string>) {
  return (path: string): string | undefined => files[path];
}

describe('path aliases (tsconfig/jsconfig paths and baseUrl)', () => {
  const files = {
    'tsconfig.base.json': `{
      // comments and trailing commas, as TypeScript allows
      "compilerOptions": { "paths": { "@/*": ["src/*"], "@/ui/*": ["packages/ui/*", "src/ui/*"], }, },
    }`,
    'tsconfig.json': '{ "extends": ["./tsconfig.base"], "compilerOptions": { "baseUrl": "." } }',
    'apps/admin/jsconfig.json':
      '{ "compilerOptions": { "paths": { "@/*": ["./app/*"], "exact": ["./x.js"] } } }',
    'broken/tsconfig.json': '{ "compilerOptions": ',
    'pkg/tsconfig.json': '{ "extends": "@tsconfig/node20/tsconfig.json" }',
  };
  // As the scanner finds them: only files named tsconfig.json or jsconfig.json.
  const configs = Object.keys(files).filter((f) => /(?:^|\/)[tj]sconfig\.json$/.test(f));
  const aliases = loadAliases(configs, reader(files));

  it('reads paths through extends, relative to the config that sets them', () => {
    assert.deepEqual(aliasTargets(aliases, 'src/pages/a.ts', '@/lib/analytics'), [
      'src/lib/analytics',
      '@/lib/analytics', // baseUrl "." also tries the name as a path
    ]);
  });

  it('prefers the longest matching prefix, with every target of it in order', () => {
    assert.deepEqual(aliasTargets(aliases, 'src/a.ts', '@/ui/button').slice(0, 2), [
      'packages/ui/button',
      'src/ui/button',
    ]);
  });

  it('uses the nearest config of the importing file, and exact (non-wildcard) patterns', () => {
    assert.deepEqual(aliasTargets(aliases, 'apps/admin/app/page.ts', '@/track'), [
      'apps/admin/app/track',
    ]);
    assert.deepEqual(aliasTargets(aliases, 'apps/admin/app/page.ts', 'exact'), ['apps/admin/x.js']);
    assert.deepEqual(aliasTargets(aliases, 'apps/admin/app/page.ts', 'exactly'), []);
  });

  it('prefers tsconfig.json to jsconfig.json in one folder', () => {
    const both = {
      'web/jsconfig.json': '{ "compilerOptions": { "paths": { "@/*": ["./js/*"] } } }',
      'web/tsconfig.json': '{ "compilerOptions": { "paths": { "@/*": ["./ts/*"] } } }',
    };
    const a = loadAliases(Object.keys(both), reader(both));
    assert.deepEqual(aliasTargets(a, 'web/page.ts', '@/x'), ['web/ts/x']);
  });

  it('skips configs it cannot read or that set no aliases, and never leaves the root', () => {
    assert.equal(aliases.length, 2);
    assert.deepEqual(aliasTargets(aliases, 'src/a.ts', '../outside'), []);
  });

  it('resolves an aliased import to a scanned file, with extensions and index files', () => {
    const scanned = new Set(['src/lib/analytics.ts', 'src/ui/button/index.tsx']);
    const exists = (p: string) => scanned.has(p);
    assert.equal(
      resolveImport('js', 'src/pages/a.ts', '@/lib/analytics', exists, aliases),
      'src/lib/analytics.ts',
    );
    assert.equal(
      resolveImport('js', 'src/pages/a.ts', '@/ui/button', exists, aliases),
      'src/ui/button/index.tsx',
    );
    assert.equal(resolveImport('js', 'src/pages/a.ts', 'react', exists, aliases), undefined);
    assert.equal(resolveImport('js', 'src/pages/a.ts', '@/lib/analytics', exists), undefined);
  });
});
