import { jsKernels } from '../kernels/js-kernels.js';
import type { Kernels } from '../kernels/kernels.js';
import type { Matrix } from '../kernels/matrix.js';

/**
 * A named matrix of non-trainable state, such as a batch normalization's running mean: saved and restored like a
 * parameter, but with no gradient and never updated by an optimizer (see `Layer.state`).
 */
export interface StateBuffer {
  /** The state's name within its layer, e.g. `'runningMean'`. */
  readonly name: string;
  /** The current value. */
  readonly value: Matrix;
}

/** A `rows × cols` state buffer of zeros, allocated by `kernels` (see `Kernels.matrix`). */
export function createStateBuffer(name: string, rows: number, cols: number, kernels: Kernels = jsKernels): StateBuffer {
  return { name, value: kernels.matrix(rows, cols) };
}
