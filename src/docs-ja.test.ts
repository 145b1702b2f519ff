// The Japanese docs stay whole translations of their English originals: every one links back,
// keeps the same headings at every level and names every command-line flag the English names,
// and the READMEs point Japanese readers at them. A change to an English doc that adds a section
// or a flag fails here until its translation follows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';

const docs = new URL('../docs/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, docs), 'utf8');

/** Headings per level, outside fenced code blocks (a `# comment` in a shell block is not one). */
function headings(text: string): number[] {
  const counts = [0, 0, 0, 0, 0, 0];
  let fenced = false;
  for (const line of text.split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    const m = fenced ? null : /^(#{1,6}) /.exec(line);
    if (m !== null) counts[m[1]!.length - 1]!++;
  }
  return counts;
}

const flags = (text: string) => new Set(text.match(/--[a-z][a-z-]*[a-z]/g) ?? []);

const translated = readdirSync(docs)
  .filter((f) => f.endsWith('.ja.md'))
  .map((f) => f.replace(/\.ja\.md$/, '.md'));

test('the Japanese docs cover the operator guides', () => {
  for (const doc of [
    'gateway.md',
    'policy.md',
    'ledger.md',
    'inventory.md',
    'scan.md',
    'config.md',
    'outbox.md',
    'generalize.md',
    'principles.md',
  ])
    assert.ok(translated.includes(doc), `docs/${doc.replace('.md', '.ja.md')} is missing`);
});

for (const en of translated) {
  const ja = en.replace(/\.md$/, '.ja.md');
  test(`docs/${ja} is a whole translation of docs/${en}`, () => {
    assert.ok(existsSync(new URL(en, docs)), `docs/${en} exists`);
    const [e, j] = [read(en), read(ja)];
    assert.ok(j.includes(`English: [${en}](${en})`), `docs/${ja} links to docs/${en}`);
    assert.deepEqual(headings(j), headings(e), 'headings per level');
    const missing = [...flags(e)].filter((f) => !flags(j).has(f));
    assert.deepEqual(missing, [], `flags of docs/${en} that docs/${ja} does not name`);
    const jaChars = (j.match(/[\u3040-\u30ff\u4e00-\u9fff]/g) ?? []).length;
    assert.ok(jaChars > e.length / 20, `docs/${ja} is written in Japanese`);
  });
  test(`README.ja.md points at docs/${ja}`, () => {
    const readme = readFileSync(new URL('../README.ja.md', import.meta.url), 'utf8');
    assert.ok(readme.includes(`(docs/${ja})`), `README.ja.md links docs/${ja}`);
  });
}
