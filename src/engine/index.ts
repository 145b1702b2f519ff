/** Public API of the detection engine. */
export { createDetector, detect, DEFAULT_MAX_DEPTH, DEFAULT_MAX_SCAN_LENGTH } from './detect.js';
export type { DetectOptions, Detector } from './detect.js';
export { allRules, piiRules, secretRules } from './rules/index.js';
export { createScanner } from './scanner.js';
export type { Match, Scanner } from './scanner.js';
export { CATEGORIES, isUnder, isUnderAny } from './categories.js';
export { formatPath } from './path.js';
export type { Category, Encoding, Example, Finding, Hit, Rule, ScanContext } from './types.js';
