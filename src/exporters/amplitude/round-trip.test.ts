// decode(encode(events)): Amplitude events decoded by the receiver and sent by the exporter come
// back with every vendor field, so a same-vendor route loses nothing the policy did not remove.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeVendor } from '../../testing/fake-vendor.js';
import { createAmplitudeReceiver } from '../../receivers/amplitude/index.js';
import { DEFAULT_LIMITS, type DecodeOutcome, type ReceiverRequest } from '../../receivers/types.js';
import { createAmplitudeExporter } from './index.js';

const rx = createAmplitudeReceiver();
const ROUTE = rx.route('POST', '/2/httpapi')!;

const RAW: Record<string, unknown>[] = [
  {
    event_type: 'Song Played',
    user_id: 'user-1',
    device_id: 'dev-1',
    insert_id: 'ins-1',
    time: 1767322800123,
    event_properties: { song: 'x', n: [1, 2] },
    user_properties: { $set: { plan: 'pro' } },
    groups: { org: 'acme' },
    ip: '198.51.100.20',
    os_name: 'iOS',
    os_version: '17',
    device_model: 'iPhone',
    device_brand: 'Apple',
    carrier: 'Docomo',
    language: 'ja-JP',
    country: 'JP',
    region: 'Tokyo',
    city: 'Chiyoda',
    dma: 'x',
    location_lat: 35.6,
    location_lng: 139.7,
    user_agent: 'UA/1',
    platform: 'iOS',
    session_id: 1767322800000,
    app_version: '2.1',
    event_id: 7,
    idfv: 'idfv-1',
    revenue: 9.5,
    library: 'amplitude-ts/2.0.0',
  },
  {
    event_type: 'Tagged',
    device_id: 'dev-2',
    insert_id: 'ins-2',
    time: 1767322800124,
    user_properties: { $add: { n: 1 }, $prepend: { tags: 'a' } },
    group_properties: { $set: { k: 1 } },
  },
  {
    event_type: '$identify',
    user_id: 'user-3',
    insert_id: 'ins-3',
    time: 1767322800125,
    user_properties: { $set: { name: 'N' } },
  },
  {
    event_type: '$groupidentify',
    device_id: 'dev-4',
    insert_id: 'ins-4',
    time: 1767322800126,
    groups: { org: 'acme' },
    group_properties: { $setOnce: { founded: 1999 } },
  },
];

function decode(body: unknown): Extract<DecodeOutcome, { kind: 'events' }> {
  const req: ReceiverRequest = {
    method: 'POST',
    path: '/2/httpapi',
    query: new URLSearchParams(),
    headers: { 'content-type': 'application/json' },
    body: Buffer.from(JSON.stringify(body)),
    clientIp: '192.0.2.1',
    receivedAt: 0,
  };
  const o = rx.decode(ROUTE, req, DEFAULT_LIMITS);
  assert.equal(o.kind, 'events');
  return o as Extract<DecodeOutcome, { kind: 'events' }>;
}

test('round trip: every Amplitude field survives decode → encode → decode', async () => {
  const v = await startFakeVendor({
    respond: () => ({ status: 200, body: '{"code":200,"events_ingested":4}' }),
  });
  try {
    const first = decode({ api_key: 'src', events: RAW });
    assert.deepEqual(first.rejected, []);
    const x = createAmplitudeExporter({ endpoint: v.url, credential: 'dst' });
    const r = await x.send(
      first.events.map((d) => d.event),
      new AbortController().signal,
    );
    assert.deepEqual(r, { kind: 'ok' });
    const sent = JSON.parse(v.requests[0]!.text) as { api_key: string; events: unknown[] };
    assert.equal(sent.api_key, 'dst');
    assert.deepEqual(sent.events, RAW, 'the vendor receives the same Amplitude events');
    const second = decode(sent);
    assert.deepEqual(
      second.events.map((d) => d.event),
      first.events.map((d) => d.event),
    );
  } finally {
    await v.close();
  }
});
