import { jsKernels } from '../kernels/js-kernels.js';
import type { Kernels } from '../kernels/kernels.js';
import type { Matrix } from '../kernels/matrix.js';

/**
 * A trainable matrix and the gradient of the criterion with respect to it, ∂J/∂value, of the same shape.
 * Layers add into `grad` during `backward`; the network zeroes it before each backpropagation; the optimizer
 * applies `Δw = -η ∂J/∂w` (equations 6 and 7).
 */
export interface Parameter {
  /** The parameter's name within its layer, e.g. `'weights'` or `'bias'`. */
  readonly name: string;
  /** The current value. */
  readonly value: Matrix;
  /** ∂J/∂value, accumulated by `backward`. */
  readonly grad: Matrix;
}

/** A `rows × cols` parameter with zero value and zero gradient, both allocated by `kernels` (see `Kernels.matrix`). */
export function createParameter(name: string, rows: number, cols: number, kernels: Kernels = jsKernels): Parameter {
  return { name, value: kernels.matrix(rows, cols), grad: kernels.matrix(rows, cols) };
}
