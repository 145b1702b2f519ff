/**
 * The `file` destination: appends minimized events to a local NDJSON file, one
 * `JSON.stringify(event)` per line. It is a final sink, so `ok` means "on disk": each batch is
 * one write followed by fsync before `send` resolves. The file is created with mode 0600 (it
 * holds minimized but still per-user data) inside a parent directory created with mode 0700.
 *
 * Failures: any open/write/fsync error (ENOSPC, EIO, EACCES …) is `retryable` — a full or
 * read-only disk is usually fixed by an operator, and the dispatcher's time budget bounds the
 * retries. After a failed write the file is truncated back to its size before the batch, so a
 * retry never leaves a torn line behind. Assumes Veil is the file's only writer.
 */
import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { CanonicalEvent } from '../../pipeline/event.js';
import type { BatchLimits, ExportResult, Exporter } from '../types.js';

/** Options of the file exporter. */
export interface FileExporterOptions {
  /** The NDJSON file to append to; its parent directories are created when missing. */
  readonly path: string;
}

/** Batching limits of the file destination. */
export const FILE_LIMITS: BatchLimits = { maxEvents: 1000, maxBytes: 8 * 1024 * 1024 };

function failure(step: string, e: unknown): ExportResult {
  // Only the errno code: a path or message could be long, and never holds event values anyway.
  const code = (e as NodeJS.ErrnoException).code ?? 'unknown error';
  return { kind: 'retryable', message: `file ${step} failed (${code})` };
}

async function openFile(path: string): Promise<FileHandle> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const fh = await open(path, 'a', 0o600);
  // `open` applies the mode only when it creates the file; tighten an existing regular file too
  // (never a device such as /dev/stdout).
  try {
    if ((await fh.stat()).isFile()) await fh.chmod(0o600);
  } catch {
    // Best effort: a file we may append to but not chmod is still usable.
  }
  return fh;
}

async function writeAll(fh: FileHandle, buf: Buffer): Promise<void> {
  let off = 0;
  while (off < buf.length) {
    const { bytesWritten } = await fh.write(buf, off, buf.length - off);
    off += bytesWritten;
  }
}

/** Create a file exporter. Sends are serialized; `close()` releases the file (a later send reopens it). */
export function createFileExporter(options: FileExporterOptions): Exporter {
  let handle: FileHandle | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  async function append(
    events: readonly CanonicalEvent[],
    signal: AbortSignal,
  ): Promise<ExportResult> {
    if (signal.aborted) return { kind: 'retryable', message: 'aborted (shutting down)' };
    if (events.length === 0) return { kind: 'ok' };
    let buf: Buffer;
    try {
      buf = Buffer.from(events.map((e) => JSON.stringify(e)).join('\n') + '\n', 'utf8');
    } catch {
      return { kind: 'permanent', message: 'an event cannot be encoded as JSON' };
    }
    try {
      handle ??= await openFile(options.path);
    } catch (e) {
      return failure('open', e);
    }
    const fh = handle;
    let size = 0;
    try {
      size = (await fh.stat()).size;
      await writeAll(fh, buf);
      await fh.sync();
      return { kind: 'ok' };
    } catch (e) {
      await fh.truncate(size).catch(() => undefined);
      return failure('write', e);
    }
  }

  return {
    type: 'file',
    limits: FILE_LIMITS,
    send(events, signal) {
      const result = queue.then(() => append(events, signal));
      queue = result.catch(() => undefined);
      return result;
    },
    async close() {
      await queue;
      const fh = handle;
      handle = undefined;
      await fh?.close().catch(() => undefined);
    },
  };
}
