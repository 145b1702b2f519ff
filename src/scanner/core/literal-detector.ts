/**
 * The detector the scanner runs on string literals (field names off: a literal's key is source
 * code, not a field). One instance per process, shared by every part of the scanner: the engine's
 * hot loop is compiled for the detectors that exist, and it runs fastest when there is one
 * (docs/performance.md, "One detector per process").
 */
import { createDetector } from '../../engine/detect.js';

export const literalDetector = createDetector({ fieldNames: false });
