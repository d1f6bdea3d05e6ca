import type { ForwardPass, Kernels, Layer, Matrix, Parameter } from '@bpnet/core';
import {
  expectFiniteNumber,
  expectKnownOptions,
  type LayerRegistration,
  layerModule,
  reuseMatrix,
} from '@bpnet/core/plugin';

/**
 * Additive gaussian noise, a regularizer that is only active in training.
 *
 * Training: y = x + σ·z, with one draw z = `pass.random.normal()` ~ N(0, 1) per element, in row-major order.
 * Inference: y = x (a copy in the layer's own buffer); nothing is drawn.
 *
 * Backward: z does not depend on x, so ∂y/∂x = 1 and ∂J/∂x = ∂J/∂y in both phases. No parameters.
 */
export class GaussianNoiseLayer implements Layer {
  readonly kind = 'acme/gaussian-noise';
  /** A training forward draws from `pass.random`: the network must give this layer a random source. */
  readonly stochastic = true;
  readonly outputSize: number;
  /** Rows of the last forward's input; undefined before any forward. */
  private rows: number | undefined;
  private output: Matrix | undefined;
  private inputSensitivity: Matrix | undefined;

  constructor(
    readonly inputSize: number,
    /** σ ≥ 0, the standard deviation of the noise. */
    readonly std: number,
    private readonly kernels: Kernels,
    /** For error messages, e.g. `'acme/gaussian-noise at layers[1]'`. */
    private readonly label: string,
  ) {
    this.outputSize = inputSize;
  }

  parameters(): readonly Parameter[] {
    return [];
  }

  /** Training: y = x + σ·z, z ~ N(0, 1) from `pass.random`. Inference: y = x. */
  forward(input: Matrix, pass: ForwardPass): Matrix {
    if (input.cols !== this.inputSize)
      throw new Error(`${this.label}: input has ${input.cols} columns, expected ${this.inputSize}`);
    const output = (this.output = reuseMatrix(this.output, input.rows, input.cols, this.kernels));
    this.rows = undefined; // until the forward has succeeded
    if (pass.phase === 'training') {
      const x = input.data,
        y = output.data,
        sigma = this.std,
        random = pass.random;
      for (let i = 0; i < x.length; i++) y[i] = x[i] + sigma * random.normal();
    } else {
      this.kernels.copy(input, output);
    }
    this.rows = input.rows;
    return output;
  }

  /** ∂J/∂x = ∂J/∂y (a copy in the layer's own buffer). */
  backward(sensitivity: Matrix): Matrix {
    if (this.rows === undefined) throw new Error(`${this.label}: backward called before forward`);
    if (sensitivity.rows !== this.rows || sensitivity.cols !== this.outputSize) {
      throw new Error(`${this.label}: sensitivity is ${sensitivity.shape}, expected ${this.rows}×${this.outputSize}`);
    }
    this.inputSensitivity = reuseMatrix(this.inputSensitivity, sensitivity.rows, sensitivity.cols, this.kernels);
    return this.kernels.copy(sensitivity, this.inputSensitivity);
  }
}

// Registration

/** The layer in a spec: `{ kind: 'acme/gaussian-noise', std?: number }`, σ ≥ 0 (default 0.1). */
export interface GaussianNoiseSpec {
  readonly kind: 'acme/gaussian-noise';
  readonly std?: number;
  readonly [option: string]: unknown;
}

/** Registers `'acme/gaussian-noise'`: y = x + σ·z in training, y = x in inference. */
export const gaussianNoiseRegistration: LayerRegistration<GaussianNoiseSpec> = {
  kind: 'acme/gaussian-noise',
  module: '@bpnet/example-custom-layer',
  examples: [{ kind: 'acme/gaussian-noise' }, { kind: 'acme/gaussian-noise', std: 2 }],
  create(config, context) {
    const where = `acme/gaussian-noise at ${context.where}`;
    expectKnownOptions(config, ['std'], where);
    const std = expectFiniteNumber(config.std ?? 0.1, `${where}: std`);
    if (std < 0) throw new Error(`${where}: std must be ≥ 0, got ${std}`);
    return new GaussianNoiseLayer(context.inputSize, std, context.kernels, where);
  },
};

/** Load into bpnet's container to use `'acme/gaussian-noise'` in specs. */
export const gaussianNoiseModule = layerModule(gaussianNoiseRegistration);
