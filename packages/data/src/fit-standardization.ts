import { Matrix } from '@bpnet/core';
import { describeValue, expectAllFinite } from '@bpnet/core/plugin';
import { Standardization } from './standardization.js';

/**
 * Fits a {@link Standardization} to `matrix` (the training data only, so that nothing of the test data leaks into
 * the model): for each column, the mean and the population standard deviation √(Σ(x − mean)² / N).
 *
 * A column whose values are all equal has std 0; it gets mean = that value and std 1 instead, so it standardizes to
 * x − mean (exactly 0 on the training data) rather than to NaN or Infinity.
 * @throws Error if `matrix` has no rows or holds NaN or Infinity.
 */
export function fitStandardization(matrix: Matrix): Standardization {
  const where = 'fitStandardization';
  if (!(matrix instanceof Matrix)) throw new Error(`${where}: expected a Matrix, got ${describeValue(matrix)}`);
  if (matrix.rows === 0) throw new Error(`${where}: the matrix has no rows; expected at least one sample to fit on`);
  expectAllFinite(matrix, where);
  const { rows, cols, data } = matrix;
  const mean = new Float64Array(cols);
  const std = new Float64Array(cols);
  for (let j = 0; j < cols; j++) {
    let sum = 0;
    let allEqual = true;
    for (let i = 0; i < rows; i++) {
      sum += data[i * cols + j];
      allEqual &&= data[i * cols + j] === data[j];
    }
    if (allEqual) {
      mean[j] = data[j];
      std[j] = 1;
      continue;
    }
    mean[j] = sum / rows;
    let squares = 0;
    for (let i = 0; i < rows; i++) squares += (data[i * cols + j] - mean[j]) ** 2;
    std[j] = Math.sqrt(squares / rows);
    if (!(std[j] > 0)) std[j] = 1; // values so close that their deviations underflow
  }
  return new Standardization(mean, std);
}
