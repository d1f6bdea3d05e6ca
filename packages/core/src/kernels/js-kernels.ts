import type { FloatArray } from './matrix.js';
import type { Kernels } from './kernels.js';
import { gemm, Start } from './gemm.js';
import { expectKernelShapes, sameShape } from './kernel-shapes.js';
import { Matrix } from './matrix.js';

/**
 * The default {@link Kernels}: TypeScript loops over float64 arrays. Products are computed in 4 × 4 register
 * blocks (`gemm`); every output element is summed over k in ascending order, the same order for every
 * column, so units that receive identical inputs produce bit-identical results.
 */
export class JsKernels implements Kernels {
  readonly name = 'js';

  /** `reuse` when it is `rows × cols`, else a new zero matrix on the JavaScript heap. */
  matrix(rows: number, cols: number, reuse?: Matrix): Matrix {
    return reuse !== undefined && reuse.rows === rows && reuse.cols === cols ? reuse : Matrix.zeros(rows, cols);
  }

  matmul(a: Matrix, b: Matrix, out: Matrix, accumulate = false): Matrix {
    expectKernelShapes('matmul', a.cols === b.rows && out.rows === a.rows && out.cols === b.cols, a, b, out);
    gemm(
      a.data,
      a.cols,
      1,
      b.data,
      b.cols,
      1,
      out.data,
      a.rows,
      a.cols,
      b.cols,
      accumulate ? Start.FromOut : Start.Zero,
    );
    return out;
  }

  matmulTransposeA(a: Matrix, b: Matrix, out: Matrix, accumulate = false): Matrix {
    expectKernelShapes('matmulTransposeA', a.rows === b.rows && out.rows === a.cols && out.cols === b.cols, a, b, out);
    gemm(
      a.data,
      1,
      a.cols,
      b.data,
      b.cols,
      1,
      out.data,
      a.cols,
      a.rows,
      b.cols,
      accumulate ? Start.FromOut : Start.Zero,
    );
    return out;
  }

  matmulTransposeB(a: Matrix, b: Matrix, out: Matrix, accumulate = false): Matrix {
    expectKernelShapes('matmulTransposeB', a.cols === b.cols && out.rows === a.rows && out.cols === b.rows, a, b, out);
    gemm(
      a.data,
      a.cols,
      1,
      b.data,
      1,
      b.cols,
      out.data,
      a.rows,
      a.cols,
      b.rows,
      accumulate ? Start.AddSum : Start.Zero,
    );
    return out;
  }

  addRowVector(a: Matrix, row: Matrix, out: Matrix): Matrix {
    expectKernelShapes('addRowVector', row.rows === 1 && row.cols === a.cols && sameShape(a, out), a, row, out);
    const n = a.cols,
      A = a.data,
      R = row.data,
      C = out.data;
    for (let i = 0; i < a.rows; i++) {
      const ai = i * n;
      for (let j = 0; j < n; j++) C[ai + j] = A[ai + j] + R[j];
    }
    return out;
  }

  sumColumns(a: Matrix, out: Matrix, accumulate = false): Matrix {
    expectKernelShapes('sumColumns', out.rows === 1 && out.cols === a.cols, a, out);
    const n = a.cols,
      A = a.data,
      C = out.data;
    if (!accumulate) C.fill(0);
    for (let i = 0; i < a.rows; i++) {
      const ai = i * n;
      for (let j = 0; j < n; j++) C[j] += A[ai + j];
    }
    return out;
  }

  map(a: Matrix, f: (x: number) => number, out: Matrix): Matrix {
    expectKernelShapes('map', sameShape(a, out), a, out);
    const A = a.data,
      C = out.data;
    for (let i = 0; i < A.length; i++) C[i] = f(A[i]);
    return out;
  }

  zip(a: Matrix, b: Matrix, f: (x: number, y: number) => number, out: Matrix): Matrix {
    expectKernelShapes('zip', sameShape(a, b) && sameShape(a, out), a, b, out);
    const A = a.data,
      B = b.data,
      C = out.data;
    for (let i = 0; i < A.length; i++) C[i] = f(A[i], B[i]);
    return out;
  }

  scale(alpha: number, a: Matrix, out: Matrix): Matrix {
    expectKernelShapes('scale', sameShape(a, out), a, out);
    const A = a.data,
      C = out.data;
    for (let i = 0; i < A.length; i++) C[i] = alpha * A[i];
    return out;
  }

  axpy(alpha: number, x: Matrix, y: Matrix): Matrix {
    expectKernelShapes('axpy', sameShape(x, y), x, y);
    const X = x.data,
      Y = y.data;
    for (let i = 0; i < X.length; i++) Y[i] += alpha * X[i];
    return y;
  }

  copy(a: Matrix, out: Matrix): Matrix {
    expectKernelShapes('copy', sameShape(a, out), a, out);
    out.data.set(a.data);
    return out;
  }

  fill(value: number, out: Matrix): Matrix {
    out.data.fill(value);
    return out;
  }

  maxAbs(a: Matrix): number {
    return maxAbs(a.data);
  }

  dot(a: Matrix, b: Matrix): number {
    expectKernelShapes('dot', sameShape(a, b), a, b);
    const A = a.data,
      B = b.data;
    let sum = 0;
    for (let i = 0; i < A.length; i++) sum += A[i] * B[i];
    return sum;
  }
}

/** The shared default kernels instance (stateless). */
export const jsKernels: Kernels = new JsKernels();

/** max |v_i|; NaN if any element is NaN. */
function maxAbs(values: FloatArray): number {
  let max = 0;
  for (let i = 0; i < values.length; i++) {
    const magnitude = Math.abs(values[i]);
    if (magnitude > max) max = magnitude;
    else if (Number.isNaN(magnitude)) return NaN;
  }
  return max;
}
