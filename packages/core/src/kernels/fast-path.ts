import type { KernelFastPaths, Kernels } from './kernels.js';
import type { Matrix } from './matrix.js';

/** A {@link KernelFastPaths} member's name: `'matmulAddRow'`, `'copyRows'`, `'activation'`, `'activationBackward'`. */
export type FastPathName = keyof KernelFastPaths;

/** The arguments fast path `N` takes, e.g. `[a, b, row, out]` for `'matmulAddRow'`. */
export type FastPathArguments<N extends FastPathName> = Parameters<NonNullable<KernelFastPaths[N]>>;

/**
 * The one way to use a backend's optional fast path: `kernels.fastPaths[name](...args)` when the backend has that
 * fast path and it takes these operands (returns a matrix), else `fallback()`, which computes the same result with
 * required {@link Kernels} operations. A fast path that declines (returns `undefined`) has changed nothing, so the
 * fallback starts from the operands as they were. When the arguments cost something to make (the trainer's row
 * views), pass a function that makes them instead: it runs only when the backend has that fast path.
 *
 * ```ts
 * // net = x·W + 1·b in one pass where the backend can, else the product then the row
 * withFastPath(kernels, 'matmulAddRow', [x, w, b, net], () => kernels.addRowVector(kernels.matmul(x, w, net), b, net));
 * ```
 * @returns what the fast path returned, or what `fallback` returned.
 */
export function withFastPath<N extends FastPathName>(
  kernels: Kernels,
  name: N,
  args: FastPathArguments<N> | (() => FastPathArguments<N>),
  fallback: () => Matrix,
): Matrix {
  const fastPaths = kernels.fastPaths;
  const fastPath = fastPaths?.[name] as ((...operands: FastPathArguments<N>) => Matrix | undefined) | undefined;
  if (fastPath === undefined) return fallback();
  return fastPath.apply(fastPaths, typeof args === 'function' ? args() : args) ?? fallback();
}
