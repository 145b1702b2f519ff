/**
 * Every type a vendor definition names (module imports and exported type names, globals,
 * members' types, results and callback parameters) is one the definition defines: a typo would
 * silently make the scanner miss every call behind it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { VENDORS } from './index.js';

test('every type a vendor definition refers to is defined by it', () => {
  const missing: string[] = [];
  let named = 0;
  for (const v of VENDORS) {
    const defined = new Set(Object.keys(v.types));
    const check = (where: string, type: string | undefined) => {
      if (type === undefined) return;
      named++;
      if (!defined.has(type)) missing.push(`${v.id}: ${where} → ${type}`);
    };
    for (const lang of ['js', 'python'] as const) {
      const entry = v[lang];
      if (entry === undefined) continue;
      for (const [module, spec] of Object.entries(entry.modules)) {
        check(`${lang} ${module} default`, spec.default);
        check(`${lang} ${module} namespace`, spec.namespace);
        check(`${lang} ${module} require`, spec.require);
        for (const [name, type] of Object.entries(spec.types ?? {}))
          check(`${lang} ${module} type ${name}`, type);
      }
      for (const [name, type] of Object.entries(entry.globals ?? {}))
        check(`${lang} global ${name}`, type);
    }
    for (const [t, members] of Object.entries(v.types)) {
      for (const [name, m] of Object.entries(members)) {
        check(`${t}.${name} type`, m.type);
        check(`${t}.${name} returns`, m.returns);
        check(`${t}.${name} callback`, m.callback?.type);
      }
    }
  }
  assert.deepEqual(missing, []);
  assert.ok(named > 100, `only ${named} references checked`);
});
