import type { Matrix } from '@bpnet/core';
import { describeValue } from '@bpnet/core/plugin';

/**
 * Checks that a container option is a non-empty array of layer specs (the specs themselves are checked when
 * `context.build` builds them, with their full paths).
 * @param what - the option and its place, e.g. `'residual at layers[1]: body'`.
 * @throws Error `"<what> must be a non-empty array of layer specs, got <value>"`.
 */
export function expectLayerSpecs(value: unknown, what: string): readonly unknown[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new Error(`${what} must be a non-empty array of layer specs, got ${describeValue(value)}`);
  }
  return value;
}

/**
 * Checks that a forward input has `cols` columns.
 * @throws Error `"<label>: input has <c> columns, expected <cols>"`.
 */
export function expectInputColumns(input: Matrix, cols: number, label: string): void {
  if (input.cols !== cols) throw new Error(`${label}: input has ${input.cols} columns, expected ${cols}`);
}

/**
 * Checks that a sensitivity is `rows × cols`, the shape of the output of the last forward (`rows` undefined: no
 * forward yet).
 * @throws Error `"<label>: backward called before forward"` or `"<label>: sensitivity is <r×c>, expected <rows×cols>"`.
 */
export function expectSensitivityShape(
  sensitivity: Matrix,
  rows: number | undefined,
  cols: number,
  label: string,
): void {
  if (rows === undefined) throw new Error(`${label}: backward called before forward`);
  if (sensitivity.rows !== rows || sensitivity.cols !== cols) {
    throw new Error(`${label}: sensitivity is ${sensitivity.shape}, expected ${rows}×${cols}`);
  }
}
