import { assertConformance, checkLayerConformance } from '@bpnet/core/testing';
import { expect, it } from 'vitest';
import { denseRegistration } from './dense-layer.js';

it('dense passes the conformance kit on its example configs', () => {
  const report = checkLayerConformance(denseRegistration);
  assertConformance(report);
  // configs × input sizes × batch sizes × (state check + phases × (3 gradients + 7 checks))
  expect(report.checks).toBe(2 * 2 * 2 * (1 + 2 * 10));
});
