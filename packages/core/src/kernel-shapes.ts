import type { Matrix } from './matrix.js';

/** Whether two matrices have the same number of rows and of columns. */
export function sameShape(a: Matrix, b: Matrix): boolean {
  return a.rows === b.rows && a.cols === b.cols;
}

/**
 * The shape check every {@link Kernels} backend makes, with one message for all of them.
 * @throws Error `"Kernels.<kernel>: operand shapes 2×3, 2×3, 2×3 do not fit together"` when `ok` is false.
 */
export function expectKernelShapes(kernel: string, ok: boolean, ...operands: Matrix[]): void {
  if (!ok) {
    throw new Error(`Kernels.${kernel}: operand shapes ${operands.map((m) => m.shape).join(', ')} do not fit together`);
  }
}
