import { describe, expect, it } from 'vitest';
import { confusionMatrix } from './confusion-matrix.js';

describe('confusionMatrix', () => {
  it('counts [actual][predicted] pairs', () => {
    const counts = confusionMatrix([0, 1, 1, 2, 0, 2], [0, 1, 2, 2, 1, 2], 3);
    expect(counts).toEqual([
      [1, 0, 0],
      [1, 1, 0],
      [0, 1, 2],
    ]);
  });

  it('rejects labels out of range and mismatched lengths', () => {
    expect(() => confusionMatrix([0, 3], [0, 1], 3)).toThrow(
      'confusionMatrix: predictions: label 1 is number 3; expected an integer class in 0..2',
    );
    expect(() => confusionMatrix([0], [0, 1], 3)).toThrow('confusionMatrix: predictions: 1 labels for 2 samples');
  });
});
