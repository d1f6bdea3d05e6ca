import { describe, expect, it } from 'vitest';
import { niceStep, niceTicks, stepDecimals } from './nice-ticks.js';

describe('niceStep', () => {
  it('is the smallest 1, 2 or 5 × 10^k at least span / targetCount', () => {
    expect(niceStep(0.87, 5)).toBe(0.2);
    expect(niceStep(1, 5)).toBe(0.2);
    expect(niceStep(10, 5)).toBe(2);
    expect(niceStep(7, 5)).toBe(2);
    expect(niceStep(3, 5)).toBe(1);
    expect(niceStep(2.4, 5)).toBe(0.5);
    expect(niceStep(999, 5)).toBe(200);
    expect(niceStep(6, 5)).toBe(2); // 1.2 → 2
    expect(niceStep(30, 5)).toBe(10); // 6 → 10
  });

  it('rejects an empty or non-finite span', () => {
    expect(() => niceStep(0)).toThrow(/span must be a positive finite number/);
    expect(() => niceStep(Number.NaN)).toThrow(RangeError);
    expect(() => niceStep(1, 0)).toThrow(/targetCount/);
  });
});

describe('stepDecimals', () => {
  it('counts the decimals a step needs', () => {
    expect(stepDecimals(0.2)).toBe(1);
    expect(stepDecimals(0.05)).toBe(2);
    expect(stepDecimals(1)).toBe(0);
    expect(stepDecimals(500)).toBe(0);
    expect(stepDecimals(1e-7)).toBe(7);
  });
});

describe('niceTicks', () => {
  it('gives the multiples of the nice step inside the range, without rounding noise', () => {
    expect(niceTicks(0, 0.87)).toEqual([0, 0.2, 0.4, 0.6, 0.8]);
    expect(niceTicks(0, 1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(0, 999)).toEqual([0, 200, 400, 600, 800]);
    expect(niceTicks(-3, 7)).toEqual([-2, 0, 2, 4, 6]);
    expect(niceTicks(0.1, 0.3)).toEqual([0.1, 0.15, 0.2, 0.25, 0.3]);
    expect(niceTicks(0.001, 0.0087)).toEqual([0.002, 0.004, 0.006, 0.008]);
    expect(niceTicks(0, 1_000_000)).toEqual([0, 200_000, 400_000, 600_000, 800_000, 1_000_000]);
    expect(niceTicks(0.3, 0.3 + 0.6)).toEqual([0.4, 0.6, 0.8]); // 0.3 + 0.6 = 0.8999999999999999
  });

  it('honours the target count', () => {
    expect(niceTicks(0, 0.87, 2)).toEqual([0, 0.5]);
    expect(niceTicks(0, 0.87, 10)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]);
  });

  it('never prints −0', () => {
    expect(Object.is(niceTicks(-1, 1)[2], 0)).toBe(true);
  });

  it('handles degenerate ranges', () => {
    expect(niceTicks(5, 5)).toEqual([5]);
    expect(niceTicks(3, 1)).toEqual([]);
    expect(niceTicks(Number.NaN, 1)).toEqual([]);
    expect(niceTicks(0, Infinity)).toEqual([]);
  });
});
