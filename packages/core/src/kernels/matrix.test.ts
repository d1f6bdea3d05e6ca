import { describe, expect, it } from 'vitest';
import { Matrix } from './matrix.js';

describe('Matrix', () => {
  it('stores rows row-major and reads them back', () => {
    const m = Matrix.fromRows([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect([m.rows, m.cols]).toEqual([2, 3]);
    expect(Array.from(m.data)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(m.get(1, 0)).toBe(4);
    m.set(1, 0, -4);
    expect(m.toRows()).toEqual([
      [1, 2, 3],
      [-4, 5, 6],
    ]);
    expect(Array.from(m.row(1))).toEqual([-4, 5, 6]);
    expect(m.data).toBeInstanceOf(Float64Array);
  });

  it('clones deeply', () => {
    const m = Matrix.fromRows([[1, 2]]);
    const copy = m.clone();
    copy.set(0, 0, 9);
    expect(m.get(0, 0)).toBe(1);
  });

  it('rejects ragged rows, naming the row and the expected length', () => {
    expect(() => Matrix.fromRows([[1, 2], [3], [4, 5]])).toThrow(
      'Matrix.fromRows: row 1 has 1 values, expected 2 (the length of row 0)',
    );
  });

  it('rejects non-numbers and non-arrays', () => {
    expect(() => Matrix.fromRows([[1, '2' as unknown as number]])).toThrow(
      'Matrix.fromRows: row 0, column 1 is the string "2", expected a number',
    );
    expect(() => Matrix.fromRows([[1], 5 as unknown as number[]])).toThrow(
      'Matrix.fromRows: row 1 is number 5, expected an array of numbers',
    );
    expect(() => Matrix.fromRows('x' as unknown as number[][])).toThrow(
      'Matrix.fromRows: expected an array of rows, got the string "x"',
    );
  });

  it('rejects bad sizes, data of the wrong length and indices outside', () => {
    expect(() => new Matrix(-1, 2)).toThrow('Matrix: size -1×2 is invalid; expected non-negative integers');
    expect(() => new Matrix(2, 2, new Float64Array(3))).toThrow('Matrix: data has 3 values, expected 2×2 = 4');
    expect(() => Matrix.zeros(2, 2).get(2, 0)).toThrow('Matrix: index (2, 0) is outside the 2×2 matrix');
    expect(() => Matrix.zeros(2, 2).set(0, -1, 1)).toThrow('Matrix: index (0, -1) is outside the 2×2 matrix');
  });
});
