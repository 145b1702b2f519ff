/**
 * A recording fake vendor for exporter and e2e tests: a `node:http` server on 127.0.0.1 (port 0)
 * that records every request and answers through a replaceable responder. `close()` ends
 * everything, including requests the responder left hanging.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

/** One request as the fake vendor received it. */
export interface RecordedRequest {
  readonly method: string;
  /** Path and query string, as sent (`/track?ip=0`). */
  readonly url: string;
  /** Path without the query string. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  /** Body bytes, gunzipped when the body was gzip (Content-Encoding or magic bytes). */
  readonly body: Buffer;
  /** The same body as UTF-8 text. */
  readonly text: string;
  /** True when the body arrived gzip-compressed. */
  readonly gzipped: boolean;
  /** Arrival time by the fake vendor's clock (Date.now unless `now` was given), ms. */
  readonly receivedAt: number;
}

/** An answer: status, headers, body; `'hang'` never answers (timeouts). */
export type FakeReply =
  | { readonly status: number; readonly headers?: Record<string, string>; readonly body?: string }
  | 'hang';

/** Decides the answer to each request; it may be async. A throw answers 500. */
export type Responder = (req: RecordedRequest) => FakeReply | Promise<FakeReply>;

/** A running fake vendor. */
export interface FakeVendor {
  /** Base URL without a trailing slash (`http://127.0.0.1:PORT`). */
  readonly url: string;
  /** Every request so far, in arrival order (recorded before the responder runs). */
  readonly requests: RecordedRequest[];
  /** Replace the responder for later requests. */
  setResponder(fn: Responder): void;
  /** Resolves once at least `count` requests were recorded. */
  waitFor(count: number): Promise<void>;
  /** Stop listening and destroy every connection (hanging ones too). Idempotent. */
  close(): Promise<void>;
}

/** Options of the fake vendor. */
export interface FakeVendorOptions {
  /** Default: 200 with body `{}`. */
  readonly respond?: Responder;
  /** Clock for `receivedAt` (inject the clock the code under test uses). */
  readonly now?: () => number;
}

const ok: Responder = () => ({
  status: 200,
  headers: { 'content-type': 'application/json' },
  body: '{}',
});

function decodeBody(raw: Buffer, headers: IncomingHttpHeaders): { body: Buffer; gzipped: boolean } {
  const gz = headers['content-encoding'] === 'gzip' || (raw[0] === 0x1f && raw[1] === 0x8b);
  if (!gz) return { body: raw, gzipped: false };
  try {
    return { body: gunzipSync(raw), gzipped: true };
  } catch {
    return { body: raw, gzipped: false };
  }
}

function answer(res: ServerResponse, reply: FakeReply): void {
  if (reply === 'hang') return;
  res.writeHead(reply.status, reply.headers ?? {});
  res.end(reply.body ?? '');
}

/** Start a fake vendor on 127.0.0.1 with an ephemeral port. */
export async function startFakeVendor(options: FakeVendorOptions = {}): Promise<FakeVendor> {
  let responder = options.respond ?? ok;
  const now = options.now ?? Date.now;
  const requests: RecordedRequest[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = req.url ?? '/';
      const u = new URL(url, 'http://127.0.0.1');
      const { body, gzipped } = decodeBody(Buffer.concat(chunks), req.headers);
      const rec: RecordedRequest = {
        method: req.method ?? 'GET',
        url,
        path: u.pathname,
        query: u.searchParams,
        headers: req.headers,
        body,
        text: body.toString('utf8'),
        gzipped,
        receivedAt: now(),
      };
      requests.push(rec);
      for (const w of waiters.splice(0)) {
        if (requests.length >= w.count) w.resolve();
        else waiters.push(w);
      }
      Promise.resolve()
        .then(() => responder(rec))
        .then(
          (reply) => answer(res, reply),
          () => answer(res, { status: 500, body: 'responder failed' }),
        );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    setResponder(fn) {
      responder = fn;
    },
    waitFor(count) {
      if (requests.length >= count) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
