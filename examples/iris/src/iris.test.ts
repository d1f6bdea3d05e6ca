import { expect, it } from 'vitest';
import { runIris } from './iris.js';

it('classifies the held-out iris flowers with accuracy ≥ 0.95', () => {
  const result = runIris();
  expect(result.testAccuracy).toBeGreaterThanOrEqual(0.95);
  expect([result.trainSize, result.testSize]).toEqual([105, 45]);
  expect(result.confusion.map((row) => row.reduce((a, b) => a + b))).toEqual([15, 15, 15]);
  expect(result.history.loss.at(-1)).toBeLessThan(result.history.loss[0] / 5);
});
