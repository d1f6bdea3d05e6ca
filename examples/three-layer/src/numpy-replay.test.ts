import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runToyExperiment } from './three-layer.js';

/**
 * What reference/numpy-reference.py (the reference program, numpy float64) printed and returned; regenerate with
 * --json.
 */
const reference: { printedLoss: number[]; trainAccuracy: number[]; predictions: number[]; labels: number[] } =
  JSON.parse(readFileSync(new URL('../reference/numpy-reference-losses.json', import.meta.url), 'utf8'));

describe("the toy experiment on numpy's random stream", () => {
  const result = runToyExperiment({ numpy: true });

  it('draws the same labels and ends with the same predictions as the reference program', () => {
    expect(result.data.labels).toEqual(reference.labels);
    expect(result.predictions).toEqual(reference.predictions);
    expect(result.trainingAccuracy).toBe(1);
  });

  it("has the program's loss history, halved, to 1e-9 at every one of the 1000 iterations", () => {
    expect(result.history.loss).toHaveLength(1000);
    const differences = result.history.loss.map((loss, i) => Math.abs(loss - reference.printedLoss[i] / 2));
    expect(Math.max(...differences)).toBeLessThan(1e-9);
    expect(result.history.loss[999] * 2).toBeCloseTo(0.02706, 5); // the final loss the reference program prints
  });

  it('records the same batch accuracies once per epoch', () => {
    expect(result.history.accuracy).toEqual(reference.trainAccuracy);
  });
});
