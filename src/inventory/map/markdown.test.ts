import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeMarkdown, markdownCode } from './escape.js';
import { fixtureMap, HOSTILE_EVENT } from './fixture.js';
import { renderMarkdown } from './markdown.js';

test('Markdown: a Mermaid diagram, per vendor a table of fields before → after', () => {
  const md = renderMarkdown(fixtureMap());
  assert.match(md, /```mermaid\nflowchart LR\n {2}subgraph sources\n/);
  assert.match(md, / {2}subgraph categories\n {4}n\d+\["\(no category\)"\]/);
  assert.match(md, /n\d+\["#60;script#62;alert\(#34;x#34;\)#60;\/script#62;"\]/);
  assert.match(md, /## `mixpanel` — Mixpanel, Inc\./);
  assert.match(
    md,
    /\| `web` \| `Signup` \| `properties.email` \| string \| `user.contact.email` \| removed \| – \| 1 \|/,
  );
  assert.ok(md.includes(`| \`ios\` | ${markdownCode(HOSTILE_EVENT)} |`));
  assert.ok(!/[^`]<script/.test(md.replace(/`[^`]*`/g, '')), 'no raw markup outside code spans');
});

test('code spans survive backticks and pipes; text escapes markup', () => {
  assert.equal(markdownCode('a`b|c'), '``a`b\\|c``');
  assert.equal(markdownCode('`x'), '`` `x ``');
  assert.equal(escapeMarkdown('<i>*x*</i> | y\nz'), '&lt;i&gt;\\*x\\*&lt;/i&gt; \\| y z');
});
