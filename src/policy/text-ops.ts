/** String operations of the policy: redact spans, mask, truncate. All return new strings. */

/** A span to replace and the label to put there. */
export interface Span {
  readonly start: number;
  readonly end: number;
  readonly label: string;
}

/**
 * Replace each span with `[redacted:<label>]`. Overlapping spans merge (the first label wins);
 * spans are clamped to the string.
 */
export function redactSpans(value: string, spans: readonly Span[]): string {
  if (spans.length === 0) return value;
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let at = 0;
  for (const s of sorted) {
    const start = Math.max(at, Math.min(s.start, value.length));
    const end = Math.min(value.length, s.end);
    if (end <= at) continue;
    out += value.slice(at, start) + `[redacted:${s.label}]`;
    at = end;
  }
  return out + value.slice(at);
}

/** Qualifier segments that say nothing alone: the label names what they qualify. */
const QUALIFIED: Readonly<Record<string, string>> = {
  first: 'first_name',
  last: 'last_name',
  imprecise: 'location',
  precise: 'location',
};

/**
 * The label a redaction by category shows (`user.contact.email` → `email`, `user.name.first` →
 * `first_name`, `user.location.imprecise` → `location`): what was there, in a word.
 */
export function categoryLabel(category: string): string {
  const last = category.slice(category.lastIndexOf('.') + 1);
  return QUALIFIED[last] ?? last;
}

/** `••••4242`-style mask keeping the last `keepLast` characters (as `*`). */
export function mask(value: string, keepLast: number): string {
  const keep = Math.min(keepLast, Math.floor(value.length / 2));
  return '*'.repeat(value.length - keep) + value.slice(value.length - keep);
}

/** Mask an email's local part and keep its domain: `***@example.com`. Non-emails are fully masked. */
export function maskEmail(value: string): string {
  const at = value.lastIndexOf('@');
  return at <= 0 ? mask(value, 0) : '***' + value.slice(at);
}

/** First `max` characters (never splitting a surrogate pair), plus `…` when cut. */
export function truncate(value: string, max: number): string {
  if (value.length <= max) return value;
  let end = max;
  const c = value.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return value.slice(0, end) + '…';
}
