import { describe, expect, it } from 'vitest';
import { SPARKLINE_BLOCKS, sparkline } from './sparkline.js';

describe('sparkline', () => {
  it('scales from the lowest to the highest block', () => {
    expect(sparkline([1, 2, 3, 4, 5, 6, 7, 8])).toBe('▁▂▃▄▅▆▇█');
    expect(sparkline([8, 7, 6, 5, 4, 3, 2, 1])).toBe('█▇▆▅▄▃▂▁');
    expect(sparkline([0, 1, 0.5])).toBe('▁█▅'); // 0.5 · 7 = 3.5 rounds to level 4
    expect(sparkline([-10, 0, 10])).toBe('▁▅█');
  });

  it('draws a constant series as the middle block', () => {
    expect(sparkline([5, 5, 5])).toBe('▄▄▄');
    expect(sparkline([0.1, 0.1, 0.1, 0.1, 0.1], 2)).toBe('▄▄'); // means of 2 and 3 values, equal up to the last bit
    expect(sparkline([42])).toBe('▄');
  });

  it('draws NaN and infinities as a space', () => {
    expect(sparkline([0, Number.NaN, 1])).toBe('▁ █');
    expect(sparkline([1, Infinity])).toBe('▄ ');
    expect(sparkline([Number.NaN, Number.NaN])).toBe('  ');
    expect(sparkline([1, 2, Number.NaN, 4, 5, 6], 3)).toBe('▁ █'); // a bucket with a NaN is a gap
  });

  it('averages into width buckets', () => {
    expect(sparkline([0, 0, 1, 1], 2)).toBe('▁█');
    expect(sparkline([0, 10, 0, 10], 2)).toBe('▄▄');
    expect(sparkline([0, 0, 0, 7, 7, 7, 14, 14, 14], 3)).toBe('▁▅█'); // means 0, 7, 14
    const line = sparkline(Array.from({ length: 1000 }, (_, i) => i));
    expect(line).toHaveLength(40);
    expect(line[0]).toBe('▁');
    expect(line[39]).toBe('█');
    for (let i = 1; i < line.length; i++)
      expect(SPARKLINE_BLOCKS.indexOf(line[i])).toBeGreaterThanOrEqual(SPARKLINE_BLOCKS.indexOf(line[i - 1]));
    expect(
      sparkline(
        Array.from({ length: 10 }, (_, i) => i),
        40,
      ),
    ).toHaveLength(10);
    expect(sparkline(new Float64Array([3, 1, 2]))).toBe('█▁▅');
  });

  it('gives an empty string for an empty series and rejects a bad width', () => {
    expect(sparkline([])).toBe('');
    expect(() => sparkline([1], 0)).toThrow(/width must be a positive integer/);
    expect(() => sparkline([1], 2.5)).toThrow(RangeError);
  });
});
