import { describe, expect, it } from 'vitest';
import { runToyExperiment } from './three-layer.js';

describe('the toy experiment', () => {
  it('reaches training accuracy 1.0 with its fixed seeds, as the reference program does', () => {
    const result = runToyExperiment();
    expect(result.trainingAccuracy).toBe(1);
    expect(result.predictions).toEqual(result.data.labels);
    expect(result.history.loss).toHaveLength(1000);
    expect(result.history.accuracy).toHaveLength(500); // once per epoch of max(⌊30 / 15⌋, 1) = 2 iterations
    expect(result.history.loss[999]).toBeLessThan(result.history.loss[0] / 5);
  });

  it("draws the reference program's data: 30 samples of 10·randn(4) and labels in {0, 1, 2}", () => {
    const { data } = runToyExperiment({ iterations: 1 });
    expect(data.inputs.shape).toBe('30×4');
    const values = Array.from(data.inputs.data);
    const std = Math.sqrt(values.reduce((s, v) => s + v * v, 0) / values.length);
    expect(std).toBeGreaterThan(7);
    expect(std).toBeLessThan(13);
    expect(new Set(data.labels)).toEqual(new Set([0, 1, 2]));
  });
});
