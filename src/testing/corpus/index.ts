/**
 * The labelled analytics corpus: a seeded generator of Segment/Mixpanel/PostHog/Amplitude-shaped
 * events with planted personal data, secrets and hard negatives, and a scorer for detector output.
 */
export { generateCorpus, type CorpusOptions } from './generate.js';
export {
  scoreFindings,
  isEquivalentKind,
  KIND_ALIASES,
  type Score,
  type KindScore,
  type Scored,
  type ScoreOptions,
} from './score.js';
export { STRUCTURED_KINDS } from './sources.js';
export { NEGATIVE_KINDS } from './negatives.js';
export {
  POSITIONS,
  type Corpus,
  type FamilyInfo,
  type Negative,
  type NegativeKind,
  type Planted,
  type Position,
  type Split,
} from './types.js';
export { isIbanValid, isLuhnValid, isMyNumberValid } from './checksums.js';
