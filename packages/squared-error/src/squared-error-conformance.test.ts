import { assertConformance, checkLossConformance } from '@bpnet/core/testing';
import { expect, it } from 'vitest';
import { squaredErrorRegistration } from './squared-error-loss.js';

it('squared-error passes the conformance kit', () => {
  const report = checkLossConformance(squaredErrorRegistration, { sizes: [1, 3, 10], batchSizes: [1, 4] });
  assertConformance(report);
  expect(report.checks).toBe(3 * 2 * 5);
});
