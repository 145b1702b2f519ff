/**
 * The "In code vs observed" part of `veil map --scan`: a Markdown section, an HTML section and
 * CycloneDX data flows. App data (event names, paths) is escaped as in the rest of the map.
 */
import type { CodeRow, CodeSection } from './code.js';
import { escapeHtml as e, escapeMarkdown, markdownCode } from './escape.js';

/** Column titles of the comparison tables. */
export const CODE_HEADERS = ['Event', 'Field', 'Categories in code', 'Categories observed', 'Seen'];

const SEEN_TEXT: Readonly<Record<CodeRow['seen'], string>> = {
  both: 'both',
  code: 'code only',
  observed: 'observed only',
};

const INTRO =
  'Flows `veil scan` found in the code beside the flows the gateway observed, per vendor: ' +
  '"code only" may be a call not deployed yet, not routed through Veil, or not yet used; ' +
  '"observed only" is sent by code that was not scanned (another app, a tag manager) or that the scanner could not follow.';

function heading(s: CodeSection): string {
  return s.vendor !== undefined ? `${s.name} (${s.vendor})` : s.name;
}

function routeText(s: CodeSection): string {
  if (s.vendor === undefined) return 'No scanned vendor matches this destination.';
  if (s.destinations.length === 0)
    return 'Not a destination of this gateway: the code sends these flows to the vendor directly.';
  return `Through ${s.destinations.length === 1 ? 'destination' : 'destinations'} ${s.destinations.join(', ')}.`;
}

const mdCell = (xs: readonly string[]) => (xs.length > 0 ? xs.map(markdownCode).join(', ') : '–');

/** The Markdown section "In code vs observed". */
export function renderCodeMarkdown(sections: readonly CodeSection[]): string {
  const out = ['## In code vs observed', '', INTRO, ''];
  for (const s of sections) {
    out.push(`### ${escapeMarkdown(heading(s))}`, '', escapeMarkdown(routeText(s)), '');
    if (s.rows.length === 0) {
      out.push('_No flows on either side._', '');
      continue;
    }
    out.push(`| ${CODE_HEADERS.join(' | ')} |`, `|${CODE_HEADERS.map(() => '---').join('|')}|`);
    for (const r of s.rows)
      out.push(
        `| ${markdownCode(r.event)} | ${markdownCode(r.path)} | ${mdCell(r.code)} | ${mdCell(r.observed)} | ${SEEN_TEXT[r.seen]} |`,
      );
    out.push('');
  }
  return out.join('\n');
}

const htmlList = (xs: readonly string[]) =>
  xs.length > 0 ? xs.map((x) => `<code>${e(x)}</code>`).join(', ') : '–';

/** The HTML section "In code vs observed". */
export function renderCodeHtml(sections: readonly CodeSection[]): string {
  const out = ['<section><h2>In code vs observed</h2>', `<p>${e(INTRO.replace(/`/g, ''))}</p>`];
  for (const s of sections) {
    out.push(`<h3>${e(heading(s))}</h3>`, `<p>${e(routeText(s))}</p>`);
    if (s.rows.length === 0) {
      out.push('<p><em>No flows on either side.</em></p>');
      continue;
    }
    out.push(
      '<table class="code">',
      `<tr>${CODE_HEADERS.map((h) => `<th>${e(h)}</th>`).join('')}</tr>`,
    );
    for (const r of s.rows)
      out.push(
        `<tr><td><code>${e(r.event)}</code></td><td><code>${e(r.path)}</code></td>` +
          `<td>${htmlList(r.code)}</td><td>${htmlList(r.observed)}</td><td>${SEEN_TEXT[r.seen]}</td></tr>`,
      );
    out.push('</table>');
  }
  return [...out, '</section>'].join('\n');
}

/** Marks a CycloneDX data flow as read from the code (`source`), not observed by the gateway. */
export const CODE_SOURCE = 'urn:veil:source:code';

/**
 * CycloneDX data flows for the categories the code sends to `destination`: one per category,
 * `source: [CODE_SOURCE]`, named `code: CATEGORY` (CycloneDX data flows have no properties).
 */
export function codeDataFlows(
  sections: readonly CodeSection[] | undefined,
  destination: string,
): object[] {
  const rows = (sections ?? [])
    .filter((s) => s.vendor !== undefined && s.destinations.includes(destination))
    .flatMap((s) => s.rows.filter((r) => r.seen !== 'observed'));
  const categories = [...new Set(rows.flatMap((r) => r.code))].sort();
  return categories.map((category) => {
    const mine = rows.filter((r) => r.code.includes(category));
    return {
      flow: 'inbound',
      classification: category,
      name: `code: ${category}`,
      description: `veil:source=code. Sent by the app code (veil scan) in ${mine.length} field(s) of ${new Set(mine.map((r) => r.event)).size} event(s), before minimization by Veil.`,
      source: [CODE_SOURCE],
    };
  });
}
