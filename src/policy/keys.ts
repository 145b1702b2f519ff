/**
 * The master key and the keys derived from it. One master key (32+ random bytes) yields, via
 * HKDF-SHA-256, a distinct key per purpose, destination and key version, so two vendors never
 * share a pseudonym and rotating a version changes every pseudonym of that destination.
 *
 * The master key never leaves this module in printable form: `MasterKey` renders as
 * `[redacted]` in logs, JSON, `util.inspect` and error messages.
 */
import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { VeilError } from '../errors.js';

/** Minimum master key length in bytes. */
export const MASTER_KEY_BYTES = 32;
/** File name of the master key inside the data directory. */
export const MASTER_KEY_FILE = 'master.key';

const secrets = new WeakMap<MasterKey, Buffer>();

/** An opaque master key. Its bytes are reachable only through `deriveKey`. */
export class MasterKey {
  /** Where the key came from (never the key itself). */
  readonly origin: 'env' | 'file' | 'ephemeral' | 'given';
  constructor(bytes: Buffer, origin: MasterKey['origin']) {
    if (bytes.length < MASTER_KEY_BYTES) {
      throw new VeilError(
        'VEIL_E_KEY_INVALID',
        `the master key must be at least ${MASTER_KEY_BYTES} bytes (it has ${bytes.length})`,
      );
    }
    secrets.set(this, Buffer.from(bytes));
    this.origin = origin;
  }
  toString(): string {
    return '[redacted]';
  }
  toJSON(): string {
    return '[redacted]';
  }
  [inspect.custom](): string {
    return `MasterKey([redacted], origin=${this.origin})`;
  }
}

/** Parse `VEIL_MASTER_KEY`: base64, base64url or hex of at least 32 bytes. */
export function parseMasterKey(text: string, origin: MasterKey['origin']): MasterKey {
  const t = text.trim();
  const bytes = /^[0-9a-fA-F]{64,}$/.test(t)
    ? Buffer.from(t, 'hex')
    : Buffer.from(t, t.includes('-') || t.includes('_') ? 'base64url' : 'base64');
  if (bytes.length < MASTER_KEY_BYTES) {
    // The message names the form, never the value.
    throw new VeilError(
      'VEIL_E_KEY_INVALID',
      `the master key from ${origin} must encode at least ${MASTER_KEY_BYTES} bytes as hex or base64`,
    );
  }
  return new MasterKey(bytes, origin);
}

/** A fresh random key that lives only in this process. */
export function ephemeralMasterKey(): MasterKey {
  return new MasterKey(randomBytes(MASTER_KEY_BYTES), 'ephemeral');
}

/** How to obtain the master key. */
export interface KeySource {
  /** `process.env` or a stand-in. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Directory of the key file; undefined: no file. */
  readonly dataDir?: string;
  /** Create the key file (mode 0600) when it does not exist (the gateway does; `veil check` does not). */
  readonly create: boolean;
}

/**
 * The master key from `VEIL_MASTER_KEY`, else from `<dataDir>/master.key`, else (with `create`)
 * a new random key written there with mode 0600 (exclusive create, so two processes never
 * overwrite each other), else an ephemeral key. Returns undefined only for "ephemeral needed".
 */
export function loadMasterKey(source: KeySource): MasterKey | undefined {
  const fromEnv = source.env.VEIL_MASTER_KEY;
  if (fromEnv !== undefined && fromEnv !== '') return parseMasterKey(fromEnv, 'env');
  if (source.dataDir === undefined) return undefined;
  const file = join(source.dataDir, MASTER_KEY_FILE);
  try {
    return parseMasterKey(readFileSync(file, 'utf8'), 'file');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  if (!source.create) return undefined;
  mkdirSync(source.dataDir, { recursive: true, mode: 0o700 });
  const bytes = randomBytes(MASTER_KEY_BYTES);
  try {
    const fd = openSync(file, 'wx', 0o600);
    writeSync(fd, bytes.toString('base64') + '\n');
    closeSync(fd);
    return new MasterKey(bytes, 'file');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST')
      return parseMasterKey(readFileSync(file, 'utf8'), 'file');
    throw e;
  }
}

/**
 * Derive a 32-byte key for `purpose` (e.g. `pseudonym`, `ledger`), `scope` (a destination name)
 * and `version`. Deterministic; distinct inputs give independent keys.
 */
export function deriveKey(
  master: MasterKey,
  purpose: string,
  scope: string,
  version: number,
): Buffer {
  const ikm = secrets.get(master);
  if (ikm === undefined) throw new VeilError('VEIL_E_KEY_INVALID', 'not a master key');
  const info = Buffer.from(`veil/${purpose}/${scope.length}:${scope}/v${version}`, 'utf8');
  return Buffer.from(hkdfSync('sha256', ikm, Buffer.from('veil.hkdf.v1'), info, 32));
}

/** HMAC-SHA-256 of `input` under `key`. */
export function hmac(key: Buffer, input: string): Buffer {
  return createHmac('sha256', key).update(input, 'utf8').digest();
}
