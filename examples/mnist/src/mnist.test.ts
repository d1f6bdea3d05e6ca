import { expect, it } from 'vitest';
import { runMnist } from './mnist.js';

it('learns the digits: a short run (32 hidden units, 2 epochs) already passes 85% test accuracy', async () => {
  const result = await runMnist({ hiddenUnits: 32, epochs: 2 });
  expect(result.trainSize).toBe(8000);
  expect(result.testSize).toBe(2000);
  expect(result.testAccuracy).toBeGreaterThan(0.85);
  const correct = result.confusion.reduce((sum, row, k) => sum + row[k], 0);
  expect(correct / 2000).toBe(result.testAccuracy);
  expect(result.history.validationAccuracy).toHaveLength(2); // once per epoch
}, 60_000);
