// The scanner's own mechanics: triggers, pre-filters, window merging, the fail-closed budget.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ATTEMPT_OVERHEAD,
  BUDGET_BASE,
  BUDGET_PER_CHAR,
  createScanner,
  type Match,
} from './scanner.js';
import { patternCost } from './compile-rule.js';
import type { Rule } from './types.js';

const NO_CTX = { key: '', keyCategory: undefined };

function scan(rules: Rule[], text: string): Match[] {
  const out: Match[] = [];
  createScanner(rules).scan(text, NO_CTX, out);
  return out;
}

const windowRule: Rule = {
  id: 'test_window',
  category: 'system.authentication',
  description: 'a 12-hex value near the keyword acme',
  keywords: ['acme'],
  anchor: 'window',
  window: 32,
  pattern: /(?<![0-9a-f])[0-9a-f]{12}(?![0-9a-f])/g,
  confidence: 0.9,
  placeholders: false,
  examples: { positive: ['acme 0a1b2c3d4e5f'], negative: [] },
};

test('overlapping windows of repeated keywords are merged and still find every match', () => {
  const text = 'acme '.repeat(50) + '0a1b2c3d4e5f ' + 'acme '.repeat(3) + 'ffeeddccbbaa';
  const found = scan([windowRule], text).map((m) => text.slice(m.start, m.end));
  assert.deepEqual(found, ['0a1b2c3d4e5f', 'ffeeddccbbaa']);
});

test('digit-run pre-filters keep rules from running on runs they cannot match', () => {
  const calls: string[] = [];
  const rule: Rule = {
    id: 'test_dots',
    category: 'user.device.ip_address',
    description: 'runs with 3 dots followed by a space',
    digits: { min: 4, max: 40, dots: 3, next: ' ' },
    find: (text, hit) => {
      calls.push(text.slice(hit.start, hit.end));
      return undefined;
    },
    confidence: 0.9,
    examples: { positive: ['1.2.3.4 '], negative: [] },
  };
  // Runs join across short separator sequences, so the number, date and address form one run.
  scan([rule], 'a 1.2.3.4 b 1.2.3.4x 12345678 2024-01-02 9.9.9.9 ');
  assert.deepEqual(calls, ['1.2.3.4', '12345678 2024-01-02 9.9.9.9']);
  const iban: string[] = [];
  const prefixed: Rule = {
    ...rule,
    id: 'test_prefix',
    digits: { min: 2, max: 34, letterPrefix: true },
    find: (text, hit) => {
      iban.push(text.slice(hit.start - 2, hit.end));
      return undefined;
    },
  };
  // Two letters must start a word: not inside a UUID, an id or a longer word.
  scan([prefixed], 'DE89 3704 0044 0532 0130 00, 89 12, x9 12, 3fa85f64, _GB29 1, ORDERDE89 1');
  assert.deepEqual(iban, ['DE89 3704 0044 0532 0130 00']);
  scan([prefixed], 'NL91 4, iban=nl91abna');
  assert.deepEqual(iban.slice(1), ['NL91 4', 'nl91']);
});

test('each digit run reaches exactly the rules whose range holds its digit count, long runs too', () => {
  const calls: string[] = [];
  const rule = (id: string, digits: NonNullable<Rule['digits']>): Rule => ({
    id,
    category: 'user.contact.phone_number',
    description: id,
    digits,
    find: (text, hit) => {
      calls.push(`${id}:${text.slice(hit.start, hit.end).length}`);
      return undefined;
    },
    confidence: 0.9,
    examples: { positive: ['1'], negative: [] },
  });
  const rules = [
    rule('short', { min: 1, max: 3, next: ' ' }),
    rule('mid', { min: 5, max: 9 }),
    rule('long', { min: 70, max: 100 }),
  ];
  // `12` is followed by a space (short's filter passes), `345` by a letter (it does not).
  scan(rules, `12 x, 345y, 678901, ${'9'.repeat(75)}, ${'9'.repeat(101)},`);
  assert.deepEqual(calls, ['short:2', 'mid:6', 'long:75']);
});

test('a value that would exhaust the attempt budget is cut and its rest reported unscanned', () => {
  // Two attempts per 4 characters, each charged the pattern's cost: far over the budget.
  const rule: Rule = {
    ...windowRule,
    id: 'test_sticky',
    keywords: ['acme', 'cme'],
    anchor: 'keyword',
    boundary: false,
    pattern: /c?me-[0-9]{4}/y,
  };
  const text = 'acme'.repeat(40_000);
  const out = scan([rule], text);
  const cut = out.find((m) => m.kind === 'unscanned');
  assert.ok(cut, 'unscanned reported');
  assert.equal(cut!.end, text.length);
  const perChar = (2 * (ATTEMPT_OVERHEAD + patternCost(rule.pattern!))) / 4;
  const expected = (BUDGET_BASE + BUDGET_PER_CHAR * text.length) / perChar;
  assert.ok(
    Math.abs(cut!.start - expected) <= 8,
    `cut at ${cut!.start}, budget ran out near ${expected}`,
  );
  // Ordinary text — even a log line with a token every 40 characters — stays within the budget.
  assert.deepEqual(
    scan([rule], 'request acme-1234 completed in 12 ms; '.repeat(500)).filter(
      (m) => m.kind === 'unscanned',
    ),
    [],
  );
});

test('a window rule is charged the characters its windows add, not a full window per hit', () => {
  // A keyword every 24 characters: windows of 2 × 32 overlap, so each hit adds 24 characters.
  // Charging a whole window per hit (64 + 2 × 32 per 24 characters) would exceed the budget.
  const line = 'acme job 4f2a done, ok; ';
  assert.equal(line.length, 24);
  const text = line.repeat(2_000) + '0a1b2c3d4e5f';
  assert.ok((ATTEMPT_OVERHEAD + 2 * 32) / line.length > BUDGET_PER_CHAR);
  const out = scan([windowRule], text);
  assert.deepEqual(
    out.map((m) => m.kind),
    ['test_window'],
  );
  assert.equal(text.slice(out[0]!.start, out[0]!.end), '0a1b2c3d4e5f');
});

test('rules with unbounded quantifiers or no trigger are rejected at startup', () => {
  assert.throws(() => createScanner([{ ...windowRule, pattern: /acme[0-9]+/g }]), /unbounded/);
  assert.throws(() => createScanner([{ ...windowRule, pattern: /acme.*/g }]), /unbounded/);
  assert.throws(() => createScanner([{ ...windowRule, pattern: /acme\d{2,}/g }]), /unbounded/);
  assert.throws(() => createScanner([{ ...windowRule, keywords: [] }]), /no trigger/);
  assert.doesNotThrow(() => createScanner([{ ...windowRule, pattern: /acme[+*]{1,3}\+/g }]));
});

test('a base64-run rule runs over each long enough run that holds an upper-case letter', () => {
  const rule: Rule = {
    ...windowRule,
    id: 'test_runs',
    keywords: undefined,
    runs: { min: 20 },
    pattern: /(?<![A-Za-z0-9])QX[0-9a-f]{19}(?![A-Za-z0-9])/g,
  };
  const hits = (text: string) => scan([rule], text).map((m) => text.slice(m.start, m.end));
  // Inside a longer run (a URL path: `/` is in the base64 alphabet), at a run's start and end.
  assert.deepEqual(hits('GET /v1/Keys/QX0a1b2c3d4e5f6a7b8c9.json'), ['QX0a1b2c3d4e5f6a7b8c9']);
  assert.deepEqual(hits('QX0a1b2c3d4e5f6a7b8c9 and QX9a1b2c3d4e5f6a7b8c0'), [
    'QX0a1b2c3d4e5f6a7b8c9',
    'QX9a1b2c3d4e5f6a7b8c0',
  ]);
  // The NFKC view of full-width text is scanned as well.
  assert.deepEqual(scan([rule], 'ｋｅｙ：ＱＸ0a1b2c3d4e5f6a7b8c9').length, 1);
  // A run shorter than the rule's minimum, or one without an upper-case letter, is not offered.
  assert.deepEqual(scan([{ ...rule, runs: { min: 22 } }], 'QX0a1b2c3d4e5f6a7b8c9'), []);
  assert.deepEqual(scan([{ ...rule, runs: { min: 22 } }], 'id QX0a1b2c3d4e5f6a7b8c9 x'), []);
  const lower = { ...rule, pattern: /(?<![A-Za-z0-9])qx[0-9a-f]{19}(?![A-Za-z0-9])/g };
  assert.deepEqual(scan([lower], 'qx0a1b2c3d4e5f6a7b8c9'), []);
  assert.throws(() => createScanner([{ ...rule, anchor: 'keyword' }]), /base64-run/);
});

test('base64-run rules are charged each run they scan: a value of many runs is cut, not scanned', () => {
  const rule: Rule = {
    ...windowRule,
    id: 'test_runs_budget',
    keywords: undefined,
    runs: { min: 16 },
    pattern: /QX[0-9a-f]{19}/g,
  };
  // Runs of 16 characters separated by one character: each charged ATTEMPT_OVERHEAD + 16 for
  // 17 characters of text, over the BUDGET_PER_CHAR a character brings.
  const run = 'Ab'.repeat(8);
  assert.ok((ATTEMPT_OVERHEAD + run.length) / (run.length + 1) > BUDGET_PER_CHAR);
  const text = (run + '.').repeat(4_000) + 'QX0a1b2c3d4e5f6a7b8c9';
  const out = scan([rule], text);
  const cut = out.find((m) => m.kind === 'unscanned');
  assert.ok(cut, 'unscanned reported');
  assert.ok(cut!.start < text.length - 21, `cut at ${cut!.start}`);
  assert.equal(out.filter((m) => m.kind === 'test_runs_budget').length, 0);
});

test('a text rule runs once on each non-ASCII string (not again on its NFKC view), never on ASCII', () => {
  const seen: string[] = [];
  const rule: Rule = {
    id: 'test_text',
    category: 'user.name',
    description: 'every kanji pair',
    nonAscii: true,
    find: (text, hit) => {
      seen.push(`${hit.keyword}:${text}`);
      const i = text.indexOf('漢字');
      return i < 0 ? undefined : { start: i, end: i + 2 };
    },
    confidence: 0.6,
    examples: { positive: [{ text: 'a 漢字 b', match: '漢字' }], negative: ['ascii only'] },
  };
  assert.deepEqual(scan([rule], 'plain ascii text'), []);
  assert.deepEqual(seen, []);
  // Full-width letters make an NFKC view, which is scanned for the other rules only.
  const text = 'ｆｕｌｌ 漢字 width';
  const found = scan([rule], text).map((m) => text.slice(m.start, m.end));
  assert.deepEqual(found, ['漢字']);
  assert.deepEqual(seen, [`#text:${text}`]);
  assert.throws(
    () => createScanner([{ ...rule, find: undefined, pattern: /漢字/g, anchor: 'window' }]),
    /a text trigger needs find/,
  );
});

test('a text rule is charged its string: past the budget the rest is cut, not read', () => {
  let read = 0;
  const rule: Rule = {
    id: 'test_text_budget',
    category: 'user.name',
    description: 'reads its text',
    nonAscii: true,
    find: (text) => {
      read += text.length;
      return text.startsWith('名') ? { start: 0, end: 1 } : undefined;
    },
    confidence: 0.6,
    examples: { positive: [{ text: '名', match: '名' }], negative: [] },
  };
  // Five text rules over 100,000 characters need more than the string's budget: the fifth
  // reads only what is left of it, and the rest of the string is reported unscanned.
  const rules = Array.from({ length: 5 }, (_, i) => ({ ...rule, id: `test_text_${i}` }));
  const text = '漢'.repeat(100_000);
  const out = scan(rules, text);
  const budget = BUDGET_BASE + BUDGET_PER_CHAR * text.length;
  assert.ok(read <= budget, `${read} characters read for a budget of ${budget}`);
  const cut = out.find((m) => m.kind === 'unscanned');
  assert.ok(cut !== undefined && cut.end === text.length, 'the rest is unscanned');
  assert.equal(cut.start, budget - 5 * ATTEMPT_OVERHEAD - 4 * text.length);
  assert.equal(read, 4 * text.length + cut.start);
});

test("a text rule's matches are charged: those past the budget are dropped and the text cut at the first", () => {
  let paid = -1;
  const rule: Rule = {
    id: 'test_text_matches',
    category: 'user.name',
    description: 'every kanji, one match each, ignoring what is paid for',
    nonAscii: true,
    find: (text, hit) => {
      paid = hit.digits;
      return Array.from({ length: text.length }, (_, i) => ({ start: i, end: i + 1 }));
    },
    confidence: 0.6,
    examples: { positive: [{ text: '名', match: '名' }], negative: [] },
  };
  const text = '名'.repeat(20_000);
  const out = scan([rule], text);
  const budget = BUDGET_BASE + BUDGET_PER_CHAR * text.length - ATTEMPT_OVERHEAD - text.length;
  assert.equal(paid, Math.floor(budget / ATTEMPT_OVERHEAD));
  const names = out.filter((m) => m.kind === 'test_text_matches');
  assert.equal(names.length, paid);
  const cut = out.find((m) => m.kind === 'unscanned');
  assert.deepEqual(cut && [cut.start, cut.end], [paid, text.length]);
});
