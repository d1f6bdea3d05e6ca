import { assertConformance, checkLayerConformance } from '@bpnet/core/testing';
import { expect, it } from 'vitest';
import { sigmoidRegistration } from './sigmoid-layer.js';

it('sigmoid passes the conformance kit', () => {
  const report = checkLayerConformance(sigmoidRegistration, { inputSizes: [1, 4, 7], batchSizes: [1, 3, 6] });
  assertConformance(report);
  // input sizes × batch sizes × (state check + phases × (1 gradient + 6 checks))
  expect(report.checks).toBe(3 * 3 * (1 + 2 * 7));
});
