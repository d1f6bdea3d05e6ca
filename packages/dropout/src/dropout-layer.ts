import { type ForwardPass, jsKernels, type Kernels, type Layer, type Matrix, type Parameter } from '@bpnet/core';
import {
  expectForwardArguments,
  expectPositiveInteger,
  expectSensitivityFor,
  type LastForward,
  reuseMatrix,
} from '@bpnet/core/plugin';
import { expectDropoutRate } from './dropout-rate.js';

/** Options of a {@link DropoutLayer}. */
export interface DropoutOptions {
  /** The probability p of dropping each element in training, in [0, 1); default 0.5. */
  readonly rate?: number;
  /** Where the layer sits, for error messages, e.g. `'layers[2]'` (messages then start `dropout at layers[2]`). */
  readonly where?: string;
}

/**
 * Inverted dropout with rate p.
 *
 * Training: for every element of the batch, in row-major order (sample 0's features first, then sample 1's, …),
 * one draw u = `pass.random.uniform()`; the mask is m = [u ≥ p] / (1 − p) and y = x ⊙ m. A kept element is scaled
 * by 1/(1 − p), so E[y] = x and inference needs no rescaling. Exactly N · inputSize draws are made per pass, also
 * for p = 0, so the stream a run consumes does not depend on the rate.
 *
 * Inference: y = x (a copy in the layer's own buffer); nothing is drawn.
 *
 * Backward: y_i = m_i x_i with m independent of x, so ∂J/∂x = ∂J/∂y ⊙ m (δ itself after an inference forward,
 * where m = 1). No parameters.
 */
export class DropoutLayer implements Layer {
  readonly kind = 'dropout';
  readonly stochastic = true;
  readonly outputSize: number;
  /** The probability p of dropping an element in training. */
  readonly rate: number;
  private readonly label: string;
  /** m of the last training forward, row-major; its first `rows · inputSize` values are the mask. */
  private mask = new Float64Array(0);
  /** The phase and batch size of the last forward, undefined before any (or after one that failed while drawing). */
  private last: LastForward | undefined;
  private output: Matrix | undefined;
  private inputSensitivity: Matrix | undefined;

  /** @throws Error if `inputSize` is not a positive integer or `rate` is not in [0, 1). */
  constructor(
    readonly inputSize: number,
    options: DropoutOptions = {},
    private readonly kernels: Kernels = jsKernels,
  ) {
    this.label = options.where === undefined ? `dropout(${inputSize})` : `dropout at ${options.where}`;
    this.outputSize = expectPositiveInteger(inputSize, `${this.label}: input size`);
    this.rate = expectDropoutRate(options.rate, `${this.label}: rate`);
  }

  parameters(): readonly Parameter[] {
    return [];
  }

  /**
   * Training: y = x ⊙ m with m = [u ≥ p] / (1 − p), one uniform draw u per element in row-major order.
   * Inference: y = x, drawing nothing.
   * @throws Error if the input does not have `inputSize` columns or the phase is unknown.
   */
  forward(input: Matrix, pass: ForwardPass): Matrix {
    const phase = expectForwardArguments(this.label, input, this.inputSize, pass);
    if (phase === 'training') {
      this.last = undefined; // until every draw has succeeded
      this.drawMask(input.data.length, pass);
    }
    const output = (this.output = reuseMatrix(this.output, input.rows, this.inputSize, this.kernels));
    if (phase === 'inference') {
      this.kernels.copy(input, output);
    } else {
      const { mask } = this;
      const x = input.data;
      const y = output.data;
      for (let i = 0; i < x.length; i++) y[i] = x[i] * mask[i];
    }
    this.last = { phase, rows: input.rows };
    return output;
  }

  /**
   * ∂J/∂x = ∂J/∂y ⊙ m after a training forward, ∂J/∂y after an inference one. @throws Error before any forward, or if
   * the sensitivity has the wrong shape.
   */
  backward(sensitivity: Matrix): Matrix {
    const last = this.expectSensitivity(sensitivity);
    const result = (this.inputSensitivity = reuseMatrix(
      this.inputSensitivity,
      last.rows,
      this.inputSize,
      this.kernels,
    ));
    if (last.phase === 'inference') return this.kernels.copy(sensitivity, result);
    const { mask } = this;
    const delta = sensitivity.data;
    const out = result.data;
    for (let i = 0; i < delta.length; i++) out[i] = delta[i] * mask[i];
    return result;
  }

  /**
   * No parameters, so nothing to add: only checks its argument (the network calls this when dropout is its first
   * layer).
   */
  backwardParameters(sensitivity: Matrix): void {
    this.expectSensitivity(sensitivity);
  }

  /** Fills the first `count` mask values: m = [u ≥ p] / (1 − p), one draw each, in order. */
  private drawMask(count: number, pass: ForwardPass): void {
    if (this.mask.length < count) this.mask = new Float64Array(count);
    const { mask, rate } = this;
    const kept = 1 / (1 - rate);
    const random = pass.random;
    for (let i = 0; i < count; i++) mask[i] = random.uniform() >= rate ? kept : 0;
  }

  private expectSensitivity(sensitivity: Matrix): LastForward {
    return expectSensitivityFor(this.label, sensitivity, this.last, this.outputSize);
  }
}
