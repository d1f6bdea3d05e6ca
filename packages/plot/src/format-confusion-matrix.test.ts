import { describe, expect, it } from 'vitest';
import { formatConfusionMatrix } from './format-confusion-matrix.js';

describe('formatConfusionMatrix', () => {
  it('prints [actual][predicted] counts as a table with per-class recall', () => {
    const counts = [
      [1, 0, 0],
      [1, 1, 0],
      [0, 1, 2],
    ];
    expect(formatConfusionMatrix(counts, ['a', 'b', 'c']).split('\n')).toEqual([
      '           a     b     c   recall   (rows: actual, columns: predicted)',
      '    a      1     0     0   1.000',
      '    b      1     1     0   0.500',
      '    c      0     1     2   0.667',
    ]);
  });
});
