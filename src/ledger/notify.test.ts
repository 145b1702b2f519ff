import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CATEGORIES } from '../engine/categories.js';
import { appiReasons, buildNotification, deadlines, specialCategories } from './notify.js';
import type { ImpactSummary } from './store.js';

test('deadlines count exactly from awareness; the APPI final day is the day in Japan', () => {
  const aware = new Date('2026-11-22T20:00:00Z');
  assert.deepEqual(deadlines(aware, false), {
    gdpr_art33: { due_at: '2026-11-25T20:00:00.000Z', hours: 72 },
    appi_preliminary: { from: '2026-11-25T20:00:00.000Z', to: '2026-11-27T20:00:00.000Z' },
    appi_final: { due_at: '2026-12-22T20:00:00.000Z', due_date_jst: '2026-12-23', days: 30 },
  });
  assert.deepEqual(deadlines(aware, true).appi_final, {
    due_at: '2027-01-21T20:00:00.000Z',
    due_date_jst: '2027-01-22',
    days: 60,
  });
});

test('APPI reasons: sensitive, financial, malicious, more than 1,000 people', () => {
  assert.deepEqual(appiReasons(1000, false, ['user.contact.email']), []);
  assert.equal(appiReasons(1001, false, []).length, 1);
  assert.equal(appiReasons(1, true, []).length, 1);
  assert.equal(
    appiReasons(1, false, ['user.financial.bank_account', 'user.health_and_medical']).length,
    2,
  );
  // Every 要配慮 category Veil reports, by its real name (a misspelt list once missed health data).
  for (const c of [
    'user.health_and_medical',
    'user.health_and_medical.genetic',
    'user.demographic.race_ethnicity',
    'user.demographic.religious_belief',
    'user.demographic.political_opinion',
    'user.criminal_history',
  ]) {
    assert.ok(c in CATEGORIES, `${c} is not a category Veil reports`);
    assert.deepEqual(appiReasons(1, false, [c]), ['要配慮個人情報 (sensitive data)'], c);
  }
  assert.deepEqual(appiReasons(1, false, ['user.demographic.gender']), []);
  assert.deepEqual(
    specialCategories([
      'user.demographic.sexual_orientation',
      'user.demographic.gender',
      'user.health_and_medical.genetic',
      'user.demographic.trade_union_membership',
    ]),
    [
      'user.demographic.sexual_orientation',
      'user.health_and_medical.genetic',
      'user.demographic.trade_union_membership',
    ],
  );
});

test('the record merges forms per category; removed-only categories are not exposed', () => {
  const summary: ImpactSummary = {
    destination: 'mixpanel',
    from: '2026-11-01',
    to: '2026-11-21',
    subjects: 1234,
    orgs: 56,
    events: 78901,
    categories: [
      { category: 'user.contact.email', form: 'removed', subjects: 1200, orgs: 50, events: 3000 },
      {
        category: 'user.unique_id',
        form: 'pseudonymized',
        subjects: 1234,
        orgs: 56,
        events: 78901,
      },
      { category: 'user.unique_id', form: 'passed', subjects: 3, orgs: 1, events: 9 },
    ],
  };
  const r = buildNotification(
    { awareAt: new Date('2026-11-22T00:00:00Z'), malicious: true, summary },
    new Date(0),
  );
  assert.deepEqual(r.categories, [
    {
      category: 'user.contact.email',
      forms: ['removed'],
      subjects: 1200,
      events: 3000,
      exposed: false,
    },
    {
      category: 'user.unique_id',
      forms: ['pseudonymized', 'passed'],
      subjects: 1234,
      events: 78910,
      exposed: true,
    },
  ]);
  assert.deepEqual(r.gdpr.art33.categories_of_data, ['user.unique_id']);
  assert.deepEqual(r.gdpr.special_categories, [], 'no special category was exposed');
  assert.match(r.gdpr.art34_notice, /assess/);
  // A special category that reached the vendor: Art. 34 is likely, APPI 要配慮 applies.
  const health = buildNotification(
    {
      awareAt: new Date('2026-11-22T00:00:00Z'),
      malicious: false,
      summary: {
        ...summary,
        subjects: 3,
        categories: [
          {
            category: 'user.health_and_medical',
            form: 'passed',
            subjects: 3,
            orgs: 1,
            events: 4,
          },
        ],
      },
    },
    new Date(0),
  );
  assert.deepEqual(health.gdpr.special_categories, ['user.health_and_medical']);
  assert.match(health.gdpr.art34_notice, /likely required/);
  assert.deepEqual(health.appi.reasons, ['要配慮個人情報 (sensitive data)']);
  assert.equal(r.appi.report_items.本人の数, 1234);
  assert.equal(r.appi.report_required, true);
  for (const md of [r.drafts.authority_report.en, r.drafts.authority_report.ja]) {
    assert.ok(md.includes('1,234'));
    assert.ok(md.includes('78,901'));
    assert.ok(md.includes('user.contact.email'));
  }
  assert.ok(!r.drafts.notice_to_individuals.en.includes('user.contact.email'), 'not sent');
  assert.ok(r.drafts.notice_to_individuals.ja.includes('1,234人'));
});
