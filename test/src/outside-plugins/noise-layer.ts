import {
  expectFiniteNumber,
  expectKnownOptions,
  expectPositiveInteger,
  type ForwardPass,
  type Kernels,
  type Layer,
  type LayerRegistration,
  type Matrix,
  type Parameter,
  reuseMatrix,
} from '@bpnet/core';

/**
 * `{ kind: 'acme/noise', sigma?: number }`: additive Gaussian noise. An interface of its own, without an index
 * signature, as a third party would write it.
 */
export interface NoiseSpec {
  readonly kind: 'acme/noise';
  /** σ, the standard deviation of the noise; a finite number ≥ 0, default 0.1. */
  readonly sigma?: number;
}

/** The default σ of {@link NoiseSpec}. */
export const DEFAULT_SIGMA = 0.1;

/**
 * Additive Gaussian noise, a stochastic layer written outside bpnet: in training y = x + σ·z with z ~ N(0, 1) drawn
 * from `pass.random`, one draw per element in row-major order; in inference y = x.
 *
 * Backward: z does not depend on x, so ∂y_nj/∂x_nj = 1 and ∂J/∂x = ∂J/∂y in both phases. No parameters, no state.
 */
export class NoiseLayer implements Layer {
  readonly kind = 'acme/noise';
  readonly stochastic = true;
  readonly outputSize: number;
  private output: Matrix | undefined;
  private inputSensitivity: Matrix | undefined;
  private rows: number | undefined;

  constructor(
    readonly inputSize: number,
    readonly sigma: number,
    private readonly kernels: Kernels,
    private readonly where: string,
  ) {
    this.outputSize = inputSize;
  }

  parameters(): readonly Parameter[] {
    return [];
  }

  /** Training: y = x + σ·z, z ~ N(0, 1) from `pass.random`; inference: y = x. */
  forward(input: Matrix, pass: ForwardPass): Matrix {
    if (input.cols !== this.inputSize) throw new Error(`${this.where}: input has ${input.cols} columns, expected ${this.inputSize}`);
    this.rows = input.rows;
    const output = (this.output = reuseMatrix(this.output, input.rows, this.inputSize, this.kernels));
    if (pass.phase !== 'training') return this.kernels.copy(input, output);
    const x = input.data, y = output.data;
    for (let i = 0; i < x.length; i++) y[i] = x[i] + this.sigma * pass.random.normal();
    return output;
  }

  /** ∂J/∂x = ∂J/∂y. */
  backward(sensitivity: Matrix): Matrix {
    if (this.rows === undefined) throw new Error(`${this.where}: backward called before forward`);
    if (sensitivity.rows !== this.rows || sensitivity.cols !== this.outputSize) {
      throw new Error(`${this.where}: sensitivity is ${sensitivity.shape}, expected ${this.rows}×${this.outputSize}`);
    }
    this.inputSensitivity = reuseMatrix(this.inputSensitivity, sensitivity.rows, this.inputSize, this.kernels);
    return this.kernels.copy(sensitivity, this.inputSensitivity);
  }
}

/** Registers `acme/noise`: validates σ (finite, ≥ 0) and creates a {@link NoiseLayer}. */
export const noiseRegistration: LayerRegistration<NoiseSpec> = {
  kind: 'acme/noise',
  module: '@acme/noise',
  examples: [{ kind: 'acme/noise' }, { kind: 'acme/noise', sigma: 0.7 }],
  create(config, context) {
    const where = `acme/noise at ${context.where}`;
    expectKnownOptions(config, ['sigma'], where);
    const sigma = expectFiniteNumber(config.sigma ?? DEFAULT_SIGMA, `${where}: sigma`);
    if (sigma < 0) throw new Error(`${where}: sigma must be ≥ 0, got ${sigma}`);
    return new NoiseLayer(expectPositiveInteger(context.inputSize, `${where}: input size`), sigma, context.kernels, where);
  },
};
