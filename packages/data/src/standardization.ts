import { Matrix } from '@bpnet/core';
import { describeValue, expectAllFinite } from '@bpnet/core/plugin';

/**
 * A per-column standardization z = (x − mean) / std, with statistics fitted on training data by
 * {@link fitStandardization} and then applied unchanged to the training, validation and test data alike.
 */
export class Standardization {
  /** The mean of each column. */
  readonly mean: Float64Array;
  /** The divisor of each column: the population standard deviation, or 1 for a column whose values are all equal. */
  readonly std: Float64Array;

  /**
   * Wraps given statistics (for instance saved from an earlier fit). The arrays are copied.
   * @throws Error if the lengths differ, a mean is not finite or a std is not a positive finite number.
   */
  constructor(mean: ArrayLike<number>, std: ArrayLike<number>) {
    if (mean.length !== std.length) {
      throw new Error(
        `Standardization: ${mean.length} means and ${std.length} standard deviations; expected one of each per column`,
      );
    }
    for (let j = 0; j < mean.length; j++) {
      if (typeof mean[j] !== 'number' || !Number.isFinite(mean[j])) {
        throw new Error(`Standardization: mean ${j} is ${describeValue(mean[j])}; expected a finite number`);
      }
      if (typeof std[j] !== 'number' || !Number.isFinite(std[j]) || std[j] <= 0) {
        throw new Error(`Standardization: std ${j} is ${describeValue(std[j])}; expected a positive finite number`);
      }
    }
    this.mean = Float64Array.from(mean);
    this.std = Float64Array.from(std);
  }

  /**
   * A new matrix with z_ij = (x_ij − mean_j) / std_j; `matrix` itself is not changed.
   * @throws Error if `matrix` has another number of columns than the fitted data or holds NaN or Infinity.
   */
  apply(matrix: Matrix): Matrix {
    const where = 'Standardization.apply';
    if (!(matrix instanceof Matrix)) throw new Error(`${where}: expected a Matrix, got ${describeValue(matrix)}`);
    if (matrix.cols !== this.mean.length) {
      throw new Error(
        `${where}: the matrix has ${matrix.cols} columns, expected ${this.mean.length} (the columns it was fitted on)`,
      );
    }
    expectAllFinite(matrix, where);
    const { cols, data } = matrix;
    const result = new Matrix(matrix.rows, cols);
    for (let index = 0; index < data.length; index++) {
      const j = index % cols;
      result.data[index] = (data[index] - this.mean[j]) / this.std[j];
    }
    return result;
  }
}
