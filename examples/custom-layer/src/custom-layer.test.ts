import { expect, it } from 'vitest';
import { runCustomLayerExample } from './custom-layer.js';

it('trains with the custom layer, learns its slopes, and reloads it bit for bit', () => {
  const result = runCustomLayerExample();
  expect(result.trainingAccuracy).toBeGreaterThanOrEqual(0.95);
  expect(result.slopes.some((a) => a !== 0.25)).toBe(true);
  expect(result.reloadedIdentical).toBe(true);
});
