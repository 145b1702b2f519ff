import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixtureMap } from './fixture.js';
import { renderHtml } from './html.js';

test('HTML escapes app data: a <script> event name stays text, in the table and the SVG', () => {
  const html = renderHtml(fixtureMap());
  assert.ok(!html.includes('<script'), 'no script element');
  assert.ok(!html.includes('<b>x</b>'), 'no markup from a field path');
  const escaped = '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;';
  assert.ok(html.includes(`<code>${escaped}</code>`), 'the event name in the table');
  assert.ok(html.includes(`<title>${escaped}</title>`), 'the event name in the SVG');
  assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
});

test('HTML lists per vendor the fields with categories before and after, and the register', () => {
  const html = renderHtml(fixtureMap());
  assert.match(html, /<h2><code>mixpanel<\/code> — Mixpanel, Inc\.<\/h2>/);
  assert.match(
    html,
    /<code>distinct_id<\/code><\/td><td>string<\/td><td><code>user\.unique_id<\/code><\/td><td>pseudonymized<\/td><td><code>user\.unique_id\.pseudonymous<\/code>/,
  );
  assert.match(html, /<th>Breach notification<\/th><td>within 48 h<\/td>/);
  assert.match(html, /<h2><code>amplitude<\/code><\/h2>\n<p><em>No vendor register entry/);
  const svg = html.slice(html.indexOf('<svg'), html.indexOf('</svg>'));
  for (const label of [
    'web',
    'ios',
    'Signup',
    'user.location.imprecise',
    '(no category)',
    'warehouse',
  ])
    assert.ok(svg.includes(`>${label}</text>`), label);
});
