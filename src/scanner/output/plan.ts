/**
 * `veil scan --format plan`: a tracking plan in YAML, read from the code. Per vendor, each event
 * with where it is sent from and its properties (path, type, categories, and `form: hashed` when
 * hashed first). A starting point for a tracking plan the team reviews and keeps.
 */
import { Document } from 'yaml';
import type { InventoryEvent, ScanInventory } from './inventory.js';

function planEvent(e: InventoryEvent): object {
  return {
    event: e.event,
    ...(e.computed ? { computed: true } : {}),
    sent_from: e.calls.map(
      (c) => `${c.file}:${c.line} ${c.call}${c.via ? ` (via ${c.via.wrapper})` : ''}`,
    ),
    properties: e.properties.map((p) => ({
      path: p.path,
      type: p.type,
      ...(p.categories.length > 0 ? { categories: [...p.categories] } : {}),
      ...(p.form === 'hashed' ? { form: 'hashed' } : {}),
    })),
  };
}

/** The tracking plan of `inventory` as YAML text; vendors, events and properties in its order. */
export function renderPlan(inventory: ScanInventory): string {
  const doc = new Document({
    version: 1,
    generated_by: `veil ${inventory.tool.version} scan`,
    vendors: inventory.vendors.map((v) => ({
      id: v.id,
      name: v.name,
      events: v.events.map(planEvent),
    })),
  });
  doc.commentBefore =
    ' Tracking plan read from the code by `veil scan --format plan`: the events each vendor\n' +
    ' receives, where they are sent from, and their properties with types and data categories.\n' +
    ' "(identify)"-style events are calls that send no event name; "computed: true" events\n' +
    ' have a name computed at run time (shown as its source text).';
  return doc.toString({ lineWidth: 0 });
}
