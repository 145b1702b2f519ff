/**
 * The data map as `veil map` renders it: per vendor (destination), its register entry and what
 * the inventory saw flowing to it. Pure data, sorted, so every format renders deterministically.
 */
import { createRequire } from 'node:module';
import type { VendorRegister } from '../../config/vendors.js';
import type { InventoryRow } from '../store.js';
import type { CodeSection } from './code.js';

/** One vendor: a destination, its register entry (if any) and its inventory rows. */
export interface VendorView {
  readonly destination: string;
  readonly register?: VendorRegister;
  /** Ordered by source, event, path. */
  readonly rows: readonly InventoryRow[];
  readonly sources: readonly string[];
  readonly events: readonly string[];
  /** Categories found before minimization, in any field. */
  readonly before: readonly string[];
  /** Categories the vendor received (after minimization). */
  readonly after: readonly string[];
}

/** The whole map; `generatedAt` in ms since the epoch. */
export interface DataMap {
  readonly generatedAt: number;
  readonly veilVersion: string;
  readonly vendors: readonly VendorView[];
  /** With `veil map --scan`: the flows found in code beside the observed ones (see code.ts). */
  readonly code?: readonly CodeSection[];
}

const sorted = (xs: Iterable<string>): string[] => [...new Set(xs)].sort();
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Veil's version from package.json (two levels above dist/inventory/map). */
export const VEIL_VERSION: string = (
  createRequire(import.meta.url)('../../../package.json') as { version: string }
).version;

/**
 * Build the map: one vendor per name in `destinations` or in `rows` (sorted by name), each
 * with its `register` entry when there is one.
 */
export function buildDataMap(
  rows: readonly InventoryRow[],
  register: Readonly<Record<string, VendorRegister>>,
  destinations: readonly string[],
  generatedAt: number,
): DataMap {
  const names = sorted([...destinations, ...rows.map((r) => r.destination)]);
  const vendors = names.map((destination): VendorView => {
    const mine = rows
      .filter((r) => r.destination === destination)
      .sort(
        (a, b) => byText(a.source, b.source) || byText(a.event, b.event) || byText(a.path, b.path),
      );
    const entry = Object.hasOwn(register, destination) ? register[destination] : undefined;
    return {
      destination,
      ...(entry === undefined ? {} : { register: entry }),
      rows: mine,
      sources: sorted(mine.map((r) => r.source)),
      events: sorted(mine.map((r) => r.event)),
      before: sorted(mine.flatMap((r) => r.before)),
      after: sorted(mine.flatMap((r) => r.after)),
    };
  });
  return { generatedAt, veilVersion: VEIL_VERSION, vendors };
}

/** The register's retention in words (`400 days`, the vendor's text), or undefined. */
export function retentionText(r: VendorRegister): string | undefined {
  return r.retention_days !== undefined ? `${r.retention_days} days` : r.retention;
}
