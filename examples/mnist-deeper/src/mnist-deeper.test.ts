import { expect, it } from 'vitest';
import { deeperSpec, runMnistDeeper } from './mnist-deeper.js';

it('trains the plain and the deeper network on the same digits; the deeper model reloads bit for bit', () => {
  const result = runMnistDeeper({ epochs: 1 });
  expect(result.trainSize).toBe(8000);
  expect(result.testSize).toBe(2000);
  // One epoch of Adam already separates the digits well in both networks.
  expect(result.plain.testAccuracy).toBeGreaterThan(0.85);
  expect(result.deeper.testAccuracy).toBeGreaterThan(0.85);
  expect(result.reloadedSameBits).toBe(true);
  const paths = result.deeper.network.namedParameters().map(({ path }) => path);
  expect(paths).toContain('layers[3].body[0].weights');
  expect(paths).toContain('layers[3].body[1].scale');
  expect(result.deeper.network.namedState().map(({ path }) => path)).toEqual([
    'layers[1].runningMean',
    'layers[1].runningVariance',
    'layers[3].body[1].runningMean',
    'layers[3].body[1].runningVariance',
  ]);
  expect(JSON.parse(result.modelJson).spec).toEqual(deeperSpec);
  expect(result.deeper.history.validationAccuracy).toHaveLength(1); // once per epoch
}, 120_000);
