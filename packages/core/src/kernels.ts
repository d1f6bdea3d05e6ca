import type { Matrix } from './matrix.js';

/**
 * The arithmetic service every built-in layer goes through. Layers never own the loops: a faster backend is one
 * more container module that rebinds {@link KERNELS} to another implementation of this interface.
 *
 * Every method writes into `out` (which must already have the result's shape) and returns it. Where `accumulate`
 * is true the result is added to what `out` holds, which is how layers add into `Parameter.grad`.
 */
export interface Kernels {
  /** A short name for reports, e.g. `'js'`. */
  readonly name: string;
  /** out (+)= a · b, for a: m×k, b: k×n, out: m×n. */
  matmul(a: Matrix, b: Matrix, out: Matrix, accumulate?: boolean): Matrix;
  /** out (+)= aᵀ · b, for a: k×m, b: k×n, out: m×n. */
  matmulTransposeA(a: Matrix, b: Matrix, out: Matrix, accumulate?: boolean): Matrix;
  /** out (+)= a · bᵀ, for a: m×k, b: n×k, out: m×n. */
  matmulTransposeB(a: Matrix, b: Matrix, out: Matrix, accumulate?: boolean): Matrix;
  /** out = a + 1·row: adds the 1×n `row` to every row of the m×n `a`. */
  addRowVector(a: Matrix, row: Matrix, out: Matrix): Matrix;
  /** out (+)= 1ᵀ · a: the 1×n column sums of the m×n `a`. */
  sumColumns(a: Matrix, out: Matrix, accumulate?: boolean): Matrix;
  /** out_ij = f(a_ij). */
  map(a: Matrix, f: (x: number) => number, out: Matrix): Matrix;
  /** out_ij = f(a_ij, b_ij). */
  zip(a: Matrix, b: Matrix, f: (x: number, y: number) => number, out: Matrix): Matrix;
  /** out = alpha · a. */
  scale(alpha: number, a: Matrix, out: Matrix): Matrix;
  /** y += alpha · x (the BLAS axpy), in place. */
  axpy(alpha: number, x: Matrix, y: Matrix): Matrix;
  /** Σ_ij a_ij · b_ij. */
  dot(a: Matrix, b: Matrix): number;
}
