import { SeededRandom } from '@bpnet/core';
import { describe, expect, it } from 'vitest';
import { downsampleMinMax } from './downsample-min-max.js';

describe('downsampleMinMax', () => {
  it('keeps the minimum and the maximum of every bucket, in index order', () => {
    const random = new SeededRandom(3);
    const length = 10_007;
    const bucketCount = 97;
    const values = Array.from({ length }, () => random.normal());
    const points = downsampleMinMax(values, bucketCount);

    expect(points.length).toBeLessThanOrEqual(2 * bucketCount);
    for (let i = 1; i < points.length; i++) expect(points[i].index).toBeGreaterThan(points[i - 1].index);
    const kept = new Map(points.map((point) => [point.index, point.value]));
    for (let bucket = 0; bucket < bucketCount; bucket++) {
      const start = Math.floor((bucket * length) / bucketCount);
      const end = Math.floor(((bucket + 1) * length) / bucketCount);
      const slice = values.slice(start, end);
      const minimumIndex = start + slice.indexOf(Math.min(...slice));
      const maximumIndex = start + slice.indexOf(Math.max(...slice));
      expect(kept.get(minimumIndex)).toBe(values[minimumIndex]);
      expect(kept.get(maximumIndex)).toBe(values[maximumIndex]);
      // and nothing else from this bucket
      expect(points.filter((point) => point.index >= start && point.index < end)).toHaveLength(2);
    }
  });

  it('reduces a hand case to the extremes of each bucket', () => {
    // buckets [3, 1, 4], [1, 5, 9], [2, 6, 5]
    expect(downsampleMinMax([3, 1, 4, 1, 5, 9, 2, 6, 5], 1)).toEqual([
      { index: 1, value: 1 },
      { index: 5, value: 9 },
    ]);
    expect(downsampleMinMax([3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7], 3)).toEqual([
      { index: 1, value: 1 }, // bucket 0..3: [3, 1, 4, 1] — the first minimum
      { index: 2, value: 4 },
      { index: 5, value: 9 }, // bucket 4..8: [5, 9, 2, 6]
      { index: 6, value: 2 },
      { index: 9, value: 3 }, // bucket 9..13: [3, 5, 8, 9, 7]
      { index: 12, value: 9 },
    ]);
  });

  it('skips non-finite values and keeps one point for a bucket with one finite value', () => {
    const values = [Number.NaN, 2, Infinity, Number.NaN, -Infinity, Number.NaN, Number.NaN, Number.NaN, 7];
    expect(downsampleMinMax(values, 3)).toEqual([
      { index: 1, value: 2 },
      { index: 8, value: 7 },
    ]);
  });

  it('returns a short series whole', () => {
    expect(downsampleMinMax([1, Number.NaN, 3, 2], 2)).toEqual([
      { index: 0, value: 1 },
      { index: 2, value: 3 },
      { index: 3, value: 2 },
    ]);
    expect(downsampleMinMax([], 5)).toEqual([]);
  });

  it('works on typed arrays and rejects a bad bucket count', () => {
    expect(downsampleMinMax(new Float64Array([5, 1, 2, 8, 0]), 1)).toEqual([
      { index: 3, value: 8 },
      { index: 4, value: 0 },
    ]);
    expect(() => downsampleMinMax([1], 0)).toThrow(/bucketCount must be a positive integer/);
    expect(() => downsampleMinMax([1], 1.5)).toThrow(RangeError);
  });
});
