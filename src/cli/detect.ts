/** `veil detect [FILE|-]`: NDJSON in, one finding per line out (see the CLI contract). */
import type { Readable, Writable } from 'node:stream';
import { createDetector } from '../engine/detect.js';
import { isUnderAny } from '../engine/categories.js';
import type { Category } from '../engine/types.js';
import { openInput, readNdjson } from './ndjson.js';

/** Options of `veil detect`. */
export interface DetectCommandOptions {
  readonly failOn?: readonly Category[];
  readonly minConfidence?: number;
  readonly maxScanLength?: number;
}

/** Streams the command reads and writes (injected so tests can run it in-process). */
export interface Io {
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: Writable;
}

/**
 * Run detection over each line of `file` (or stdin) and write findings as NDJSON to stdout.
 * Returns the exit code: 2 if any line was not JSON, else 1 if `failOn` matched, else 0.
 */
export async function runDetect(
  file: string | undefined,
  opts: DetectCommandOptions,
  io: Io,
): Promise<number> {
  const detector = createDetector({
    ...(opts.minConfidence !== undefined ? { minConfidence: opts.minConfidence } : {}),
    ...(opts.maxScanLength !== undefined ? { maxScanLength: opts.maxScanLength } : {}),
  });
  let badLines = 0;
  let failing = 0;
  const input = await openInput(file, io.stdin);
  for await (const rec of readNdjson(input)) {
    if ('error' in rec) {
      badLines++;
      io.stderr.write(
        `veil detect: line ${rec.line}: invalid JSON (VEIL_E_INPUT_JSON): ${rec.error}\n`,
      );
      continue;
    }
    for (const f of detector(rec.value)) {
      const { path, kind, category, start, end, confidence, source, encoding, innerPath } = f;
      const out = {
        line: rec.line,
        path,
        kind,
        category,
        start,
        end,
        confidence,
        source,
        ...(encoding ? { encoding } : {}),
        ...(innerPath ? { innerPath } : {}),
      };
      if (!io.stdout.write(JSON.stringify(out) + '\n'))
        await new Promise((r) => io.stdout.once('drain', r));
      if (opts.failOn && isUnderAny(category, opts.failOn)) failing++;
    }
  }
  if (badLines > 0) {
    io.stderr.write(`veil detect: ${badLines} line(s) were not valid JSON\n`);
    return 2;
  }
  if (failing > 0) {
    io.stderr.write(`veil detect: ${failing} finding(s) in --fail-on categories\n`);
    return 1;
  }
  return 0;
}
