import { describe, expect, it } from 'vitest';
import { exponentialMovingAverage } from './exponential-moving-average.js';

describe('exponentialMovingAverage', () => {
  it('is bias-corrected: starts at the first value, weights recent values by (1 − α)^age', () => {
    // window 3: α = 0.5. Second output: (0.5 · 2 + 1 · 4) / 1.5 = 10/3.
    const result = exponentialMovingAverage([2, 4, 8], 3);
    expect(result[0]).toBe(2);
    expect(result[1]).toBeCloseTo(10 / 3, 14);
    expect(result[2]).toBeCloseTo((0.25 * 2 + 0.5 * 4 + 8) / 1.75, 14);
  });

  it('keeps a constant series constant and returns the series itself for window 1', () => {
    for (const value of exponentialMovingAverage(new Array(1000).fill(0.3), 50)) expect(value).toBeCloseTo(0.3, 14);
    expect(exponentialMovingAverage([5, -1, 3], 1)).toEqual([5, -1, 3]);
  });

  it('skips non-finite values, carrying the average over them', () => {
    const result = exponentialMovingAverage([Number.NaN, 2, Infinity, 4], 3);
    expect(result[0]).toBeNaN();
    expect(result[1]).toBe(2);
    expect(result[2]).toBe(2);
    expect(result[3]).toBeCloseTo(10 / 3, 14);
  });

  it('follows a step with the lag of its window', () => {
    const values = [...new Array(100).fill(0), ...new Array(100).fill(1)];
    const result = exponentialMovingAverage(values, 19); // α = 0.1
    expect(result[99]).toBe(0);
    // the raw average α·Σ(1 − α)^age·x, divided by the weight 1 − (1 − α)^t of the t values seen
    expect(result[100]).toBeCloseTo(0.1 / (1 - 0.9 ** 101), 12);
    expect(result[109]).toBeCloseTo((1 - 0.9 ** 10) / (1 - 0.9 ** 110), 12);
  });

  it('rejects a window under 1', () => {
    expect(() => exponentialMovingAverage([1], 0.5)).toThrow(/window must be a finite number of at least 1/);
    expect(() => exponentialMovingAverage([1], Number.NaN)).toThrow(RangeError);
  });
});
