/**
 * What e2e tests need to read a fake vendor's recordings: vendor-shaped success answers, the
 * events inside any vendor body (JSON, NDJSON, form `data=` in base64 or JSON), every readable
 * text of a request (raw and decoded, so base64 cannot hide a leak), and waiting for dedupe ids.
 */
import type { FakeVendor, RecordedRequest, Responder } from '../testing/fake-vendor.js';

/** Planted personal data: none of it may reach a vendor. */
export const PII = {
  email: 'jane.roe.e2e@example.org',
  name: 'Janette Roeberts',
  ip: '203.0.113.77',
  /** The secret query value inside `url`. */
  urlToken: 'Zq8vN3kTr5Lx0pW2',
  url: 'https://app.example.org/account/reset?token=Zq8vN3kTr5Lx0pW2&utm_source=newsletter',
  userId: 'user-e2e-88123',
} as const;

/** A keyed pseudonym (`k1_…`, possibly with a rotation suffix). */
export const PSEUDONYM = /^k\d+[a-z0-9]*_[A-Za-z0-9_-]{16,}$/;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The success answer a vendor gives to an ingestion request (what exporters expect). */
export function vendorSuccess(vendor: string): Responder {
  return (req) => {
    const n = eventsOf(req).length;
    const json = { 'content-type': 'application/json' };
    switch (vendor) {
      case 'mixpanel':
        if (req.path.includes('import'))
          return {
            status: 200,
            headers: json,
            body: JSON.stringify({ code: 200, num_records_imported: n, status: 'OK' }),
          };
        if (req.query.get('verbose') === '1')
          return { status: 200, headers: json, body: '{"status":1,"error":null}' };
        return { status: 200, headers: { 'content-type': 'text/plain' }, body: '1' };
      case 'segment':
        return { status: 200, headers: json, body: '{"success":true}' };
      case 'posthog':
        return { status: 200, headers: json, body: '{"status":1}' };
      case 'amplitude':
        return {
          status: 200,
          headers: json,
          body: JSON.stringify({
            code: 200,
            events_ingested: n,
            payload_size_bytes: req.body.length,
            server_upload_time: Date.now(),
          }),
        };
      default:
        return { status: 200, headers: json, body: '{}' };
    }
  };
}

function parseLoose(text: string): unknown[] {
  const t = text.trim();
  if (t === '') return [];
  try {
    return [JSON.parse(t)];
  } catch {
    // NDJSON, or not JSON at all
  }
  const out: unknown[] = [];
  for (const line of t.split('\n')) {
    try {
      out.push(JSON.parse(line));
    } catch {
      return [];
    }
  }
  return out;
}

/** The decoded payloads of a request: JSON/NDJSON body, form `data=` (JSON or base64 JSON), query `data`. */
export function payloadsOf(req: RecordedRequest): unknown[] {
  const out = parseLoose(req.text);
  if (out.length > 0) return out;
  const datas = [...new URLSearchParams(req.text).getAll('data'), ...req.query.getAll('data')];
  for (const d of datas) {
    const direct = parseLoose(d);
    out.push(...(direct.length > 0 ? direct : parseLoose(Buffer.from(d, 'base64').toString())));
  }
  return out;
}

/** The events inside a request, whatever the vendor's envelope (`batch`, `events`, array, single). */
export function eventsOf(req: RecordedRequest): Obj[] {
  const out: Obj[] = [];
  for (const p of payloadsOf(req)) {
    const items = Array.isArray(p)
      ? p
      : isObj(p) && Array.isArray(p.batch)
        ? p.batch
        : isObj(p) && Array.isArray(p.events)
          ? p.events
          : [p];
    for (const it of items) if (isObj(it)) out.push(it);
  }
  return out;
}

/** An event's dedupe id in any vendor's field, or undefined. */
export function dedupeId(e: Obj): string | undefined {
  const props = isObj(e.properties) ? e.properties : {};
  for (const v of [e.messageId, e.uuid, e.insert_id, props.$insert_id, e.$insert_id])
    if (typeof v === 'string') return v;
  return undefined;
}

/** Every dedupe id a fake vendor received, with repetitions. */
export function receivedIds(vendor: FakeVendor): string[] {
  return vendor.requests.flatMap((r) => eventsOf(r).map(dedupeId)).filter((x) => x !== undefined);
}

/** The identity fields an event carries (user, device, distinct ids), as strings, unprefixed. */
export function identities(e: Obj): string[] {
  const props = isObj(e.properties) ? e.properties : {};
  const vals = [
    e.userId,
    e.anonymousId,
    e.distinct_id,
    e.$distinct_id,
    e.user_id,
    props.distinct_id,
    props.$user_id,
  ];
  // Mixpanel's ID merge marks anonymous distinct ids `$device:<device id>`.
  return vals
    .filter((v): v is string => typeof v === 'string')
    .map((v) => (v.startsWith('$device:') ? v.slice('$device:'.length) : v));
}

/** Everything readable of a request: raw text, query, and decoded payloads (base64 undone). */
export function wireText(req: RecordedRequest): string {
  return [req.url, req.text, ...payloadsOf(req).map((p) => JSON.stringify(p))].join('\n');
}

/** The planted values (by name) found anywhere in the requests; empty when minimized. */
export function leaks(
  requests: readonly RecordedRequest[],
  planted: Readonly<Record<string, string>> = PII,
): string[] {
  const found = new Set<string>();
  for (const r of requests) {
    const text = wireText(r).toLowerCase();
    for (const [name, value] of Object.entries(planted))
      if (name !== 'url' && text.includes(value.toLowerCase())) found.add(name);
  }
  return [...found];
}

/**
 * Resolve once every id in `ids` was received by `vendor`; reject after `timeoutMs` naming how
 * many are missing (a bound so the test ends, not a speed assertion).
 */
export async function waitForIds(
  vendor: FakeVendor,
  ids: Iterable<string>,
  timeoutMs = 30_000,
): Promise<void> {
  const want = new Set(ids);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const got = new Set(receivedIds(vendor));
    const missing = [...want].filter((id) => !got.has(id));
    if (missing.length === 0) return;
    if (Date.now() > deadline)
      throw new Error(
        `${missing.length} of ${want.size} ids never reached the vendor (${vendor.requests.length} requests seen)`,
      );
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Resolve once `cond()` holds, polling; reject after `timeoutMs` with `what`. */
export async function until(cond: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
