/**
 * Body decoding shared by every receiver, each bounded: gzip detected by its magic bytes (or
 * Content-Encoding) and inflated with an output cap (gzip bombs), base64 with a strict alphabet,
 * urlencoded forms, JSON and NDJSON parsed and then checked for nesting depth and the number of
 * values (what minimizing a body costs in memory grows with it), with prototype-polluting keys
 * (`__proto__`, `constructor`, `prototype`) removed. Nothing here throws on bad input: every
 * function returns a value or a `BodyError`.
 */
import { gunzipSync, inflateSync } from 'node:zlib';
import type { IncomingHttpHeaders } from 'node:http';
import type { Limits, RejectCode } from './types.js';

/** A refusal with its reject code and a message that quotes no body content. */
export class BodyError {
  constructor(
    readonly error: RejectCode,
    readonly message: string,
  ) {}
}

/** True when `v` is a BodyError (a class instance, so parsed JSON can never pass for one). */
export function isBodyError(v: unknown): v is BodyError {
  return v instanceof BodyError;
}

function fail(error: RejectCode, message: string): BodyError {
  return new BodyError(error, message);
}

/** True when `buf` starts with the gzip magic bytes 1f 8b. */
export function isGzip(buf: Buffer): boolean {
  return buf.length >= 2 && buf[0] === 0x1f && buf[1] === 0x8b;
}

/**
 * The body bytes, inflated when gzip (magic bytes, or `Content-Encoding: gzip`) or deflate
 * (`Content-Encoding: deflate`), at most `limits.maxDecompressedBytes`.
 */
export function inflateBody(
  body: Buffer,
  headers: IncomingHttpHeaders,
  limits: Limits,
): Buffer | BodyError {
  const enc = String(headers['content-encoding'] ?? '')
    .toLowerCase()
    .trim();
  const opts = { maxOutputLength: limits.maxDecompressedBytes };
  try {
    if (isGzip(body) || enc === 'gzip' || enc === 'x-gzip') return gunzipSync(body, opts);
    if (enc === 'deflate') return inflateSync(body, opts);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError)
      return fail('too_large', `decompressed body exceeds ${limits.maxDecompressedBytes} bytes`);
    return fail('bad_gzip', 'the compressed body is truncated or corrupt');
  }
  if (enc !== '' && enc !== 'identity')
    return fail('bad_request', `unsupported Content-Encoding "${enc}"`);
  if (body.length > limits.maxDecompressedBytes)
    return fail('too_large', `body exceeds ${limits.maxDecompressedBytes} bytes`);
  return body;
}

const B64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

/** Decode standard or URL-safe base64 (whitespace ignored); `bad_base64` when not base64. */
export function decodeBase64(text: string): Buffer | BodyError {
  const s = text.replace(/\s+/g, '');
  if (s.length === 0 || !B64.test(s) || s.length % 4 === 1)
    return fail('bad_base64', 'the payload is not valid base64');
  return Buffer.from(s.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
}

/** Strict UTF-8 decode; `bad_request` on invalid sequences. */
export function utf8(buf: Buffer): string | BodyError {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return fail('bad_request', 'the body is not valid UTF-8');
  }
}

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Values a body may still hold (`left`) out of `max`: shared by the parts of one body (the lines
 * of NDJSON).
 */
export interface ValueBudget {
  left: number;
  readonly max: number;
}

/** A fresh budget of `limits.maxValues`. */
const valueBudget = (limits: Pick<Limits, 'maxValues'>): ValueBudget => ({
  left: limits.maxValues,
  max: limits.maxValues,
});

/**
 * Check nesting depth, take the value's values (itself, every object member and array element)
 * from `budget`, and strip prototype-polluting keys in place (JSON.parse makes them own data
 * properties, so they are inert until someone copies them with assignment; removing them here
 * means no later code can). Returns the number of keys removed, or a BodyError (`too_deep`, or
 * `too_large` when the budget runs out).
 */
export function sanitize(
  value: unknown,
  maxDepth: number,
  budget: ValueBudget = { left: Infinity, max: Infinity },
): number | BodyError {
  let removed = 0;
  const stack: { v: unknown; d: number }[] = [{ v: value, d: 1 }];
  const tooMany = () => fail('too_large', `more than ${budget.max} JSON values in one request`);
  if (--budget.left < 0) return tooMany();
  while (stack.length > 0) {
    const { v, d } = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (d > maxDepth) return fail('too_deep', `JSON nesting deeper than ${maxDepth}`);
    if (Array.isArray(v)) {
      if ((budget.left -= v.length) < 0) return tooMany();
      for (const x of v) if (typeof x === 'object' && x !== null) stack.push({ v: x, d: d + 1 });
      continue;
    }
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o);
    if ((budget.left -= keys.length) < 0) return tooMany();
    for (const k of keys) {
      if (FORBIDDEN.has(k)) {
        delete o[k];
        removed++;
        continue;
      }
      const x = o[k];
      if (typeof x === 'object' && x !== null) stack.push({ v: x, d: d + 1 });
    }
  }
  return removed;
}

/**
 * JSON.parse + sanitize; `bad_json` / `too_deep` / `too_large` on failure. `budget`: the values
 * the body may still hold (default: `limits.maxValues` for this text alone).
 */
export function parseJson(
  text: string,
  limits: Limits,
  budget: ValueBudget = valueBudget(limits),
): unknown {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return fail('bad_json', 'the body is not valid JSON');
  }
  const s = sanitize(v, limits.maxDepth, budget);
  return isBodyError(s) ? s : v;
}

/** NDJSON: one JSON value per non-empty line; the first bad line fails the whole body. */
export function parseNdjson(text: string, limits: Limits): unknown[] | BodyError {
  const out: unknown[] = [];
  const budget = valueBudget(limits);
  let line = 0;
  for (const raw of text.split('\n')) {
    line++;
    const t = raw.trim();
    if (t === '') continue;
    const v = parseJson(t, limits, budget);
    if (isBodyError(v)) return fail(v.error, `line ${line}: ${v.message}`);
    out.push(v);
  }
  return out;
}

/** An `application/x-www-form-urlencoded` body (`+` is a space). */
export function parseForm(text: string): URLSearchParams {
  return new URLSearchParams(text);
}

/** The media type of the request, lower-case, without parameters (`''` when absent). */
export function mediaType(headers: IncomingHttpHeaders): string {
  return String(headers['content-type'] ?? '')
    .split(';')[0]!
    .trim()
    .toLowerCase();
}

/**
 * The user name of an HTTP Basic `Authorization` header (write keys and project secrets travel
 * as the user name with an empty password), or undefined.
 */
export function basicUser(headers: IncomingHttpHeaders): string | undefined {
  const h = headers.authorization;
  if (typeof h !== 'string') return undefined;
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(h);
  if (!m) return undefined;
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  const user = i < 0 ? decoded : decoded.slice(0, i);
  return user === '' ? undefined : user;
}

/** An `Authorization: Bearer …` token, or undefined. */
export function bearer(headers: IncomingHttpHeaders): string | undefined {
  const h = headers.authorization;
  if (typeof h !== 'string') return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(h);
  return m ? m[1] : undefined;
}

/** True when `v` is a plain JSON object (not an array, not null). */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
