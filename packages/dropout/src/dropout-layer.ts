import { type ForwardPass, jsKernels, type Kernels, type Layer, type Matrix, type Parameter } from '@bpnet/core';
import {
  describeValue,
  expectForwardArguments,
  expectKnownOptions,
  expectPositiveInteger,
  expectSensitivityFor,
  type LastForward,
  type LayerRegistration,
  layerModule,
  reuseMatrix,
} from '@bpnet/core/plugin';

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
 * Backward: y_i = m_i x_i with m independent of x, so ∂J/∂x = ∂J/∂y ⊙ m (s itself after an inference forward,
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

// Registration

/** A dropout layer in a network spec. */
export interface DropoutSpec {
  readonly kind: 'dropout';
  /** The probability p of dropping each element in training, in [0, 1); default 0.5. */
  readonly rate?: number;
  readonly [option: string]: unknown;
}

/**
 * Registers the kind `'dropout'`: validates `rate` and creates a {@link DropoutLayer} (y = x ⊙ m in training with
 * m = [u ≥ p] / (1 − p), y = x in inference) keeping its input's size.
 * @throws Error from `create`, e.g. `dropout at layers[2]: rate must be in [0, 1), got 1`, or for an unknown option.
 */
export const dropoutRegistration: LayerRegistration<DropoutSpec> = {
  kind: 'dropout',
  module: '@bpnet/dropout',
  examples: [
    { kind: 'dropout', rate: 0.5 },
    { kind: 'dropout', rate: 0.2 },
    { kind: 'dropout', rate: 0 },
  ],
  create(config, context) {
    expectKnownOptions(config, ['rate'], `dropout at ${context.where}`);
    return new DropoutLayer(context.inputSize, { rate: config.rate, where: context.where }, context.kernels);
  },
};

/** Load into the container to make the kind `'dropout'` available: `createContainer(dropoutModule, ...)`. */
export const dropoutModule = layerModule(dropoutRegistration);

// Rate validation

/** The rate a dropout layer drops with when its spec gives none. */
export const DEFAULT_DROPOUT_RATE = 0.5;

/**
 * Checks a dropout rate: a number in [0, 1) (0 keeps every unit; 1 would drop them all and divide by 0).
 * `undefined` gives {@link DEFAULT_DROPOUT_RATE}.
 * @param what - the name and place of the value, e.g. `'dropout at layers[2]: rate'`.
 * @throws Error `"<what> must be in [0, 1), got <value>"`.
 */
export function expectDropoutRate(value: unknown, what: string): number {
  if (value === undefined) return DEFAULT_DROPOUT_RATE;
  if (typeof value !== 'number' || !(value >= 0 && value < 1)) {
    throw new Error(
      `${what} must be in [0, 1), got ${typeof value === 'number' ? String(value) : describeValue(value)}`,
    );
  }
  return value;
}
