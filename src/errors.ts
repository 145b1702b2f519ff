/**
 * One catalogue of Veil's error codes. Codes are stable: scripts, logs and docs/errors.md refer
 * to them. A test keeps this file and docs/errors.md in sync.
 */

/** Every error code with the process exit code it maps to and a one-line meaning. */
export const ERROR_CODES = {
  VEIL_E_USAGE: {
    exit: 2,
    summary: 'The command line is wrong: unknown option, missing argument, bad value.',
  },
  VEIL_E_CONFIG_INVALID: {
    exit: 2,
    summary: 'The configuration does not validate; every problem is listed by its dotted path.',
  },
  VEIL_E_INPUT_READ: { exit: 2, summary: 'An input file could not be read.' },
  VEIL_E_INPUT_JSON: { exit: 2, summary: 'A line of NDJSON input is not valid JSON.' },
  VEIL_E_UNKNOWN_CATEGORY: {
    exit: 2,
    summary: 'A category name given on the command line or in config is not in the taxonomy.',
  },
  VEIL_E_KEY_INVALID: {
    exit: 2,
    summary: 'The master key is missing, too short or not hex/base64 (its value is never printed).',
  },
  VEIL_E_INTERNAL: {
    exit: 70,
    summary: 'A bug in Veil: an unexpected exception. Please report it with the log line.',
  },
} as const satisfies Record<string, { exit: number; summary: string }>;

/** A stable error code. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** An expected error with a stable code; `problems` lists details (e.g. dotted config paths). */
export class VeilError extends Error {
  readonly code: ErrorCode;
  readonly problems: readonly string[];
  constructor(code: ErrorCode, message: string, problems: readonly string[] = []) {
    super(message);
    this.name = 'VeilError';
    this.code = code;
    this.problems = problems;
  }
  /** Process exit code for this error. */
  get exitCode(): number {
    return ERROR_CODES[this.code].exit;
  }
}
