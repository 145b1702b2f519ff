/**
 * Test helper: a local recording server that answers like Veil's host would, using the PostHog
 * receiver's answers (or a forced status), after stripping the `/posthog` prefix.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_LIMITS, type DecodeOutcome, type WireResponse } from '../types.js';
import { createPosthogReceiver } from './index.js';
import { RECEIVED_AT } from './test-request.js';

/** One request as received. */
export interface Recorded {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/** A running recording server. */
export interface Recorder {
  readonly url: string;
  readonly requests: Recorded[];
  /** Decode a recorded request with the receiver, as the host would. */
  decode(r: Recorded): DecodeOutcome;
  close(): Promise<void>;
}

const PREFIX = '/posthog';

/** Start on 127.0.0.1:0; `force` replaces the receiver's answer to capture routes. */
export async function startRecorder(force?: WireResponse): Promise<Recorder> {
  const receiver = createPosthogReceiver();
  const requests: Recorded[] = [];
  const toReq = (r: Recorded) => ({ ...r, clientIp: '127.0.0.1', receivedAt: RECEIVED_AT });
  const answer = (r: Recorded): WireResponse => {
    const route = receiver.route(r.method, r.path);
    if (!route) return receiver.refused(undefined, toReq(r), 'not_found', 'no such route');
    if (route.kind === 'flags') return receiver.flags(route, toReq(r));
    if (route.kind === 'replay') return receiver.replayRefused(route, toReq(r));
    return force ?? receiver.accepted(route, toReq(r), 1);
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://127.0.0.1');
      const path = u.pathname.startsWith(PREFIX) ? u.pathname.slice(PREFIX.length) : u.pathname;
      const r = { method: req.method ?? 'GET', path, query: u.searchParams, headers: req.headers };
      const rec: Recorded = { ...r, body: Buffer.concat(chunks) };
      requests.push(rec);
      const a = answer(rec);
      res.writeHead(a.status, a.headers).end(a.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${PREFIX}`,
    requests,
    decode(r) {
      const req = toReq(r);
      const route = receiver.route(r.method, r.path);
      if (!route) throw new Error(`no route for ${r.path}`);
      return receiver.decode(route, req, DEFAULT_LIMITS);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
