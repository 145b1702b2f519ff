/**
 * The breach notification record of `veil impact --aware-at`: GDPR Art. 33 contents and the APPI
 * 施行規則 8条 report items in one JSON document, the deadlines counted from awareness, and
 * Markdown drafts (English and Japanese) filled with the ledger's numbers. A starting point for
 * counsel, not legal advice: fields Veil cannot know are marked `TODO`.
 */
import { SPECIAL_CATEGORIES } from '../engine/categories.js';
import { draftAuthorityReport, draftNotice } from './drafts.js';
import type { ImpactSummary } from './store.js';
import type { Form } from './types.js';
import { EXPOSED_FORMS } from './validate.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const JST_MS = 9 * HOUR_MS;

/** What the record is computed from. */
export interface NotificationInput {
  readonly awareAt: Date;
  /** 不正の目的 (e.g. unauthorized access): APPI 確報 in 60 days instead of 30. */
  readonly malicious: boolean;
  readonly summary: ImpactSummary;
  /** People affected when known better than "every subject in the window" (a leaked dataset). */
  readonly affected?: { readonly subjects: number; readonly basis: string };
}

/** One category as reported: the forms it was sent in, and whether any form exposed it. */
export interface ReportedCategory {
  readonly category: string;
  readonly forms: readonly Form[];
  readonly subjects: number;
  readonly events: number;
  readonly exposed: boolean;
}

/** The deadlines, as ISO timestamps (UTC) and, for APPI, the calendar day in Japan. */
export interface Deadlines {
  readonly gdpr_art33: { readonly due_at: string; readonly hours: 72 };
  readonly appi_preliminary: { readonly from: string; readonly to: string };
  readonly appi_final: {
    readonly due_at: string;
    readonly due_date_jst: string;
    readonly days: 30 | 60;
  };
}

/** Deadlines counted from `awareAt`: 72 h; 速報 3–5 days; 確報 30 (or 60, malicious) days. */
export function deadlines(awareAt: Date, malicious: boolean): Deadlines {
  const t = awareAt.getTime();
  const iso = (ms: number) => new Date(ms).toISOString();
  const days = malicious ? 60 : 30;
  const final = t + days * DAY_MS;
  return {
    gdpr_art33: { due_at: iso(t + 72 * HOUR_MS), hours: 72 },
    appi_preliminary: { from: iso(t + 3 * DAY_MS), to: iso(t + 5 * DAY_MS) },
    appi_final: {
      due_at: iso(final),
      due_date_jst: iso(final + JST_MS).slice(0, 10),
      days,
    },
  };
}

/** Categories merged over forms, sorted by name; `exposed` when any form carried information. */
export function reportedCategories(summary: ImpactSummary): ReportedCategory[] {
  const by = new Map<
    string,
    { forms: Form[]; subjects: number; events: number; exposed: boolean }
  >();
  for (const c of summary.categories) {
    const r = by.get(c.category) ?? { forms: [], subjects: 0, events: 0, exposed: false };
    r.forms.push(c.form);
    // Subjects per form overlap; the largest is a lower bound, which is what we can claim.
    r.subjects = Math.max(r.subjects, c.subjects);
    r.events += c.events;
    r.exposed ||= EXPOSED_FORMS.has(c.form);
    by.set(c.category, r);
  }
  return [...by].map(([category, r]) => ({ category, ...r }));
}

const FINANCIAL = ['user.financial', 'user.payment', 'user.authorization.credentials'];
/**
 * 要配慮個人情報 (APPI Art. 2(3)) among Veil's categories: 病歴 and health (genetic data
 * included), 人種, 信条 (religion, political opinion), 犯罪の経歴.
 */
const SENSITIVE = [
  'user.health_and_medical',
  'user.demographic.race_ethnicity',
  'user.demographic.religious_belief',
  'user.demographic.political_opinion',
  'user.criminal_history',
];
const under = (c: string, roots: readonly string[]) =>
  roots.some((r) => c === r || c.startsWith(r + '.'));

/** Why an APPI report to the PPC is required (empty: not required by these tests). */
export function appiReasons(people: number, malicious: boolean, exposed: readonly string[]) {
  const reasons: string[] = [];
  if (exposed.some((c) => under(c, SENSITIVE))) reasons.push('要配慮個人情報 (sensitive data)');
  if (exposed.some((c) => under(c, FINANCIAL)))
    reasons.push('財産的被害のおそれ (risk of financial harm)');
  if (malicious) reasons.push('不正の目的 (unauthorized access or other wrongful purpose)');
  if (people > 1000) reasons.push('本人の数が1,000人超 (more than 1,000 people)');
  return reasons;
}

function appiPart(place: string, exposed: readonly string[], people: number, malicious: boolean) {
  const reasons = appiReasons(people, malicious, exposed);
  const todo = 'TODO';
  return {
    report_required: reasons.length > 0,
    reasons,
    report_items: {
      概要: `${place}の漏えい等のおそれ`,
      漏えい等した個人データの項目: exposed,
      本人の数: people,
      原因: todo,
      '二次被害の有無・内容': todo,
      本人への対応状況: todo,
      公表状況: todo,
      再発防止策: todo,
      その他: todo,
    },
  };
}

/** The exposed categories that are special under GDPR Art. 9 (or criminal data, Art. 10). */
export function specialCategories(exposed: readonly string[]): string[] {
  return exposed.filter((c) => under(c, SPECIAL_CATEGORIES));
}

function gdprPart(s: ImpactSummary, exposed: readonly string[], people: number) {
  const todo = 'TODO';
  const special = specialCategories(exposed);
  return {
    art33: {
      nature: `Personal data sent to ${s.destination} between ${s.from} and ${s.to} may have been accessed without authorization at the recipient.`,
      categories_of_data: exposed,
      approximate_number_of_data_subjects: people,
      approximate_number_of_records: s.events,
      contact_point: todo,
      likely_consequences: todo,
      measures_taken_or_proposed: todo,
    },
    special_categories: special,
    art34_notice:
      special.length > 0
        ? 'likely required: special categories of personal data (Art. 9/10) were exposed'
        : 'required when the breach is likely to result in a high risk; assess',
  };
}

/** Build the notification record (a JSON-ready object); `generatedAt` stamps it. */
export function buildNotification(input: NotificationInput, generatedAt: Date) {
  const { summary: s } = input;
  const people = input.affected?.subjects ?? s.subjects;
  const basis =
    input.affected?.basis ?? 'every subject whose data was sent to the destination in the window';
  const categories = reportedCategories(s);
  const exposed = categories.filter((c) => c.exposed).map((c) => c.category);
  const due = deadlines(input.awareAt, input.malicious);
  const aware = input.awareAt.toISOString();
  const facts = { ...s, people, categories, awareAt: aware, due };
  return {
    kind: 'veil.breach_notification.v1',
    generated_at: generatedAt.toISOString(),
    aware_at: aware,
    destination: s.destination,
    window: { from: s.from, to: s.to },
    subjects: { approximate_number: people, basis },
    orgs: { approximate_number: s.orgs },
    records: { approximate_number: s.events, unit: 'analytics events sent to the destination' },
    categories,
    deadlines: due,
    gdpr: gdprPart(s, exposed, people),
    appi: appiPart(
      `${s.destination} に送信した個人データ（${s.from}〜${s.to}）`,
      exposed,
      people,
      input.malicious,
    ),
    drafts: {
      authority_report: {
        en: draftAuthorityReport(facts, 'en'),
        ja: draftAuthorityReport(facts, 'ja'),
      },
      notice_to_individuals: { en: draftNotice(facts, 'en'), ja: draftNotice(facts, 'ja') },
    },
  };
}
