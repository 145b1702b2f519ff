/**
 * The real `mixpanel` (node) SDK against a local recording server that decodes with this
 * receiver and answers with its `accepted()` answer: the captured requests must decode to the
 * expected canonical events, and the SDK's callback must report success. `/import` with a
 * project secret needs HTTPS in the SDK, so that server uses a self-signed test certificate
 * (127.0.0.1 only) and the test adds it as a trusted CA to `https.request`.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import Mixpanel from 'mixpanel';
import { DEFAULT_LIMITS, type DecodeOutcome, type ReceiverRequest } from '../types.js';
import { createMixpanelReceiver } from './index.js';

const KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQggyPcOPVzILm1tAcd
HFIPsuAQXm3elw60oXuPd9QHBt+hRANCAAQondssD3bKER0MX1OJWeQTtfr0o/vV
GUU72EiGk54FDxjclJSmVxVwZbvrnVzvAAICu5t3/tlaR5P7j3Ch8Owd
-----END PRIVATE KEY-----`;
const CERT = `-----BEGIN CERTIFICATE-----
MIIBkTCCATagAwIBAgIUMggUWDPl1qGekQnNDOoFXyPxqUIwCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJMTI3LjAuMC4xMCAXDTI2MTEyMjIwMTMyNFoYDzIxMjYxMDI5
MjAxMzI0WjAUMRIwEAYDVQQDDAkxMjcuMC4wLjEwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAAQondssD3bKER0MX1OJWeQTtfr0o/vVGUU72EiGk54FDxjclJSmVxVw
ZbvrnVzvAAICu5t3/tlaR5P7j3Ch8Owdo2QwYjAdBgNVHQ4EFgQUlVSq7JO7kxcj
dj03urk9ZlODqjcwHwYDVR0jBBgwFoAUlVSq7JO7kxcjdj03urk9ZlODqjcwDwYD
VR0TAQH/BAUwAwEB/zAPBgNVHREECDAGhwR/AAABMAoGCCqGSM49BAMCA0kAMEYC
IQDj1vo/NO8XRQllbsLxne45/TIC2oX/4EBww4/MLRzG5gIhAP+azIlVoh4IzIGq
3StsetzATG4Tke06kHDKe/bikIMT
-----END CERTIFICATE-----`;

const rx = createMixpanelReceiver();
const TOKEN = 'node-sdk-token';

interface Seen {
  readonly method: string;
  readonly url: string;
  readonly outcome: DecodeOutcome;
}

/** A tiny host: strip `/mixpanel`, route, decode, answer accepted() or refused(). */
function handler(seen: Seen[]): http.RequestListener {
  return (msg, res) => {
    const chunks: Buffer[] = [];
    msg.on('data', (c: Buffer) => chunks.push(c));
    msg.on('end', () => {
      const url = new URL(msg.url ?? '/', 'http://x');
      const path = url.pathname.replace(/^\/mixpanel/, '');
      const req: ReceiverRequest = {
        method: msg.method ?? 'GET',
        path,
        query: url.searchParams,
        headers: msg.headers,
        body: Buffer.concat(chunks),
        clientIp: '127.0.0.1',
        receivedAt: Date.now(),
      };
      const route = rx.route(req.method, path);
      const outcome: DecodeOutcome = route
        ? rx.decode(route, req, DEFAULT_LIMITS)
        : { kind: 'error', code: 'not_found', message: 'no route' };
      seen.push({ method: req.method, url: msg.url ?? '', outcome });
      const answer =
        route && outcome.kind === 'events'
          ? rx.accepted(route, req, outcome.events.length)
          : rx.refused(
              route,
              req,
              outcome.kind === 'error' ? outcome.code : 'bad_request',
              'refused',
            );
      res.writeHead(answer.status, answer.headers).end(answer.body);
    });
  };
}

function listen(server: http.Server | https.Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );
}

const call = (fn: (cb: (err?: unknown) => void) => void) =>
  new Promise<unknown>((resolve) => fn((err) => resolve(err)));

function only(seen: Seen[]) {
  assert.equal(seen.length, 1, 'one request');
  const o = seen[0]!.outcome;
  assert.equal(o.kind, 'events', JSON.stringify(o));
  return o.kind === 'events' ? o : assert.fail();
}

describe('mixpanel (node) SDK against the receiver', () => {
  const seen: Seen[] = [];
  const server = http.createServer(handler(seen));
  const tls = https.createServer({ key: KEY, cert: CERT }, handler(seen));
  let port = 0;
  let tlsPort = 0;
  const realRequest = https.request;
  before(async () => {
    port = await listen(server);
    tlsPort = await listen(tls);
    https.request = ((...args: Parameters<typeof https.request>) => {
      const [opts] = args;
      if (typeof opts === 'object' && !(opts instanceof URL)) Object.assign(opts, { ca: CERT });
      return realRequest(...args);
    }) as typeof https.request;
  });
  after(() => {
    https.request = realRequest;
    server.closeAllConnections();
    tls.closeAllConnections();
    server.close();
    tls.close();
  });
  const client = (verbose: boolean) =>
    Mixpanel.init(TOKEN, {
      host: `127.0.0.1:${port}`,
      protocol: 'http',
      path: '/mixpanel',
      verbose,
      keepAlive: false,
    });

  it('track (GET data=) decodes and the SDK reports success, plain and verbose', async () => {
    for (const verbose of [false, true]) {
      seen.length = 0;
      const mp = client(verbose);
      const err = await call((cb) =>
        mp.track(
          'Clicked',
          { distinct_id: 'user-1', $insert_id: 'ins-1', time: 1_700_000_000_000, color: 'red' },
          cb,
        ),
      );
      assert.equal(err, undefined, `verbose=${verbose}: ${String(err)}`);
      const o = only(seen);
      assert.equal(seen[0]!.method, 'GET');
      assert.match(seen[0]!.url, /^\/mixpanel\/track\?/);
      assert.equal(o.token, TOKEN);
      const e = o.events[0]!.event;
      assert.equal(e.event, 'Clicked');
      assert.equal(e.userId, 'user-1');
      assert.equal(e.messageId, 'ins-1');
      assert.equal(e.timestamp, new Date(1_700_000_000_000).toISOString());
      assert.equal((e.context?.library as { name?: string }).name, 'node');
      assert.equal(e.context?.ip, undefined, 'geolocate off → ip=0');
      assert.deepEqual(e.properties, { color: 'red' });
    }
  });

  it('track_batch (POST form data=base64) decodes every event', async () => {
    seen.length = 0;
    const mp = client(true);
    const list = Array.from({ length: 3 }, (_, i) => ({
      event: `e${i}`,
      properties: { distinct_id: `u${i}`, time: 1_700_000_000 + i },
    }));
    const err = await call((cb) => mp.track_batch(list, cb));
    assert.equal(err ?? undefined, undefined);
    const o = only(seen);
    assert.equal(seen[0]!.method, 'POST');
    assert.deepEqual(
      o.events.map((d) => d.event.event),
      ['e0', 'e1', 'e2'],
    );
    assert.equal(o.events[2]!.event.timestamp, new Date(1_700_000_002_000).toISOString());
  });

  it('people.set / set_once / unset and groups.set decode to profile events', async () => {
    seen.length = 0;
    const mp = client(false);
    assert.equal(
      await call((cb) =>
        mp.people.set('user-1', { $email: 'a@example.com', ip: '198.51.100.4' }, cb),
      ),
      undefined,
    );
    assert.equal(await call((cb) => mp.people.set_once('user-1', 'first', 'x', cb)), undefined);
    assert.equal(await call((cb) => mp.people.unset('user-1', ['old'], cb)), undefined);
    assert.equal(
      await call((cb) => mp.groups.set('company', 'acme', { plan: 'pro' }, cb)),
      undefined,
    );
    const evs = seen.map((s) =>
      s.outcome.kind === 'events' ? s.outcome.events[0]!.event : assert.fail(),
    );
    assert.deepEqual(
      evs.map((e) => [e.type, e.operation]),
      [
        ['identify', '$set'],
        ['identify', '$set_once'],
        ['identify', '$unset'],
        ['group', '$set'],
      ],
    );
    assert.equal(evs[0]!.userId, 'user-1');
    assert.deepEqual(evs[0]!.traits, { $email: 'a@example.com' });
    assert.equal(evs[0]!.context?.ip, '198.51.100.4');
    assert.deepEqual(evs[2]!.traits, { old: null });
    assert.equal(evs[3]!.groupType, 'company');
    assert.equal(evs[3]!.groupId, 'acme');
    for (const s of seen) assert.equal(s.outcome.kind === 'events' && s.outcome.token, TOKEN);
  });

  it('import with a project secret (Basic auth over HTTPS) returns the secret as token', async () => {
    seen.length = 0;
    const mp = Mixpanel.init(TOKEN, {
      host: `127.0.0.1:${tlsPort}`,
      protocol: 'https',
      path: '/mixpanel',
      secret: 'project-secret-1',
      keepAlive: false,
      logger: { trace() {}, debug() {}, info() {}, warn() {}, error() {} },
    });
    const err = await call((cb) =>
      mp.import('Old', new Date(1_600_000_000_000), { distinct_id: 'u9' }, cb),
    );
    assert.equal(err, undefined, String(err));
    const o = only(seen);
    assert.equal(o.token, 'project-secret-1');
    const e = o.events[0]!.event;
    assert.equal(e.event, 'Old');
    assert.equal(e.timestamp, new Date(1_600_000_000_000).toISOString());
    assert.equal(e.properties?.token, undefined, 'the project token is removed');
  });
});
