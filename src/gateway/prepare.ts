/**
 * What a request becomes before anything is committed: the vendor's decoder, token → source,
 * every destination's policy (fail closed). Plain data in and out, so it runs on the main thread
 * or, with policy workers, entirely inside one: the main thread then only reads the body, commits
 * the rows and answers, and never parses, validates or copies the events themselves.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type {
  Limits,
  Receiver,
  ReceiverRequest,
  RejectCode,
  Route,
  Vendor,
} from '../receivers/types.js';
import { minimizeEvents, type MinimizeResult, type PolicyStep } from './minimize.js';
import type { Observer } from './observe.js';
import { tokenKey, type SourceRuntime } from './runtime.js';

/** What preparing needs: the same on the main thread and in every policy worker. */
export interface PrepareEnv {
  readonly receivers: ReadonlyMap<string, Receiver>;
  /** Token table (`tokenKey` → source). */
  readonly sources: ReadonlyMap<string, SourceRuntime>;
  /** Every destination's compiled policy step, by name. */
  readonly steps: ReadonlyMap<string, PolicyStep>;
  readonly limits: Limits;
}

/** What the gateway knows at the moment a request is prepared. */
export interface PrepareState {
  /** Destinations cut now: they get nothing (counted as `destination_cut`). */
  readonly cut: readonly string[];
  /**
   * Rows the outbox can still take (its high-water mark less what it holds). A request whose
   * events × destinations could pass it is refused as `overloaded` once the token is known good,
   * before any policy runs or anything is observed (a policy that drops events would have made
   * fewer rows: the SDK sends them again when there is room).
   */
  readonly room: number;
  /** Aggregates what the policy did (inventory and ledger); absent: nothing is observed. */
  readonly observer?: Observer;
}

/** A prepared request. */
export type Prepared =
  | { readonly kind: 'refuse'; readonly code: RejectCode; readonly message: string }
  /** Flags or session replay from a known source (`token` names it). */
  | { readonly kind: 'side'; readonly token: string; readonly distinctId?: string }
  | {
      readonly kind: 'events';
      /** The source's name. */
      readonly source: string;
      /** Events decoded (the count the vendor's success answer reports). */
      readonly accepted: number;
      /** Events that could not become canonical events (`invalid_event`). */
      readonly rejected: number;
      /** `[destination, events]` withheld because the destination is cut. */
      readonly cut: [string, number][];
      readonly result: MinimizeResult;
    };

/**
 * Preparing a request threw: a fault in decoding or the policy run that the same bytes would meet
 * again (a decoder bug, a value that exhausts the stack; a failing step or observer is caught per
 * event and never gets here). The SDK is answered "bad request" so it drops the batch instead of
 * retrying it forever; nothing was acknowledged or committed. `thrown` is the thrown error's
 * class name only (messages can quote values).
 */
export class PrepareThrew extends Error {
  constructor(readonly thrown: string) {
    super(`preparing the request threw ${thrown}`);
    this.name = 'PrepareThrew';
  }
}

/**
 * Preparing the request ended a policy worker, and then ended a fresh worker where it was
 * prepared alone: it needs more than a worker may use (`server.policy_worker_max_heap_mb`), so
 * the same bytes would end every worker they reach. The SDK is answered "too large" so it drops
 * (or, Mixpanel's browser SDK, halves) the batch instead of resending it forever; nothing was
 * acknowledged or committed.
 */
export class PrepareKilledWorker extends Error {
  constructor() {
    super('preparing the request ended a policy worker, alone');
    this.name = 'PrepareKilledWorker';
  }
}

/** `prepare`, with anything it throws turned into a `PrepareThrew`. */
export function prepareOrThrow(...args: Parameters<typeof prepare>): Prepared {
  try {
    return prepare(...args);
  } catch (e) {
    throw new PrepareThrew(thrownName(e));
  }
}

/** The class name of a thrown value, never its message. */
export function thrownName(e: unknown): string {
  return e instanceof Error ? e.name : typeof e;
}

/** Decode `req` on `route`, check its token, minimize its events for the source's destinations. */
export function prepare(
  env: PrepareEnv,
  receiver: Receiver,
  route: Route,
  req: ReceiverRequest,
  state: PrepareState,
): Prepared {
  const out = receiver.decode(route, req, env.limits);
  if (out.kind === 'error') return { kind: 'refuse', code: out.code, message: out.message };
  const source =
    out.token === undefined ? undefined : env.sources.get(tokenKey(receiver.vendor, out.token));
  if (source === undefined || out.token === undefined)
    return {
      kind: 'refuse',
      code: 'unauthorized',
      message: out.token === undefined ? 'no token' : 'unknown token',
    };
  if (out.kind === 'side')
    return {
      kind: 'side',
      token: out.token,
      ...(out.distinctId !== undefined && { distinctId: out.distinctId }),
    };
  const events = out.events.map((d) => d.event);
  const targets: string[] = [];
  const cut: [string, number][] = [];
  for (const name of source.destinations) {
    if (!env.steps.has(name)) continue;
    if (state.cut.includes(name)) {
      if (events.length > 0) cut.push([name, events.length]);
    } else targets.push(name);
  }
  // What would be committed cannot be: refused before the policies run, so a request the SDK
  // will send again is neither minimized nor counted in the inventory and the ledger twice.
  if (targets.length > 0 && events.length * targets.length > state.room)
    return { kind: 'refuse', code: 'overloaded', message: 'outbox full' };
  const observe = state.observer && {
    source: source.name,
    now: req.receivedAt,
    observer: state.observer,
  };
  return {
    kind: 'events',
    source: source.name,
    accepted: events.length,
    rejected: out.rejected.length,
    cut,
    result:
      targets.length === 0 || events.length === 0
        ? { rows: [], dropped: [], findings: [] }
        : minimizeEvents(env.steps, targets, events, observe),
  };
}

/** A request as it crosses to a policy worker: plain data only (the query as a string). */
export interface WireRequest {
  readonly vendor: Vendor;
  readonly route: Route;
  readonly method: string;
  readonly path: string;
  /** `URLSearchParams.toString()` of the query. */
  readonly query: string;
  readonly headers: IncomingHttpHeaders;
  /** The body's bytes (structured clone turns a Buffer into a Uint8Array). */
  readonly body: Uint8Array;
  readonly clientIp: string;
  readonly receivedAt: number;
  readonly cut: readonly string[];
  /** `PrepareState.room`. */
  readonly room: number;
  /** Observe what the policy does (the worker's own observer)? */
  readonly observe: boolean;
}

/** `req` on `route` as a worker message. */
export function toWire(
  vendor: Vendor,
  route: Route,
  req: ReceiverRequest,
  state: Pick<PrepareState, 'cut' | 'room'>,
  observe: boolean,
): WireRequest {
  return {
    vendor,
    route,
    method: req.method,
    path: req.path,
    query: req.query.toString(),
    headers: req.headers,
    // A small body can be a view into Node's shared buffer pool; cloning the view would copy
    // the whole pool, so such a body is copied out first.
    body: req.body.byteLength === req.body.buffer.byteLength ? req.body : new Uint8Array(req.body),
    clientIp: req.clientIp,
    receivedAt: req.receivedAt,
    cut: state.cut,
    room: state.room,
    observe,
  };
}

/** Prepare a request received as a worker message. */
export function prepareWire(env: PrepareEnv, w: WireRequest, observer?: Observer): Prepared {
  const receiver = env.receivers.get(w.vendor);
  if (receiver === undefined)
    return { kind: 'refuse', code: 'not_found', message: `no receiver for ${w.vendor}` };
  const req: ReceiverRequest = {
    method: w.method,
    path: w.path,
    query: new URLSearchParams(w.query),
    headers: w.headers,
    body: Buffer.from(w.body.buffer, w.body.byteOffset, w.body.byteLength),
    clientIp: w.clientIp,
    receivedAt: w.receivedAt,
  };
  return prepare(env, receiver, w.route, req, {
    cut: w.cut,
    room: w.room,
    ...(w.observe && observer && { observer }),
  });
}
