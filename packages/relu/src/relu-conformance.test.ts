import { assertConformance, checkLayerConformance, randomMatrixAwayFromZero } from '@bpnet/core/testing';
import { expect, it } from 'vitest';
import { reluRegistration } from './relu-layer.js';

it('relu passes the conformance kit away from its kink', () => {
  const report = checkLayerConformance(reluRegistration, {
    inputSizes: [1, 5],
    batchSizes: [1, 4],
    makeInput: randomMatrixAwayFromZero,
  });
  assertConformance(report);
  // input sizes × batch sizes × (state check + phases × (1 gradient + 6 checks))
  expect(report.checks).toBe(2 * 2 * (1 + 2 * 7));
});
