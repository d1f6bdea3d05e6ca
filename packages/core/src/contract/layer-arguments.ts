import type { ForwardPass, Phase } from './layer.js';
import type { Matrix } from '../kernels/matrix.js';
import { brief } from '../validation/brief.js';

/** What a layer remembers of its last forward to check `backward`'s argument against. */
export interface LastForward {
  readonly phase: Phase;
  readonly rows: number;
}

/**
 * Checks `forward`'s arguments for a layer named `label` (e.g. `'dropout at layers[2]'`): the input has `inputSize`
 * columns and `pass.phase` is `'training'` or `'inference'`. Returns the phase.
 * @throws Error `"<label>: input has 3 columns, expected 4"` or
 *   `"<label>: pass.phase must be 'training' or 'inference', got …"`.
 */
export function expectForwardArguments(label: string, input: Matrix, inputSize: number, pass: ForwardPass): Phase {
  if (input.cols !== inputSize) throw new Error(`${label}: input has ${input.cols} columns, expected ${inputSize}`);
  const phase = pass.phase;
  if (phase !== 'training' && phase !== 'inference') {
    throw new Error(`${label}: pass.phase must be 'training' or 'inference', got ${brief(phase)}`);
  }
  return phase;
}

/**
 * Checks `backward`'s argument against the last forward: there was one, and the sensitivity is its batch × `cols`.
 * Returns the last forward.
 * @throws Error `"<label>: backward called before forward"` or `"<label>: sensitivity is 3×3, expected 2×3"`.
 */
export function expectSensitivityFor<T extends LastForward>(
  label: string,
  sensitivity: Matrix,
  last: T | undefined,
  cols: number,
): T {
  if (last === undefined) throw new Error(`${label}: backward called before forward`);
  if (sensitivity.rows !== last.rows || sensitivity.cols !== cols) {
    throw new Error(`${label}: sensitivity is ${sensitivity.shape}, expected ${last.rows}×${cols}`);
  }
  return last;
}
