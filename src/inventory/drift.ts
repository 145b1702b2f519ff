/** Drift alerts: what the inventory store raises when the data map changes shape. */

/**
 * Something new reached a vendor. Raised once per fact (the store remembers what it has seen):
 * - `new_event`: first time this (source, destination, event); `categories` are the
 *   categories found in any of its fields in that flush (its fields raise no `new_field`).
 * - `new_field`: first time this path in a known event; `categories` found in it.
 * - `new_category`: a known field carried categories it never carried before (`categories`
 *   lists only the new ones), e.g. `user.contact.email` in `properties.comment`.
 * `after` is what the vendor received from that field (or event) in the same flush.
 * `initial` marks alerts of the first flush into an empty store, so operators can silence
 * the first run. No values: names, paths, categories and times only.
 */
export interface DriftAlert {
  readonly kind: 'new_event' | 'new_field' | 'new_category';
  readonly source: string;
  readonly destination: string;
  readonly event: string;
  /** The field; absent for `new_event`. */
  readonly path?: string;
  readonly categories: readonly string[];
  readonly after: readonly string[];
  readonly initial: boolean;
  /** When it was first seen, ms since the epoch. */
  readonly firstSeen: number;
}

/** One line describing `a` for people and logs (event names and paths JSON-quoted). */
export function describeAlert(a: DriftAlert): string {
  const where = `${a.source} → ${a.destination}, event ${JSON.stringify(a.event)}`;
  const cats = a.categories.length > 0 ? a.categories.join(', ') : 'no categories';
  switch (a.kind) {
    case 'new_event':
      return `new event (${where}) carrying ${cats}`;
    case 'new_field':
      return `new field ${JSON.stringify(a.path)} (${where}) carrying ${cats}`;
    case 'new_category':
      return `new category in field ${JSON.stringify(a.path)} (${where}): ${cats}`;
  }
}
