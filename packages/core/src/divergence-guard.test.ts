import { describe, expect, it } from 'vitest';
import { maxAbs } from './divergence-guard.js';

describe('maxAbs', () => {
  it('is the largest magnitude, and NaN wherever a NaN hides, even before larger values', () => {
    expect(maxAbs(Float64Array.of(1, -3, 2))).toBe(3);
    expect(maxAbs(Float64Array.of(1, NaN, 5))).toBeNaN();
    expect(maxAbs(Float64Array.of(NaN))).toBeNaN();
    expect(maxAbs(Float64Array.of(2, -Infinity))).toBe(Infinity);
    expect(maxAbs(new Float64Array(0))).toBe(0);
  });
});
