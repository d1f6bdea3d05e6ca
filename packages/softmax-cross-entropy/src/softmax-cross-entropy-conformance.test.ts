import { assertConformance, checkLossConformance } from '@bpnet/core/testing';
import { expect, it } from 'vitest';
import { softmaxCrossEntropyRegistration } from './softmax-cross-entropy-loss.js';

it('softmax-cross-entropy passes the conformance kit', () => {
  // Central differences of J need a larger step than the default here: J's round-off, not its gradient, limits them.
  const report = checkLossConformance(softmaxCrossEntropyRegistration, {
    sizes: [1, 3, 10],
    batchSizes: [1, 4],
    step: 1e-4,
  });
  assertConformance(report);
  expect(report.checks).toBe(3 * 2 * 5);
});
