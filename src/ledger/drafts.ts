/**
 * Markdown drafts of the breach report to the authority and the notice to individuals, in
 * English and Japanese, filled with the ledger's numbers. `[…]` marks what a person must write.
 */
import type { Deadlines, ReportedCategory } from './notify.js';
import type { Form } from './types.js';

/** The measured facts a draft is filled with. */
export interface DraftFacts {
  readonly destination: string;
  readonly from: string;
  readonly to: string;
  readonly people: number;
  readonly orgs: number;
  readonly events: number;
  readonly categories: readonly ReportedCategory[];
  readonly awareAt: string;
  readonly due: Deadlines;
}

/** Draft language. */
export type Lang = 'en' | 'ja';

const FORM_LABEL: Record<Lang, Record<Form, string>> = {
  en: {
    passed: 'as is',
    pseudonymized: 'pseudonymized (keyed hash)',
    generalized: 'generalized',
    masked: 'masked',
    truncated: 'truncated',
    redacted: 'redacted (not sent)',
    removed: 'removed (not sent)',
  },
  ja: {
    passed: 'そのまま',
    pseudonymized: '仮名化（鍵付きハッシュ）',
    generalized: '一般化',
    masked: 'マスク',
    truncated: '切り詰め',
    redacted: '墨消し（送信せず）',
    removed: '削除（送信せず）',
  },
};

const num = (n: number) => n.toLocaleString('en-US');

function categoryLines(f: DraftFacts, lang: Lang): string {
  const lines = f.categories.map((c) => {
    const forms = c.forms.map((x) => FORM_LABEL[lang][x]).join(', ');
    return lang === 'en'
      ? `- \`${c.category}\`: ${forms}; ${num(c.subjects)} people, ${num(c.events)} events`
      : `- \`${c.category}\`：${forms}／${num(c.subjects)}人、${num(c.events)}件`;
  });
  return lines.length > 0
    ? lines.join('\n')
    : lang === 'en'
      ? '- (none recorded)'
      : '- （記録なし）';
}

/** The report to the supervisory authority (GDPR Art. 33) / PPC (APPI 速報・確報). */
export function draftAuthorityReport(f: DraftFacts, lang: Lang): string {
  if (lang === 'ja') {
    return `# 個人データの漏えい等報告（案）

- 概要：委託先 ${f.destination} に ${f.from}〜${f.to} に送信した個人データについて、漏えい等のおそれがある事態を ${f.awareAt} に把握しました。[経緯]
- 漏えい等した個人データの項目：
${categoryLines(f, 'ja')}
- 本人の数：${num(f.people)}人（組織 ${num(f.orgs)}、イベント ${num(f.events)}件）
- 原因：[記入]
- 二次被害又はそのおそれの有無及びその内容：[記入]
- 本人への対応の実施状況：[記入]
- 公表の実施状況：[記入]
- 再発防止のための措置：[記入]
- その他参考となる事項：速報期限の目安 ${f.due.appi_preliminary.from}〜${f.due.appi_preliminary.to}、確報期限 ${f.due.appi_final.due_date_jst}（${f.due.appi_final.days}日以内）
`;
  }
  return `# Personal data breach report (draft)

- Nature of the breach: personal data sent to our processor ${f.destination} between ${f.from} and ${f.to} may have been accessed without authorization. We became aware on ${f.awareAt}. [details]
- Categories of personal data concerned:
${categoryLines(f, 'en')}
- Approximate number of data subjects: ${num(f.people)} (${num(f.orgs)} organizations)
- Approximate number of records: ${num(f.events)} events
- Contact point: [name, email]
- Likely consequences: [e.g. targeted phishing using the exposed data]
- Measures taken or proposed: [describe]
- Deadline (GDPR Art. 33): ${f.due.gdpr_art33.due_at} (72 hours after awareness)
`;
}

/** The notice to the individuals (GDPR Art. 34, APPI 本人通知). */
export function draftNotice(f: DraftFacts, lang: Lang): string {
  const exposed = f.categories.filter((c) => c.exposed);
  const shown = { ...f, categories: exposed };
  if (lang === 'ja') {
    return `# 個人情報の漏えい等に関するお知らせ（案）

当社が分析のため委託先 ${f.destination} に送信していた情報（${f.from}〜${f.to}）について、漏えい等のおそれがあることが判明しました。対象となる方は ${num(f.people)}人です。

## 対象となる項目
${categoryLines(shown, 'ja')}

## 原因
[記入]

## 二次被害又はそのおそれ
[記入：不審なメール等にご注意ください]

## その他
[お問い合わせ窓口]
`;
  }
  return `# Notice about your personal data (draft)

Information we sent to our analytics provider ${f.destination} between ${f.from} and ${f.to} may have been accessed without authorization. ${num(f.people)} people are affected.

## What data was involved
${categoryLines(shown, 'en')}

## What happened
[describe]

## What you can do
[e.g. be careful with unexpected emails that refer to our service]

## Contact
[contact point]
`;
}
