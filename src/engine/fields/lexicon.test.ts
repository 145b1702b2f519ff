import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CATEGORIES } from '../categories.js';
import { buildLexicon, LEXICON, NAME_GROUPS } from './lexicon.js';
import { CHILD_NAMES, RESERVED_KEYS } from './parents.js';
import { HEADS } from './words.js';

test('every category the tables name exists in CATEGORIES', () => {
  const used = [
    ...NAME_GROUPS.map((g) => g.category),
    ...[...HEADS.values()].flatMap((h) => Object.values(h).map((c) => c.category)),
    ...[...CHILD_NAMES.values()].flatMap((h) => Object.values(h).map((c) => c.category)),
    ...[...RESERVED_KEYS.values()].map((c) => c.category),
  ];
  for (const category of used) if (category !== null) assert.ok(category in CATEGORIES, category);
});

test('every sensitive name has a confidence in (0, 1]', () => {
  for (const g of NAME_GROUPS) {
    if (g.category === null) continue;
    assert.ok(g.confidence > 0 && g.confidence <= 1, `${g.names[0]}: ${g.confidence}`);
  }
});

test('multi-word names are also known joined', () => {
  assert.equal(LEXICON.terms.get('firstname')?.category, 'user.name.first');
  assert.equal(LEXICON.terms.get('ipaddress')?.category, 'user.device.ip_address');
  assert.equal(LEXICON.terms.get('dateofbirth')?.category, 'user.demographic.date_of_birth');
});

test('CJK suffix names are longest first', () => {
  const lengths = LEXICON.suffixes.map(([s]) => s.length);
  assert.deepEqual(
    lengths,
    [...lengths].sort((a, b) => b - a),
  );
  assert.ok(!LEXICON.suffixes.some(([s]) => s === '名'), 'one-character names match whole words');
});

test('buildLexicon rejects duplicate names and unknown categories', () => {
  const group = { category: 'user.contact.email', confidence: 0.9, names: ['email'] };
  assert.throws(() => buildLexicon([group, { ...group, names: ['E-Mail', 'e_mail'] }]), /twice/);
  assert.throws(() => buildLexicon([{ ...group, category: 'user.nope' }]), /unknown category/);
  assert.equal(buildLexicon([group]).terms.get('email')?.confidence, 0.9);
});
