import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { focus, type Focused } from './focus.js';

const mentions = (word: string): RegExp[] => [new RegExp(`\\b${word}\\b`, 'g')];

/** The cut, asserting it keeps offsets and line breaks. */
function cut(text: string, language: 'js' | 'python', word: string): Focused {
  const f = focus(text, language, mentions(word));
  assert.ok(f !== undefined, 'expected a cut');
  assert.equal(f.text.length, text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if ('\n\r\u2028\u2029'.includes(c)) assert.equal(f.text[i], c, `line break at ${i}`);
    else assert.ok(f.text[i] === c || f.text[i] === ' ', `character at ${i}`);
  }
  return f;
}

/** Whether the statement beginning with `head` survived the cut whole. */
function kept(f: Focused, text: string, head: string): boolean {
  const at = text.indexOf(head);
  assert.ok(at >= 0, `no ${head} in the text`);
  return f.text.startsWith(head, at);
}

describe('focus: JavaScript', () => {
  const JS = [
    "import mixpanel from 'mixpanel-browser';",
    "import { useState } from 'react';",
    "import { format } from './format';",
    '',
    "const RELEASE = '1.2';",
    "const PLAN = 'pro';",
    '',
    'function unrelated(a) {',
    '  return format(a);',
    '}',
    '',
    'export function track(name, props) {',
    '  mixpanel.track(name, { ...props, plan: PLAN, release: RELEASE });',
    '}',
    '',
    'export function onSignup(user) {',
    "  track('Signup', { email: user.email });",
    '}',
    '',
    'export function Widget() {',
    '  const [n] = useState(0);',
    '  return n;',
    '}',
    '',
  ].join('\n');

  it('keeps the SDK, its callers (transitively) and what they use; blanks the rest', () => {
    const f = cut(JS, 'js', 'mixpanel');
    assert.ok(kept(f, JS, "import mixpanel from 'mixpanel-browser';"));
    assert.ok(kept(f, JS, 'export function track('), 'names the SDK');
    assert.ok(kept(f, JS, 'export function onSignup('), 'calls a kept function');
    assert.ok(kept(f, JS, "const PLAN = 'pro';"), 'a value a kept call uses');
    assert.ok(kept(f, JS, "const RELEASE = '1.2';"));
    assert.ok(!kept(f, JS, 'function unrelated('), 'uses nothing kept, used by nothing kept');
    assert.ok(!kept(f, JS, 'export function Widget('));
    assert.ok(!kept(f, JS, "import { useState } from 'react';"), 'only Widget needs it');
    assert.ok(!kept(f, JS, "import { format } from './format';"));
    assert.ok(f.kept > 0.3 && f.kept < 0.8, `kept share ${f.kept}`);
  });

  it('reads the names a destructuring require binds', () => {
    const text = [
      "const { Notifier } = require('@airbrake/node');",
      'const notifier = new Notifier({ projectId: 1 });',
      'function other() {}',
      'export function report(e) {',
      '  notifier.notify({ error: e });',
      '}',
    ].join('\n');
    const f = cut(text, 'js', 'airbrake');
    assert.ok(kept(f, text, 'const notifier = new Notifier('), 'uses a bound name');
    assert.ok(kept(f, text, 'export function report('), 'uses `notifier`');
    assert.ok(!kept(f, text, 'function other()'));
  });

  it('does not start a statement at a brace, an operator or a continued expression line', () => {
    const text = [
      "import mixpanel from 'mixpanel-browser';",
      'function header(a)',
      '{',
      '  mixpanel.track(a);',
      '}',
      'const x = 1 +',
      '+2;',
      'function unrelated() {}',
    ].join('\n');
    const f = cut(text, 'js', 'mixpanel');
    // The Allman body is one statement with its header; `+2;` one with `const x`.
    assert.ok(kept(f, text, 'function header(a)\n{\n  mixpanel'));
    assert.ok(!kept(f, text, 'const x = 1 +\n+2;'));
    assert.ok(!kept(f, text, 'function unrelated()'));
  });

  it('keeps every kind of line break where it was (CRLF, U+2028), and lists the kept ranges', () => {
    const text = [
      "import mixpanel from 'mixpanel-browser';",
      'function unrelated() {',
      "  return 'a\u2028b';",
      '}',
      "mixpanel.track('a');",
      '',
    ].join('\r\n');
    const f = cut(text, 'js', 'mixpanel');
    assert.ok(!kept(f, text, 'function unrelated()'));
    const unrelated = text.indexOf('function');
    const after = text.indexOf('mixpanel.track');
    assert.deepEqual(f.ranges, [
      { start: 0, end: unrelated },
      { start: after, end: text.length },
    ]);
    assert.equal(f.kept, (unrelated + text.length - after) / text.length);
  });

  it('treats contextual keywords as the names they can be', () => {
    const text = [
      "import mixpanel from 'mixpanel-browser';",
      "const type = 'Signup';",
      'function set(v) {',
      '  mixpanel.track(type, v);',
      '}',
      'export function onSignup(user) {',
      '  set({ email: user.email });',
      '}',
      'function other() {}',
    ].join('\n');
    const f = cut(text, 'js', 'mixpanel');
    assert.ok(kept(f, text, "const type = 'Signup';"));
    assert.ok(kept(f, text, 'export function onSignup('), 'calls `set`');
    assert.ok(!kept(f, text, 'function other()'));
  });

  it('keeps everything (no cut) when every statement matters', () => {
    const text = "import mixpanel from 'mixpanel-browser';\nmixpanel.track('a');\n";
    assert.equal(focus(text, 'js', mentions('mixpanel')), undefined);
  });

  it('accepts only statements that start at a kept statement and cover no blanked one', () => {
    const f = cut(JS, 'js', 'mixpanel');
    const track = JS.indexOf('export function track(');
    const onSignup = JS.indexOf('export function onSignup(');
    const widget = JS.indexOf('export function Widget(');
    assert.equal(f.fits(track, track + 10), true);
    // onSignup is followed by the blanked Widget: ending inside onSignup's run is fine…
    assert.equal(f.fits(onSignup, widget - 1), true);
    // …reaching into Widget is not, and nothing may start in a blanked statement or mid-way.
    assert.equal(f.fits(onSignup, widget + 5), false);
    assert.equal(f.fits(widget, widget + 5), false);
    assert.equal(f.fits(track + 1, track + 5), false);
  });
});

describe('focus: Python', () => {
  const PY = [
    '"""Views.',
    '',
    'Usage: called from urls.py',
    '"""',
    'import logging',
    'from posthog import Posthog',
    '',
    'logger = logging.getLogger(__name__)',
    'ph = Posthog("key")',
    'first, second = ("a", "b")',
    'SQL = """',
    'select email',
    'from users',
    '"""',
    'CHOICES = [',
    '"x",',
    ']',
    '',
    '@login_required',
    '@cache(',
    '    60)',
    'def view(request):',
    '    ph.capture("viewed", distinct_id="x", properties={"k": second})',
    '',
    'def unrelated():',
    '    return CHOICES',
    '',
    'if DEBUG:',
    '    pass',
    'else:',
    '    ph.disabled = True',
    '',
    'try:',
    '    import orjson',
    'except ImportError:',
    '    orjson = None',
    '',
  ].join('\n');

  it('cuts at top-level statements only, and keeps what the SDK calls need', () => {
    const f = cut(PY, 'python', 'posthog');
    assert.ok(kept(f, PY, 'from posthog import Posthog'));
    assert.ok(kept(f, PY, 'ph = Posthog("key")'), 'uses an imported name');
    assert.ok(kept(f, PY, '@login_required\n@cache(\n    60)\ndef view('), 'decorators with it');
    assert.ok(kept(f, PY, 'first, second = ("a", "b")'), 'binds `second`, used by view');
    assert.ok(kept(f, PY, 'if DEBUG:\n    pass\nelse:\n    ph.disabled'), '`else` continues');
    assert.ok(!kept(f, PY, 'def unrelated():'));
    // Lines inside strings and brackets start no statement: blanked whole with their owner.
    assert.ok(!kept(f, PY, 'SQL = """\nselect email\nfrom users\n"""'));
    assert.ok(!kept(f, PY, 'CHOICES = [\n"x",\n]'));
    assert.ok(!kept(f, PY, 'try:\n    import orjson\nexcept ImportError:'));
    assert.ok(!kept(f, PY, 'logger = logging'));
    assert.ok(!kept(f, PY, 'import logging'));
  });

  it('keeps the module-level names a kept statement uses, transitively', () => {
    const text = [
      'from posthog import Posthog',
      'KEY = base_key()',
      'def base_key():',
      '    return PREFIX + "k"',
      'PREFIX = "p"',
      'client = Posthog(KEY)',
      'def other():',
      '    return 1',
    ].join('\n');
    const f = cut(text, 'python', 'posthog');
    for (const head of [
      'client = Posthog(KEY)',
      'KEY = base_key()',
      'def base_key():',
      'PREFIX = "p"',
    ]) {
      assert.ok(kept(f, text, head), head);
    }
    assert.ok(!kept(f, text, 'def other():'));
  });
});
