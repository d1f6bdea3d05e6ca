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
  if (fastPaths === undefined) return fallback();
  const fastPath = fastPaths[name] as ((...operands: unknown[]) => Matrix | undefined) | undefined;
  if (fastPath === undefined) return fallback();
  const operands = typeof args === 'function' ? args() : args;
  // Every fast path takes at most four operands. Passing them one by one, not through apply(), lets V8 inline the
  // call, which apply() prevents (`pnpm bench:compare` showed the toy net slower through apply()).
  return fastPath.call(fastPaths, operands[0], operands[1], operands[2], operands[3]) ?? fallback();
}
