import { Matrix, type RandomSource } from '@bpnet/core';
import { assertConformance, checkLayerConformance } from '@bpnet/core/testing';
import { expect, it } from 'vitest';
import { reluRegistration } from './relu-registration.js';

/** N(0, 1) draws pushed 0.1 away from the kink at 0, where finite differences straddle two slopes. */
function awayFromKink(rows: number, cols: number, random: RandomSource): Matrix {
  return new Matrix(rows, cols, Float64Array.from({ length: rows * cols }, () => {
    const x = random.normal();
    return x + 0.1 * Math.sign(x);
  }));
}

it('relu passes the conformance kit away from its kink', () => {
  const report = checkLayerConformance(reluRegistration, { inputSizes: [1, 5], batchSizes: [1, 4], makeInput: awayFromKink });
  assertConformance(report);
  expect(report.checks).toBe(2 * 2 * 5);
});
