import type { Matrix } from './matrix.js';

/** Whether two matrices have the same number of rows and of columns. */
export function sameShape(a: Matrix, b: Matrix): boolean {
  return a.rows === b.rows && a.cols === b.cols;
}

/**
 * The shape check every {@link "@bpnet/core"!Kernels | Kernels} backend makes, with one message for all of them.
 * @throws Error `"Kernels.<kernel>: operand shapes 2×3, 2×3, 2×3 do not fit together"` when `ok` is false.
 */
export function expectKernelShapes(kernel: string, ok: boolean, a: Matrix, b?: Matrix, c?: Matrix): void {
  // Fixed parameters, not a rest array: this runs on every kernel call.
  if (!ok) {
    const shapes = [a, b, c].filter((m) => m !== undefined).map((m) => m.shape);
    throw new Error(`Kernels.${kernel}: operand shapes ${shapes.join(', ')} do not fit together`);
  }
}
