import { describe, expect, it } from 'vitest';
import { formatTick } from './format-tick.js';

describe('formatTick', () => {
  it('prints the decimals the step needs and no more', () => {
    expect(formatTick(0.6000000000000001, 0.2)).toBe('0.6');
    expect(formatTick(0, 0.2)).toBe('0');
    expect(formatTick(-0.4, 0.2)).toBe('-0.4');
    expect(formatTick(0.25, 0.05)).toBe('0.25');
    expect(formatTick(1, 0.2)).toBe('1.0');
    expect(formatTick(200, 200)).toBe('200');
    expect(formatTick(200_000, 200_000)).toBe('200000');
  });

  it('uses exponent form for very large and very small values', () => {
    expect(formatTick(1_000_000, 200_000)).toBe('1e6');
    expect(formatTick(1_200_000, 200_000)).toBe('1.2e6');
    expect(formatTick(5e-5, 1e-5)).toBe('5e-5');
    expect(formatTick(1e-20, 1e-20)).toBe('1e-20');
    expect(formatTick(0.05, 0.05)).toBe('0.05');
  });
});
