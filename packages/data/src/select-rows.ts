import { Matrix } from '@bpnet/core';
import { describeValue } from '@bpnet/core/plugin';
import { checkIndices } from './check-indices.js';

/**
 * A new matrix of the given rows of `matrix`, in the order of `indices` (repeats allowed), e.g. the training part
 * of a {@link stratifiedSplit}.
 * @throws Error if `matrix` is not a Matrix or an index is not an integer row of it.
 */
export function selectRows(matrix: Matrix, indices: readonly number[] | Int32Array): Matrix {
  if (!(matrix instanceof Matrix)) throw new Error(`selectRows: expected a Matrix, got ${describeValue(matrix)}`);
  checkIndices(indices, matrix.rows, 'rows', `selectRows(${matrix.shape} matrix)`);
  const { cols, data } = matrix;
  const result = new Matrix(indices.length, cols);
  for (let i = 0; i < indices.length; i++) {
    result.data.set(data.subarray(indices[i] * cols, (indices[i] + 1) * cols), i * cols);
  }
  return result;
}
