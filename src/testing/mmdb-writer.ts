/**
 * A tiny MaxMind DB writer for tests: builds a country database (GeoLite2-Country shape) in
 * memory, so tests never need a real GeoLite2 download. Format: MaxMind DB spec v2.0
 * (https://maxmind.github.io/MaxMind-DB/).
 *
 * Layout: binary search tree (node_count nodes of two records) | 16 zero bytes | data section |
 * `\xAB\xCD\xEFMaxMind.com` | metadata map. The tree is an IPv6 tree; IPv4 networks live under
 * `::/96` (`::a.b.c.d`), which is where readers (mmdb-lib's `ipv4Start`: 96 left turns from the
 * root) look IPv4 addresses up. Unlike MaxMind's own databases, `::ffff:0:0/96` and
 * `2002::/16` are not aliased to the IPv4 subtree.
 */
import { isIP } from 'node:net';

/** One network of the database: `cidr` (`203.0.113.0/24`, `2001:db8::/32`) → `country`. */
export interface CountryEntry {
  readonly cidr: string;
  /** ISO 3166-1 alpha-2 code, stored as `{country:{iso_code}}`. */
  readonly country: string;
  /** Store the code under `registered_country` instead (as for anonymous proxies). */
  readonly field?: 'country' | 'registered_country';
}

/** Writer options. */
export interface MmdbOptions {
  /** Bits per record: 24 (default) or 28. */
  readonly recordSize?: 24 | 28;
  /** Seconds since the epoch written as `build_epoch`; default 0 (reproducible output). */
  readonly buildEpoch?: number;
}

/** A record: a node index, empty, or a data-section entry. */
type Rec = { node: number } | { data: number } | undefined;

/** Expand a CIDR into 128 bits (IPv4 mapped under ::/96) and its IPv6 prefix length. */
function parseCidr(cidr: string): { bits: number[]; prefix: number } {
  const [addr = '', len = ''] = cidr.split('/');
  const version = isIP(addr);
  const prefix = Number(len);
  const max = version === 4 ? 32 : 128;
  if (version === 0 || !/^\d{1,3}$/.test(len) || prefix < 1 || prefix > max) {
    throw new Error(`mmdb-writer: bad CIDR ${JSON.stringify(cidr)}`);
  }
  const bytes =
    version === 4 ? [...new Array<number>(12).fill(0), ...v4Bytes(addr)] : v6Bytes(addr);
  const bits: number[] = [];
  for (const b of bytes) for (let i = 7; i >= 0; i--) bits.push((b >> i) & 1);
  return { bits, prefix: version === 4 ? 96 + prefix : prefix };
}

function v4Bytes(addr: string): number[] {
  return addr.split('.').map(Number);
}

/** 16 bytes of an IPv6 address (embedded dotted IPv4 tail allowed). */
function v6Bytes(addr: string): number[] {
  const groups = (part: string): number[] =>
    part === ''
      ? []
      : part.split(':').flatMap((g) => {
          if (!g.includes('.')) return [parseInt(g, 16) >> 8, parseInt(g, 16) & 0xff];
          return v4Bytes(g);
        });
  const [head = '', tail] = addr.split('::');
  const h = groups(head);
  const t = tail === undefined ? [] : groups(tail);
  return [...h, ...new Array<number>(16 - h.length - t.length).fill(0), ...t];
}

/** Build the search tree: less specific networks first, split when a more specific one lands. */
function buildTree(entries: readonly { bits: number[]; prefix: number; data: number }[]): Rec[][] {
  const nodes: Rec[][] = [[undefined, undefined]];
  const sorted = [...entries].sort((a, b) => a.prefix - b.prefix);
  for (const { bits, prefix, data } of sorted) {
    let node = 0;
    for (let depth = 0; depth < prefix - 1; depth++) {
      const side = bits[depth] ?? 0;
      const rec = nodes[node]?.[side];
      if (rec !== undefined && 'node' in rec) {
        node = rec.node;
        continue;
      }
      // Empty, or data of a wider network: a new node whose both halves inherit it.
      nodes.push([rec, rec]);
      (nodes[node] as Rec[])[side] = { node: nodes.length - 1 };
      node = nodes.length - 1;
    }
    (nodes[node] as Rec[])[bits[prefix - 1] ?? 0] = { data };
  }
  return nodes;
}

/** Control byte(s) for `type` (1..15) and `size`, per the spec's size encoding. */
function control(type: number, size: number): Buffer {
  const ext = type > 7;
  const first = (ext ? 0 : type) << 5;
  const extra = ext ? [type - 7] : [];
  if (size < 29) return Buffer.from([first | size, ...extra]);
  if (size < 285) return Buffer.from([first | 29, ...extra, size - 29]);
  const s = size - 285;
  return Buffer.from([first | 30, ...extra, s >> 8, s & 0xff]);
}

/** A value of the data section, encoded the way MaxMind DB expects. */
type Value =
  | string
  | { readonly uint: number; readonly bits: 16 | 32 | 64 }
  | readonly Value[]
  | { readonly [key: string]: Value };

function unsigned(n: number, type: number): Buffer {
  const bytes: number[] = [];
  for (let v = BigInt(n); v > 0n; v >>= 8n) bytes.unshift(Number(v & 0xffn));
  return Buffer.concat([control(type, bytes.length), Buffer.from(bytes)]);
}

function encode(v: Value): Buffer {
  if (typeof v === 'string') {
    const s = Buffer.from(v, 'utf8');
    return Buffer.concat([control(2, s.length), s]);
  }
  if (Array.isArray(v)) return Buffer.concat([control(11, v.length), ...v.map(encode)]);
  if ('uint' in v && typeof v.uint === 'number' && 'bits' in v) {
    return unsigned(v.uint, v.bits === 16 ? 5 : v.bits === 32 ? 6 : 9);
  }
  const pairs = Object.entries(v as Record<string, Value>);
  return Buffer.concat([
    control(7, pairs.length),
    ...pairs.flatMap(([k, x]) => [encode(k), encode(x)]),
  ]);
}

/** Write one node: two records of `recordSize` bits, big-endian (28: middle nibbles shared). */
function writeNode(out: Buffer, offset: number, left: number, right: number, recordSize: 24 | 28) {
  out.writeUIntBE(left & 0xffffff, offset, 3);
  if (recordSize === 24) {
    out.writeUIntBE(right, offset + 3, 3);
    return;
  }
  out[offset + 3] = ((left >> 20) & 0xf0) | ((right >> 24) & 0x0f);
  out.writeUIntBE(right & 0xffffff, offset + 4, 3);
}

/** The metadata map that follows the `\xAB\xCD\xEFMaxMind.com` marker. */
function metadata(nodeCount: number, recordSize: 24 | 28, buildEpoch: number): Buffer {
  return encode({
    node_count: { uint: nodeCount, bits: 32 },
    record_size: { uint: recordSize, bits: 16 },
    ip_version: { uint: 6, bits: 16 },
    database_type: 'GeoLite2-Country',
    languages: ['en'],
    binary_format_major_version: { uint: 2, bits: 16 },
    binary_format_minor_version: { uint: 0, bits: 16 },
    build_epoch: { uint: buildEpoch, bits: 64 },
    description: { en: 'Veil test country database' },
  });
}

/**
 * Build a valid MaxMind DB (format v2.0, `ip_version` 6, `database_type` `GeoLite2-Country`)
 * mapping each CIDR to `{country:{iso_code}}` (or `{registered_country:{iso_code}}`). IPv4
 * CIDRs are placed under `::/96`. When CIDRs overlap, the most specific wins. Throws on a
 * malformed CIDR (it is a test helper). The output is deterministic for the same input.
 */
export function writeCountryMmdb(
  entries: readonly CountryEntry[],
  options: MmdbOptions = {},
): Buffer {
  const recordSize = options.recordSize ?? 24;
  const keyOf = (e: CountryEntry): string => `${e.field ?? 'country'}:${e.country}`;
  const distinct = new Map(entries.map((e) => [keyOf(e), e] as const));
  const keys = [...distinct.keys()];
  const records = [...distinct.values()].map((e) =>
    encode({ [e.field ?? 'country']: { iso_code: e.country } }),
  );
  const offsets: number[] = [];
  records.reduce((at, r) => (offsets.push(at), at + r.length), 0);
  const nodes = buildTree(
    entries.map((e) => ({ ...parseCidr(e.cidr), data: keys.indexOf(keyOf(e)) })),
  );
  const nodeCount = nodes.length;
  const nodeBytes = recordSize / 4;
  const tree = Buffer.alloc(nodeCount * nodeBytes);
  const value = (r: Rec): number => {
    if (r === undefined) return nodeCount;
    if ('node' in r) return r.node;
    return nodeCount + 16 + (offsets[r.data] ?? 0);
  };
  nodes.forEach(([l, r], i) => writeNode(tree, i * nodeBytes, value(l), value(r), recordSize));
  return Buffer.concat([
    tree,
    Buffer.alloc(16), // data section separator
    ...records,
    Buffer.from('abcdef4d61784d696e642e636f6d', 'hex'),
    metadata(nodeCount, recordSize, options.buildEpoch ?? 0),
  ]);
}
