/**
 * US Social Security Numbers: `AAA-GG-SSSS` with dashes or single spaces; nine bare digits only
 * with context (an SSN field, or `ssn` / `social security` within 24 characters before). With
 * that context and the `AAA-GG-SSSS` shape, numbers never issued (`123-45-6789`, ITINs `9XX-…`)
 * are reported too, at 0.75.
 */
import { isValidSsn } from '../../validators/ssn.js';
import type { Candidate, Hit, Rule, ScanContext } from '../../types.js';
import { allSeps, contextBefore, readGroups, standsAlone } from './shared.js';

const SSN_WORDS = /ssn|social[ _-]?security|soc[._ ]{0,2}sec/i;
const SSN_KEY = /ssn|social_?security|soc_?sec/;

function hasContext(text: string, start: number, ctx: ScanContext): boolean {
  // A national-id field could hold any country's id (My Number is one): only SSN-named fields count.
  return (
    (ctx.key.length <= 64 && SSN_KEY.test(ctx.key)) || contextBefore(text, start, 24, SSN_WORDS)
  );
}

function findSsn(text: string, hit: Hit, ctx: ScanContext): Candidate | undefined {
  const { start, end } = hit;
  if (!standsAlone(text, start, end)) return undefined;
  const g = readGroups(text, start, end, 9);
  if (g === undefined || g.digits.length !== 9) return undefined;
  const shaped = g.groups.join(',') === '3,2,4' && (allSeps(g, '-') || allSeps(g, ' '));
  if (!isValidSsn(g.digits)) {
    // Labelled as an SSN and written as one, a number no one was issued is still what the user
    // typed there: a well-known example (`123-45-6789`), a typo, or an ITIN (`9XX-7X-XXXX`).
    return shaped && hasContext(text, start, ctx) ? { start, end, confidence: 0.75 } : undefined;
  }
  const context = hasContext(text, start, ctx);
  if (g.groups.length === 1) return context ? { start, end, confidence: 0.85 } : undefined;
  if (!shaped) return undefined;
  return { start, end, confidence: context ? 0.95 : g.seps[0] === '-' ? 0.85 : 0.7 };
}

/** US SSN rules. */
export const ssnRules: readonly Rule[] = [
  {
    id: 'us_ssn',
    category: 'user.government_id.national_identification_number',
    description: 'US Social Security Number (area/group/serial rules, known fakes rejected).',
    digits: { min: 9, max: 9 },
    find: findSsn,
    confidence: 0.85,
    examples: {
      positive: [
        { text: 'SSN: 536-22-8714', match: '536-22-8714' },
        { text: '{"applicant":"J. Doe","ssn_last":"", "id":"412 55 9031"}', match: '412 55 9031' },
        { text: 'social security 536228714 on file', match: '536228714' },
        { text: '536228714', key: 'ssn', match: '536228714' },
        { text: 'ＳＳＮ：５３６－２２－８７１４', match: '５３６－２２－８７１４' },
        { text: 'SSN: 123-45-6789', match: '123-45-6789' },
        { text: 'social security no. 912-78-4521', match: '912-78-4521' },
      ],
      negative: [
        '078-05-1120',
        '219-09-9999',
        '666-12-3456 and 900-12-3456 and 536-00-8714 and 536-22-0000',
        '536228714',
        'ssn 123456789',
        'ORD-536-22-8714',
        '536-22-8714-99',
        '536-22 8714',
        { text: '1.2.3.4', key: 'app_version' },
      ],
    },
  },
];
