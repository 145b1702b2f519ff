// The fail-closed work budget must never cut ordinary analytics data: over the generated
// corpus (every planted kind, encodings, hard negatives) no value is reported `unscanned`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDetector } from './detect.js';
import { generateCorpus } from '../testing/corpus/index.js';

test('no value of the generated corpus exhausts the scan budget', () => {
  const detector = createDetector();
  for (const split of ['tune', 'eval'] as const) {
    const { events } = generateCorpus({ seed: 7, events: 1500, split });
    const cut = events.flatMap((e) => detector(e)).filter((f) => f.kind === 'unscanned');
    assert.deepEqual(cut, [], `${split}: ${cut.length} values cut`);
  }
});
