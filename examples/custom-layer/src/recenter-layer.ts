import type { ForwardPass, Kernels, Layer, Matrix, Parameter, StateBuffer } from '@bpnet/core';
import {
  createStateBuffer,
  expectFiniteNumber,
  expectKnownOptions,
  type LayerRegistration,
  layerModule,
  reuseMatrix,
} from '@bpnet/core/plugin';

/**
 * Centers each feature on a running mean of the inputs seen in training: y = x − μ, per column.
 *
 * μ (1 × inputSize, starting at 0) is state, not a parameter: no gradient, never optimized, saved with the model.
 * Both phases output y = x − μ with μ as it is before the pass; a training forward then moves it towards the batch's
 * column means x̄: μ ← μ + m·(x̄ − μ), with momentum m. An inference forward leaves μ unchanged.
 *
 * Backward: μ is a constant of the pass, so ∂y/∂x = 1 and ∂J/∂x = ∂J/∂y.
 */
export class RecenterLayer implements Layer {
  readonly kind = 'acme/recenter';
  readonly outputSize: number;
  /** μ, 1 × inputSize. */
  readonly runningMean: StateBuffer;
  private rows: number | undefined;
  private output: Matrix | undefined;
  private inputSensitivity: Matrix | undefined;

  constructor(
    readonly inputSize: number,
    /** m in (0, 1]: how far one training batch moves μ towards its mean. */
    readonly momentum: number,
    private readonly kernels: Kernels,
    private readonly label: string,
  ) {
    this.outputSize = inputSize;
    this.runningMean = createStateBuffer('runningMean', 1, inputSize, kernels);
  }

  parameters(): readonly Parameter[] {
    return [];
  }

  state(): readonly StateBuffer[] {
    return [this.runningMean];
  }

  /** y = x − μ; in training, then μ ← μ + m·(x̄ − μ). */
  forward(input: Matrix, pass: ForwardPass): Matrix {
    if (input.cols !== this.inputSize)
      throw new Error(`${this.label}: input has ${input.cols} columns, expected ${this.inputSize}`);
    const output = (this.output = reuseMatrix(this.output, input.rows, input.cols, this.kernels));
    const mu = this.runningMean.value.data,
      x = input.data,
      y = output.data,
      units = this.inputSize;
    for (let i = 0; i < x.length; i++) y[i] = x[i] - mu[i % units];
    if (pass.phase === 'training') {
      for (let j = 0; j < units; j++) {
        let sum = 0;
        for (let n = 0; n < input.rows; n++) sum += x[n * units + j];
        mu[j] += this.momentum * (sum / input.rows - mu[j]);
      }
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

/** The layer in a spec: `{ kind: 'acme/recenter', momentum?: number }`, m in (0, 1] (default 0.1). */
export interface RecenterSpec {
  readonly kind: 'acme/recenter';
  readonly momentum?: number;
  readonly [option: string]: unknown;
}

/** Registers `'acme/recenter'`: y = x − μ, μ a running mean of the training inputs (state). */
export const recenterRegistration: LayerRegistration<RecenterSpec> = {
  kind: 'acme/recenter',
  module: '@bpnet/example-custom-layer',
  examples: [{ kind: 'acme/recenter' }, { kind: 'acme/recenter', momentum: 1 }],
  create(config, context) {
    const where = `acme/recenter at ${context.where}`;
    expectKnownOptions(config, ['momentum'], where);
    const momentum = expectFiniteNumber(config.momentum ?? 0.1, `${where}: momentum`);
    if (momentum <= 0 || momentum > 1) throw new Error(`${where}: momentum must be in (0, 1], got ${momentum}`);
    return new RecenterLayer(context.inputSize, momentum, context.kernels, where);
  },
};

/** Load into bpnet's container to use `'acme/recenter'` in specs. */
export const recenterModule = layerModule(recenterRegistration);
