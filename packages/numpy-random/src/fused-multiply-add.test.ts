import { describe, expect, it } from 'vitest';
import { numpyReference } from '../reference/numpy-reference.js';
import { fusedMultiplyAdd } from './fused-multiply-add.js';

describe('fusedMultiplyAdd', () => {
  it('rounds a·b + c once, as exact fraction arithmetic does', () => {
    const mismatches = numpyReference.fusedMultiplyAdd.filter(
      ([a, b, c, expected]) => !Object.is(fusedMultiplyAdd(a, b, c), expected),
    );
    expect(mismatches).toEqual([]);
  });

  it('differs from a·b + c where the product is rounded first', () => {
    const a = 1 + 2 ** -52;
    expect(a * a + 2 ** -53).toBe(1 + 2 ** -51); // a·a rounds to 1 + 2⁻⁵¹, then the tie goes to even
    expect(fusedMultiplyAdd(a, a, 2 ** -53)).toBe(1 + 3 * 2 ** -52); // exact: 1 + 2⁻⁵¹ + 2⁻⁵³ + 2⁻¹⁰⁴, above the tie
    expect(fusedMultiplyAdd(0.1, 10, -1)).toBe(2 ** -54); // the double 0.1 is 3602879701896397 / 2⁵⁵
  });
});
