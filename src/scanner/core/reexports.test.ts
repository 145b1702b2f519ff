import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Ref } from './registry.js';
import { addReexports, type Exported } from './reexports.js';
import { resolveImport } from './resolve.js';

const REF = { k: 'member', text: 'mixpanel.track' } as unknown as Ref;

function run(language: 'js' | 'python', files: Record<string, string>, wrappers: string[]) {
  const texts = new Map(Object.entries(files));
  const exported: Exported = new Map(wrappers.map((k) => [k, [REF]]));
  const exists = (p: string) => texts.has(p);
  const re = addReexports(language, texts, exported, (from, spec) =>
    resolveImport(language, from, spec, exists),
  );
  return { keys: [...exported.keys()].sort(), reexporters: [...re].sort() };
}

describe('re-exported wrappers', () => {
  it('follows named, renamed, star, star-as and import-then-export forms, and chains', () => {
    const r = run(
      'js',
      {
        'a.ts': 'export function track() {}\nexport default function () {}',
        'b.ts': "export { track as send, missing } from './a';",
        'c.ts': "export * from './a';",
        'd.ts': "export * as ev from './c';",
        'e.ts': "import sendIt, { track } from './a';\nexport { track as t, sendIt };",
        'f.ts': "export { send } from './b';",
        'g.ts': "export { format } from './format';",
      },
      ['a.ts#track', 'a.ts#default'],
    );
    assert.deepEqual(r.keys, [
      'a.ts#default',
      'a.ts#track',
      'b.ts#send',
      'c.ts#track', // `export *` leaves `default` out
      'd.ts#ev.track',
      'e.ts#sendIt',
      'e.ts#t',
      'f.ts#send',
    ]);
    assert.deepEqual(r.reexporters, ['b.ts', 'c.ts', 'd.ts', 'e.ts', 'f.ts']);
  });

  it('reads Python imports as re-exports, parenthesized lists included', () => {
    const r = run(
      'python',
      {
        'pkg/analytics.py': 'def track(): pass\ndef identify(): pass',
        'pkg/__init__.py':
          'from .analytics import (\n    track as track_event,\n    identify,\n)\n',
        'other.py': 'from os import path\n',
        // A module that imports a wrapper is not taken for a re-export: only packages are.
        'views.py': 'from pkg.analytics import track\n',
      },
      ['pkg/analytics.py#track', 'pkg/analytics.py#identify'],
    );
    assert.deepEqual(r.keys, [
      'pkg/__init__.py#identify',
      'pkg/__init__.py#track_event',
      'pkg/analytics.py#identify',
      'pkg/analytics.py#track',
    ]);
  });
});
