import { describe, expect, it } from 'vitest';
import { FEATURES, featurize } from './features.js';

describe('features', () => {
  it('lists the seven features with their labels', () => {
    expect(FEATURES.map((f) => [f.id, f.label])).toEqual([
      ['x1', 'x₁'],
      ['x2', 'x₂'],
      ['x1sq', 'x₁²'],
      ['x2sq', 'x₂²'],
      ['x1x2', 'x₁x₂'],
      ['sinx1', 'sin x₁'],
      ['sinx2', 'sin x₂'],
    ]);
  });

  it('computes each feature at (3, −2) by hand', () => {
    const [row] = featurize([[3, -2]], ['x1', 'x2', 'x1sq', 'x2sq', 'x1x2', 'sinx1', 'sinx2']);
    expect(row.slice(0, 5)).toEqual([3, -2, 9, 4, -6]);
    expect(row[5]).toBeCloseTo(0.1411200080598672, 15); // sin 3
    expect(row[6]).toBeCloseTo(-0.9092974268256817, 15); // sin(−2)
  });

  it('keeps the order of the features asked for, per point', () => {
    expect(
      featurize(
        [
          [1, 2],
          [-1, 0.5],
        ],
        ['x1x2', 'x1'],
      ),
    ).toEqual([
      [2, 1],
      [-0.5, -1],
    ]);
  });

  it('refuses an unknown feature and a point without 2 coordinates', () => {
    expect(() => featurize([[1, 2]], ['x3' as never])).toThrow(/unknown feature "x3"/);
    expect(() => featurize([[1, 2, 3]], ['x1'])).toThrow(/point 0 has 3 coordinates/);
  });
});
