import { jsKernels } from './js-kernels.js';
import type { Kernels } from './kernels.js';
import type { Matrix } from './matrix.js';

/**
 * `buffer` if it is already `rows × cols`, else a `rows × cols` matrix from `kernels` (which may reuse `buffer`'s
 * storage). Layers keep their outputs in such buffers, allocated by their kernels, so that a steady training loop
 * allocates nothing and a WebAssembly backend computes on them without copying.
 */
export function reuseMatrix(
  buffer: Matrix | undefined,
  rows: number,
  cols: number,
  kernels: Kernels = jsKernels,
): Matrix {
  return kernels.matrix(rows, cols, buffer);
}
