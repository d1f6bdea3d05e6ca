import { describe, expect, it } from 'vitest';
import { firstBitDifference, worstRelativeDifference } from './compare-arrays.js';

const of = (...values: number[]) => Float64Array.from(values);

describe('worstRelativeDifference', () => {
  it('names the worst element beyond the tolerance, and nothing within it', () => {
    expect(worstRelativeDifference('x', of(1, 2, 3), of(1, 2.1, 3.001), 1e-3)).toBe(
      'x: element 1 is 2 vs 2.1 (relative difference 4.76e-2, tolerance 0.001)',
    );
    expect(worstRelativeDifference('x', of(1, 2), of(1, 2 + 1e-13), 1e-12)).toBeUndefined();
  });

  it('reports NaN and infinities that do not match, wherever they are, and a difference in length', () => {
    expect(worstRelativeDifference('x', of(NaN, 1), of(1, 1), 1e-12)).toBe('x: element 0 is NaN vs 1');
    expect(worstRelativeDifference('x', of(1, 5, Infinity), of(1, 6, 2), 1)).toBe('x: element 2 is Infinity vs 2');
    expect(worstRelativeDifference('x', of(Infinity), of(-Infinity), 1)).toBe('x: element 0 is Infinity vs -Infinity');
    expect(worstRelativeDifference('x', of(NaN, Infinity), of(NaN, Infinity), 0)).toBeUndefined();
    expect(worstRelativeDifference('x', of(1, 2), of(1), 1)).toBe('x: 2 values vs 1');
  });
});

describe('firstBitDifference', () => {
  it('tells 0 from −0 and matches NaN with NaN', () => {
    expect(firstBitDifference('x', of(0), of(-0))).toBe('x: element 0 is 0 vs 0');
    expect(firstBitDifference('x', of(NaN, 1), of(NaN, 1))).toBeUndefined();
  });
});
