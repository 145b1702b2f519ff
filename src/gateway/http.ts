/**
 * HTTP plumbing for the gateway: bounded body reading, the client address, CORS and writing a
 * WireResponse. Nothing here looks at event content.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WireResponse } from '../receivers/types.js';

/** A body over the limit: the caller answers 413 and closes the connection. */
export const TOO_LARGE = Symbol('too_large');

/** The bodies held at once would pass their bound: the caller answers "retry later" and closes. */
export const TOO_BUSY = Symbol('too_busy');

/**
 * Bytes of request bodies held at once (being read, or read and not yet answered), bounded: a
 * client that opens many connections and sends large bodies slowly cannot make the gateway
 * hold more than `max` bytes; past it, requests get "retry later".
 */
export interface BodyBudget {
  /** Reserve `n` bytes; false (nothing reserved) when that would pass the bound. */
  take(n: number): boolean;
  /** Give back `n` reserved bytes. */
  release(n: number): void;
}

/** A budget of `max` bytes. */
export function createBodyBudget(max: number): BodyBudget {
  let held = 0;
  return {
    take(n) {
      if (held + n > max) return false;
      held += n;
      return true;
    },
    release(n) {
      held -= n;
    },
  };
}

/**
 * Read the request body, at most `max` bytes, each chunk reserved from `budget` as it arrives.
 * Resolves to TOO_LARGE as soon as the limit is crossed (a declared Content-Length over it is
 * refused before reading), to TOO_BUSY when the budget runs out, or to undefined when the
 * client aborted. What was reserved is added to `reserved.bytes` and stays reserved, whatever the
 * outcome, until the caller releases it; nothing is reserved for a body refused before reading.
 */
export function readBody(
  req: IncomingMessage,
  max: number,
  budget: BodyBudget,
  reserved: { bytes: number },
): Promise<Buffer | typeof TOO_LARGE | typeof TOO_BUSY | undefined> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > max) return Promise.resolve(TOO_LARGE);
  return new Promise((resolve) => {
    const parts: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (v: Buffer | typeof TOO_LARGE | typeof TOO_BUSY | undefined) => {
      if (done) return;
      done = true;
      req.removeAllListeners('data');
      resolve(v);
    };
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) {
        finish(TOO_LARGE);
        req.pause();
        return;
      }
      if (!budget.take(c.length)) {
        finish(TOO_BUSY);
        req.pause();
        return;
      }
      reserved.bytes += c.length;
      parts.push(c);
    });
    req.on('end', () => finish(Buffer.concat(parts, size)));
    req.on('error', () => finish(undefined));
    req.on('aborted', () => finish(undefined));
  });
}

/** The client's address: the socket peer, or the first X-Forwarded-For hop when trusted. */
export function clientIp(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const xff = req.headers['x-forwarded-for'];
    const first = (Array.isArray(xff) ? xff[0] : xff)?.split(',')[0]?.trim();
    if (first) return first;
  }
  const a = req.socket.remoteAddress ?? '';
  return a.startsWith('::ffff:') ? a.slice(7) : a;
}

/** CORS headers for a browser SDK request from `origin`, or none when it is not allowed. */
export function corsHeaders(
  origin: string | undefined,
  allowed: readonly string[],
): Record<string, string> {
  if (origin === undefined || !(allowed.includes('*') || allowed.includes(origin))) return {};
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-credentials': 'true',
    vary: 'Origin',
  };
}

/** Preflight answer headers (methods, the requested headers echoed, a day's cache). */
export function preflightHeaders(req: IncomingMessage): Record<string, string> {
  const asked = req.headers['access-control-request-headers'];
  return {
    'access-control-allow-methods': 'GET, POST, OPTIONS',
    'access-control-allow-headers':
      typeof asked === 'string' && /^[\w\-, ]{1,1024}$/.test(asked) ? asked : 'Content-Type',
    'access-control-max-age': '86400',
  };
}

/** Write `r` with `extra` headers; closes the connection when `close`. */
export function send(
  res: ServerResponse,
  r: WireResponse,
  extra: Record<string, string> = {},
  close = false,
): void {
  if (res.headersSent || res.destroyed) return;
  const headers: Record<string, string | number> = { ...r.headers, ...extra };
  headers['content-length'] = Buffer.byteLength(r.body);
  if (close) headers.connection = 'close';
  res.writeHead(r.status, headers);
  res.end(r.body);
}

/** A JSON answer. */
export function json(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): WireResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  };
}
