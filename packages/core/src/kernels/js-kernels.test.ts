import { describe, expect, it } from 'vitest';
import { JsKernels, jsKernels } from './js-kernels.js';
import { Matrix } from './matrix.js';
import { SeededRandom } from '../random/seeded-random.js';
import { randomMatrix } from '../testing/random-matrix.js';

const kernels = new JsKernels();
const random = new SeededRandom(7);

/** The textbook triple loop: C_ij = Σ_p A_ip B_pj, on element accessors. */
function naiveProduct(a: Matrix, b: Matrix): Matrix {
  const c = Matrix.zeros(a.rows, b.cols);
  for (let i = 0; i < a.rows; i++)
    for (let j = 0; j < b.cols; j++) {
      let sum = 0;
      for (let p = 0; p < a.cols; p++) sum += a.get(i, p) * b.get(p, j);
      c.set(i, j, sum);
    }
  return c;
}

function transpose(a: Matrix): Matrix {
  const t = Matrix.zeros(a.cols, a.rows);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) t.set(j, i, a.get(i, j));
  return t;
}

function expectClose(actual: Matrix, expected: Matrix): void {
  expect(actual.shape).toBe(expected.shape);
  actual.data.forEach((value, i) => expect(value).toBeCloseTo(expected.data[i], 12));
}

describe('JsKernels', () => {
  it.each([
    [1, 1, 1],
    [3, 4, 5],
    [15, 20, 3],
    [2, 0, 3],
    [0, 3, 2],
  ])('matches the naive product in all three transpositions (%i×%i · %i)', (m, k, n) => {
    const a = randomMatrix(m, k, random);
    const b = randomMatrix(k, n, random);
    const expected = naiveProduct(a, b);
    expectClose(kernels.matmul(a, b, Matrix.zeros(m, n)), expected);
    expectClose(kernels.matmulTransposeA(transpose(a), b, Matrix.zeros(m, n)), expected);
    expectClose(kernels.matmulTransposeB(a, transpose(b), Matrix.zeros(m, n)), expected);
  });

  it('accumulates into out when asked and overwrites otherwise', () => {
    const a = randomMatrix(3, 2, random);
    const b = randomMatrix(2, 4, random);
    const product = naiveProduct(a, b);
    const out = Matrix.zeros(3, 4).clone();
    out.data.fill(1);
    kernels.matmul(a, b, out, true);
    out.data.forEach((value, i) => expect(value).toBeCloseTo(product.data[i] + 1, 12));
    for (const multiply of ['matmul', 'matmulTransposeA', 'matmulTransposeB'] as const) {
      const target = Matrix.zeros(3, 4);
      target.data.fill(5);
      const left = multiply === 'matmulTransposeA' ? transpose(a) : a;
      const right = multiply === 'matmulTransposeB' ? transpose(b) : b;
      expectClose(kernels[multiply](left, right, target), product);
    }
  });

  it('computes row broadcasts, column sums, maps, scaling, axpy and dot', () => {
    const a = Matrix.fromRows([
      [1, 2],
      [3, 4],
    ]);
    expect(kernels.addRowVector(a, Matrix.fromRows([[10, 20]]), Matrix.zeros(2, 2)).toRows()).toEqual([
      [11, 22],
      [13, 24],
    ]);
    expect(kernels.sumColumns(a, Matrix.fromRows([[1, 1]]), true).toRows()).toEqual([[5, 7]]);
    expect(kernels.sumColumns(a, Matrix.fromRows([[1, 1]])).toRows()).toEqual([[4, 6]]);
    expect(kernels.map(a, (x) => x * x, Matrix.zeros(2, 2)).toRows()).toEqual([
      [1, 4],
      [9, 16],
    ]);
    expect(kernels.zip(a, a, (x, y) => x - 2 * y, Matrix.zeros(2, 2)).toRows()).toEqual([
      [-1, -2],
      [-3, -4],
    ]);
    expect(kernels.scale(0.5, a, Matrix.zeros(2, 2)).toRows()).toEqual([
      [0.5, 1],
      [1.5, 2],
    ]);
    expect(
      kernels
        .axpy(
          -2,
          a,
          Matrix.fromRows([
            [1, 1],
            [1, 1],
          ]),
        )
        .toRows(),
    ).toEqual([
      [-1, -3],
      [-5, -7],
    ]);
    expect(kernels.dot(a, a)).toBe(30);
  });

  it('rejects operands whose shapes do not fit', () => {
    expect(() => kernels.matmul(Matrix.zeros(2, 3), Matrix.zeros(2, 3), Matrix.zeros(2, 3))).toThrow(
      'Kernels.matmul: operand shapes 2×3, 2×3, 2×3 do not fit together',
    );
  });
});

describe('jsKernels.matrix', () => {
  it('returns the buffer when it already has the shape, else a new zero matrix', () => {
    const buffer = jsKernels.matrix(2, 3);
    expect(Array.from(buffer.data)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(jsKernels.matrix(2, 3, buffer)).toBe(buffer);
    const other = jsKernels.matrix(3, 2, buffer);
    expect(other).not.toBe(buffer);
    expect([other.rows, other.cols]).toEqual([3, 2]);
  });
});

describe('jsKernels.maxAbs and fill', () => {
  it('is the largest magnitude, and NaN wherever a NaN hides, even before larger values', () => {
    const of = (...values: number[]) => new Matrix(1, values.length, Float64Array.from(values));
    expect(jsKernels.maxAbs(of(1, -3, 2))).toBe(3);
    expect(jsKernels.maxAbs(of(1, NaN, 5))).toBeNaN();
    expect(jsKernels.maxAbs(of(NaN))).toBeNaN();
    expect(jsKernels.maxAbs(of(2, -Infinity))).toBe(Infinity);
    expect(jsKernels.maxAbs(of())).toBe(0);
    expect(Array.from(jsKernels.fill(7, of(1, NaN, 3)).data)).toEqual([7, 7, 7]);
  });
});
