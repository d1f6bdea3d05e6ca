import { assertConformance, checkLayerConformance } from '@bpnet/core/testing';
import { expect, it } from 'vitest';
import { tanhRegistration } from './tanh-layer.js';

it('tanh passes the conformance kit', () => {
  const report = checkLayerConformance(tanhRegistration, { inputSizes: [1, 5], batchSizes: [1, 4] });
  assertConformance(report);
  // input sizes × batch sizes × (state check + phases × (1 gradient + 6 checks))
  expect(report.checks).toBe(2 * 2 * (1 + 2 * 7));
});
