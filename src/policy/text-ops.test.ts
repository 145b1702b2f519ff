// Labels of redactions by category.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { categoryLabel, redactSpans } from './text-ops.js';

test('a category is labelled by what it is, in a word', () => {
  const cases: [string, string][] = [
    ['user.contact.email', 'email'],
    ['user.name', 'name'],
    ['user.name.first', 'first_name'],
    ['user.name.last', 'last_name'],
    ['user.location.imprecise', 'location'],
    ['user.location.precise', 'location'],
    ['user.unique_id', 'unique_id'],
    ['user.contact.address.street', 'street'],
  ];
  for (const [category, label] of cases) assert.equal(categoryLabel(category), label, category);
  assert.equal(
    redactSpans('first_name=Taro&x=1', [
      { start: 11, end: 15, label: categoryLabel('user.name.first') },
    ]),
    'first_name=[redacted:first_name]&x=1',
  );
});
