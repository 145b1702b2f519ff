/**
 * `veil map --format disclosure`: the public page Japan's 外部送信規律 (電気通信事業法 27条の12)
 * asks for: for each recipient, its name, the data sent and the purpose. Markdown, in Japanese,
 * English, or both (Japanese first). Data sent is what the vendor received after minimization,
 * in plain words.
 */
import { escapeMarkdown } from './escape.js';
import type { DataMap, VendorView } from './model.js';
import { categoryWords, USAGE_WORDS } from './words.js';

/** Languages of the disclosure page. */
export type DisclosureLang = 'ja' | 'en' | 'both';

function dataSent(v: VendorView, lang: 'ja' | 'en'): string[] {
  const words = [...new Set(v.after.map((c) => categoryWords(c)[lang]))];
  return [USAGE_WORDS[lang], ...words];
}

function japanese(map: DataMap): string[] {
  const out = [
    '# 外部送信に関する公表事項',
    '',
    '本サービスは、サービスの改善と分析のため、利用者の端末から送られた情報の一部を以下の事業者に送信しています。',
    '送信前に Veil が個人に関する情報を削除・仮名化・一般化しており、以下はその後に送信される情報です。',
    '',
  ];
  for (const v of map.vendors) {
    const r = v.register;
    out.push(`## ${escapeMarkdown(r?.legal_name ?? v.destination)}`, '');
    out.push(
      `- 送信先: ${r ? escapeMarkdown(r.legal_name) : `${escapeMarkdown(v.destination)}（事業者名は未登録）`}`,
    );
    out.push(`- 送信される情報: ${dataSent(v, 'ja').join('、')}`);
    const purpose = r?.purpose_ja ?? r?.purpose;
    out.push(`- 利用目的: ${purpose ? escapeMarkdown(purpose) : '（未登録）'}`, '');
  }
  return out;
}

function english(map: DataMap): string[] {
  const out = [
    '# Information sent to third parties',
    '',
    'To analyse and improve the service, part of the information sent from your device is passed to the',
    'companies below. Veil removes, pseudonymizes or generalizes personal information before it is sent;',
    'the lists show what is sent after that.',
    '',
  ];
  for (const v of map.vendors) {
    const r = v.register;
    out.push(`## ${escapeMarkdown(r?.legal_name ?? v.destination)}`, '');
    out.push(
      `- Recipient: ${r ? escapeMarkdown(r.legal_name) : `${escapeMarkdown(v.destination)} (legal name not recorded)`}`,
    );
    out.push(`- Data sent: ${dataSent(v, 'en').join('; ')}`);
    out.push(`- Purpose: ${r ? escapeMarkdown(r.purpose) : '(not recorded)'}`, '');
  }
  return out;
}

/** The disclosure page as Markdown in `lang` (default both: Japanese, then English). */
export function renderDisclosure(map: DataMap, lang: DisclosureLang = 'both'): string {
  const parts = [
    ...(lang === 'en' ? [] : [japanese(map)]),
    ...(lang === 'ja' ? [] : [english(map)]),
  ];
  return parts.map((p) => p.join('\n')).join('\n---\n\n');
}
