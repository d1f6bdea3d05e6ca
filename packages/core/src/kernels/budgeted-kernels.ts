import type { Kernels } from './kernels.js';
import type { Matrix } from './matrix.js';

/**
 * How many values the layers of one build may allocate through their context's kernels, per parameter value the
 * build may hold: a value, its gradient, and as much again for the layers' own buffers.
 */
export const ALLOCATIONS_PER_PARAMETER_VALUE = 3;

/**
 * Kernels that count the values every `matrix` call allocates while a network is being built and refuse, before
 * allocating, any one matrix of more than `maxValues` values and anything past
 * {@link ALLOCATIONS_PER_PARAMETER_VALUE} × `maxValues` in all. Every other method is the wrapped kernels' own, and so
 * are its `fastPaths` (none of them allocates).
 * After {@link AllocationBudget.close} (the build is done) `matrix` is passed through uncounted, since a layer's
 * buffers for a batch are sized by the batch, not the model file.
 */
export class AllocationBudget {
  /** The kernels to give layers' `create`: the wrapped ones with a counting `matrix`. */
  readonly kernels: Kernels;
  /** Where the layer being created sits, for messages. */
  where = '';
  private allocated = 0;
  private open = true;

  constructor(
    wrapped: Kernels,
    private readonly maxValues: number,
  ) {
    const matrix = (rows: number, cols: number, reuse?: Matrix): Matrix => {
      if (this.open) this.count(rows, cols, reuse);
      return wrapped.matrix(rows, cols, reuse);
    };
    this.kernels = delegatingKernels(wrapped, matrix);
  }

  /** Ends counting: the network is built. */
  close(): void {
    this.open = false;
  }

  private count(rows: number, cols: number, reuse: Matrix | undefined): void {
    if (reuse !== undefined && reuse.rows === rows && reuse.cols === cols) return;
    const size = rows * cols;
    if (!(size <= this.maxValues)) {
      throw new Error(
        `${this.where}: a ${rows}×${cols} matrix is over the limit of ` +
          `${this.maxValues} values; refusing to allocate it`,
      );
    }
    const total = ALLOCATIONS_PER_PARAMETER_VALUE * this.maxValues;
    if (!(this.allocated + size <= total)) {
      throw new Error(
        `${this.where}: a ${rows}×${cols} matrix would take the layers past ${total} values ` +
          `allocated (${ALLOCATIONS_PER_PARAMETER_VALUE} × the limit of ${this.maxValues} ` +
          `parameter values, for values, gradients and buffers); refusing to allocate it`,
      );
    }
    this.allocated += size;
  }
}

/**
 * A plain object with every method of `wrapped` bound to it (and its other properties, `fastPaths` among them,
 * read through), except `matrix`: layers keep the kernels their context gave them for life, so this must cost no
 * more per call than a bound function (a Proxy would run a trap on every kernel call of a loaded network).
 */
function delegatingKernels(wrapped: Kernels, matrix: Kernels['matrix']): Kernels {
  const kernels: Record<PropertyKey, unknown> = {};
  for (
    let owner: object | null = wrapped;
    owner !== null && owner !== Object.prototype;
    owner = Object.getPrototypeOf(owner)
  ) {
    for (const key of Reflect.ownKeys(owner)) {
      if (key === 'constructor' || Object.hasOwn(kernels, key)) continue;
      const value: unknown = Reflect.get(wrapped, key);
      if (typeof value === 'function') kernels[key] = value.bind(wrapped);
      else Object.defineProperty(kernels, key, { get: () => Reflect.get(wrapped, key), enumerable: true });
    }
  }
  kernels.matrix = matrix;
  return kernels as unknown as Kernels;
}
