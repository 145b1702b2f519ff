#!/usr/bin/env node
// Entry point of the `veil` command; the code lives in dist/ (built by `npm ci` via `prepare`).
import { main } from '../dist/cli/main.js';

const code = await main(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
});
process.exitCode = code;
