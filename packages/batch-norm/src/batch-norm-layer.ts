import {
  type ForwardPass,
  jsKernels,
  type Kernels,
  type Layer,
  type Matrix,
  type Parameter,
  type StateBuffer,
} from '@bpnet/core';
import {
  createParameter,
  createStateBuffer,
  expectForwardArguments,
  expectKnownOptions,
  expectPositiveInteger,
  expectSensitivityFor,
  type LastForward,
  type LayerRegistration,
  layerModule,
  reuseMatrix,
} from '@bpnet/core/plugin';
import { expectEpsilon, expectMomentum } from './batch-norm-options.js';

/** Options of a {@link BatchNormLayer}. */
export interface BatchNormOptions {
  /**
   * Weight of the old value in running ← momentum · running + (1 − momentum) · batch statistic; in [0, 1), default 0.9.
   */
  readonly momentum?: number;
  /** ε in √(σ² + ε); a finite number > 0, default 1e-5. */
  readonly epsilon?: number;
  /** Where the layer sits, for error messages, e.g. `'layers[1]'` (messages then start `batch-norm at layers[1]`). */
  readonly where?: string;
}

/**
 * Batch normalization of each feature (column) j over the N samples of a batch, with a learned scale γ and shift β.
 *
 * Training (N ≥ 2): μ = (1/N) Σ_n x_n, σ² = (1/N) Σ_n (x_n − μ)² (biased), s = √(σ² + ε), x̂_n = (x_n − μ)/s and
 * y_n = γ x̂_n + β. Then running mean ← m · running mean + (1 − m) · μ and running variance ← m · running variance
 * + (1 − m) · σ² N/(N − 1), the unbiased estimate, since the running variance stands for the population's.
 *
 * Inference: x̂_n = (x_n − running mean)/√(running variance + ε), y_n = γ x̂_n + β; rows are independent and
 * nothing changes.
 *
 * Backward, with δ = ∂J/∂y and g = δ γ: ∂J/∂γ += Σ_n δ_n x̂_n, ∂J/∂β += Σ_n δ_n, and
 * - after training, where μ and σ² depend on every x_n: ∂J/∂x_n = (1/s)(g_n − mean_n(g) − x̂_n · mean_n(g x̂));
 * - after inference, where the statistics are constants: ∂J/∂x_n = g_n/√(running variance + ε).
 * (The training form follows from ∂x̂_k/∂x_n = (1/s)([k = n] − 1/N − x̂_k x̂_n/N); the README derives it in full.)
 *
 * Parameters `scale` (γ, 1 × d, starts at 1) and `shift` (β, 1 × d, starts at 0); state `runningMean` (1 × d,
 * starts at 0) and `runningVariance` (1 × d, starts at 1). Sums run in float64 whatever the kernels' precision.
 */
export class BatchNormLayer implements Layer {
  readonly kind = 'batch-norm';
  readonly couplesSamples = true;
  readonly outputSize: number;
  /** m in running ← m · running + (1 − m) · batch statistic. */
  readonly momentum: number;
  /** ε in √(σ² + ε). */
  readonly epsilon: number;
  /** γ, 1 × d. */
  readonly scale: Parameter;
  /** β, 1 × d. */
  readonly shift: Parameter;
  /** The running mean, 1 × d: what inference subtracts. */
  readonly runningMean: StateBuffer;
  /** The running (unbiased) variance, 1 × d: what inference divides by the root of (plus ε). */
  readonly runningVariance: StateBuffer;
  private readonly label: string;
  /** x̂ of the last forward, row-major (its first rows · d values). */
  private normalized = new Float64Array(0);
  /** s_j = √(σ_j² + ε) of the last forward: the batch's variance in training, the running one in inference. */
  private readonly deviation: Float64Array;
  /** The batch mean μ and biased variance σ² of the last training forward. */
  private readonly batchMean: Float64Array;
  private readonly batchVariance: Float64Array;
  /** Σ_n δ and Σ_n δ x̂ per column, of the current backward. */
  private readonly deltaSum: Float64Array;
  private readonly deltaNormalizedSum: Float64Array;
  private last: LastForward | undefined;
  private output: Matrix | undefined;
  private inputSensitivity: Matrix | undefined;

  /**
   * @throws Error if `inputSize` is not a positive integer, `momentum` not in [0, 1) or `epsilon` not a finite
   * number > 0.
   */
  constructor(
    readonly inputSize: number,
    options: BatchNormOptions = {},
    private readonly kernels: Kernels = jsKernels,
  ) {
    this.label = options.where === undefined ? `batch-norm(${inputSize})` : `batch-norm at ${options.where}`;
    const d = (this.outputSize = expectPositiveInteger(inputSize, `${this.label}: input size`));
    this.momentum = expectMomentum(options.momentum, `${this.label}: momentum`);
    this.epsilon = expectEpsilon(options.epsilon, `${this.label}: epsilon`);
    this.scale = createParameter('scale', 1, d, kernels);
    this.shift = createParameter('shift', 1, d, kernels);
    this.runningMean = createStateBuffer('runningMean', 1, d, kernels);
    this.runningVariance = createStateBuffer('runningVariance', 1, d, kernels);
    // Set directly (no initializer, no draws); a network being restored overwrites all four with the saved values.
    kernels.fill(1, this.scale.value);
    kernels.fill(0, this.shift.value);
    kernels.fill(0, this.runningMean.value);
    kernels.fill(1, this.runningVariance.value);
    this.deviation = new Float64Array(d);
    this.batchMean = new Float64Array(d);
    this.batchVariance = new Float64Array(d);
    this.deltaSum = new Float64Array(d);
    this.deltaNormalizedSum = new Float64Array(d);
  }

  /** γ then β. */
  parameters(): readonly Parameter[] {
    return [this.scale, this.shift];
  }

  /** The running mean then the running variance. */
  state(): readonly StateBuffer[] {
    return [this.runningMean, this.runningVariance];
  }

  /**
   * y = γ x̂ + β, with x̂ normalized by the batch's statistics in training (which also moves the running ones) and
   * by the running statistics in inference.
   * @throws Error if the input does not have `inputSize` columns, the phase is unknown, or a training batch has
   *   fewer than 2 samples; nothing is changed then.
   */
  forward(input: Matrix, pass: ForwardPass): Matrix {
    const phase = expectForwardArguments(this.label, input, this.inputSize, pass);
    if (phase === 'training' && input.rows < 2) {
      throw new Error(
        `${this.label}: training needs at least 2 samples per batch to estimate the variance, got ${input.rows}`,
      );
    }
    const count = input.rows * this.inputSize;
    if (this.normalized.length < count) this.normalized = new Float64Array(count);
    const mean = phase === 'training' ? this.measureBatch(input) : this.runningMean.value.data;
    const variance = phase === 'training' ? this.batchVariance : this.runningVariance.value.data;
    this.normalize(input, mean, variance);
    const output = (this.output = reuseMatrix(this.output, input.rows, this.inputSize, this.kernels));
    this.scaleAndShift(input.rows, output);
    if (phase === 'training') this.updateRunningStatistics(input.rows);
    this.last = { phase, rows: input.rows };
    return output;
  }

  /**
   * ∂J/∂γ += Σ_n δ x̂, ∂J/∂β += Σ_n δ; returns ∂J/∂x: (1/s)(g − mean_n(g) − x̂ · mean_n(g x̂)) with g = δ γ after a
   * training forward, g/s after an inference one.
   * @throws Error before any forward, or if the sensitivity has the wrong shape.
   */
  backward(sensitivity: Matrix): Matrix {
    const last = this.expectSensitivity(sensitivity);
    const rows = last.rows;
    this.accumulateGradients(sensitivity, rows);
    const d = this.inputSize;
    const result = (this.inputSensitivity = reuseMatrix(this.inputSensitivity, rows, d, this.kernels));
    const delta = sensitivity.data;
    const xHat = this.normalized;
    const gamma = this.scale.value.data;
    const out = result.data;
    if (last.phase === 'inference') {
      const deviation = this.deviation;
      for (let n = 0, i = 0; n < rows; n++)
        for (let j = 0; j < d; j++, i++) out[i] = (delta[i] * gamma[j]) / deviation[j];
      return result;
    }
    // g = δ γ with γ constant over the batch: mean_n(g) = γ mean_n(δ) and mean_n(g x̂) = γ mean_n(δ x̂), so
    // ∂J/∂x = (γ/s)(δ − mean_n(δ) − x̂ mean_n(δ x̂)).
    const { deltaSum, deltaNormalizedSum, deviation } = this;
    for (let j = 0; j < d; j++) {
      deltaSum[j] /= rows; // now mean_n(δ)
      deltaNormalizedSum[j] /= rows; // now mean_n(δ x̂)
    }
    for (let n = 0, i = 0; n < rows; n++) {
      for (let j = 0; j < d; j++, i++)
        out[i] = (gamma[j] / deviation[j]) * (delta[i] - deltaSum[j] - xHat[i] * deltaNormalizedSum[j]);
    }
    return result;
  }

  /** ∂J/∂γ += Σ_n δ x̂, ∂J/∂β += Σ_n δ, without ∂J/∂x (for the first layer of a network). */
  backwardParameters(sensitivity: Matrix): void {
    this.accumulateGradients(sensitivity, this.expectSensitivity(sensitivity).rows);
  }

  /** μ and σ² (biased) of each column into `batchMean` and `batchVariance`; returns μ. */
  private measureBatch(input: Matrix): Float64Array {
    const { batchMean: mean, batchVariance: variance } = this;
    const x = input.data;
    const rows = input.rows;
    const d = this.inputSize;
    mean.fill(0);
    variance.fill(0);
    for (let n = 0, i = 0; n < rows; n++) for (let j = 0; j < d; j++, i++) mean[j] += x[i];
    for (let j = 0; j < d; j++) mean[j] /= rows;
    for (let n = 0, i = 0; n < rows; n++) {
      for (let j = 0; j < d; j++, i++) {
        const centred = x[i] - mean[j];
        variance[j] += centred * centred;
      }
    }
    for (let j = 0; j < d; j++) variance[j] /= rows;
    return mean;
  }

  /** s = √(σ² + ε) per column into `deviation`, and x̂ = (x − μ)/s into `normalized`. */
  private normalize(input: Matrix, mean: ArrayLike<number>, variance: ArrayLike<number>): void {
    const d = this.inputSize;
    for (let j = 0; j < d; j++) this.deviation[j] = Math.sqrt(variance[j] + this.epsilon);
    const x = input.data;
    const xHat = this.normalized;
    for (let n = 0, i = 0; n < input.rows; n++)
      for (let j = 0; j < d; j++, i++) xHat[i] = (x[i] - mean[j]) / this.deviation[j];
  }

  /** y = γ x̂ + β. */
  private scaleAndShift(rows: number, output: Matrix): void {
    const d = this.inputSize;
    const gamma = this.scale.value.data;
    const beta = this.shift.value.data;
    const xHat = this.normalized;
    const y = output.data;
    for (let n = 0, i = 0; n < rows; n++) for (let j = 0; j < d; j++, i++) y[i] = gamma[j] * xHat[i] + beta[j];
  }

  /** running ← m · running + (1 − m) · statistic, with the unbiased variance σ² N/(N − 1). */
  private updateRunningStatistics(rows: number): void {
    const m = this.momentum;
    const runningMean = this.runningMean.value.data;
    const runningVariance = this.runningVariance.value.data;
    for (let j = 0; j < this.inputSize; j++) {
      runningMean[j] = m * runningMean[j] + (1 - m) * this.batchMean[j];
      runningVariance[j] = m * runningVariance[j] + (1 - m) * ((this.batchVariance[j] * rows) / (rows - 1));
    }
  }

  /** Σ_n δ and Σ_n δ x̂ per column into `deltaSum` and `deltaNormalizedSum` (float64), added into ∂J/∂β and ∂J/∂γ. */
  private accumulateGradients(sensitivity: Matrix, rows: number): void {
    const d = this.inputSize;
    const { deltaSum, deltaNormalizedSum } = this;
    deltaSum.fill(0);
    deltaNormalizedSum.fill(0);
    const delta = sensitivity.data;
    const xHat = this.normalized;
    for (let n = 0, i = 0; n < rows; n++) {
      for (let j = 0; j < d; j++, i++) {
        deltaSum[j] += delta[i];
        deltaNormalizedSum[j] += delta[i] * xHat[i];
      }
    }
    const scaleGradient = this.scale.grad.data;
    const shiftGradient = this.shift.grad.data;
    for (let j = 0; j < d; j++) {
      scaleGradient[j] += deltaNormalizedSum[j];
      shiftGradient[j] += deltaSum[j];
    }
  }

  private expectSensitivity(sensitivity: Matrix): LastForward {
    return expectSensitivityFor(this.label, sensitivity, this.last, this.outputSize);
  }
}

// Registration

/** A batch normalization layer in a network spec. */
export interface BatchNormSpec {
  readonly kind: 'batch-norm';
  /** m in running ← m · running + (1 − m) · batch statistic; in [0, 1), default 0.9. */
  readonly momentum?: number;
  /** ε in √(σ² + ε); a finite number > 0, default 1e-5. */
  readonly epsilon?: number;
  readonly [option: string]: unknown;
}

/**
 * Registers the kind `'batch-norm'`: validates `momentum` and `epsilon` and creates a {@link BatchNormLayer}
 * (y = γ (x − μ)/√(σ² + ε) + β per feature, with γ = 1, β = 0, running mean 0 and running variance 1 to start),
 * keeping its input's size. Nothing is drawn.
 * @throws Error from `create`, e.g. `batch-norm at layers[1]: momentum must be in [0, 1), got 1`,
 *   `batch-norm at layers[1]: epsilon must be a finite number > 0, got 0`, or for an unknown option.
 */
export const batchNormRegistration: LayerRegistration<BatchNormSpec> = {
  kind: 'batch-norm',
  module: '@bpnet/batch-norm',
  examples: [{ kind: 'batch-norm' }, { kind: 'batch-norm', momentum: 0.5, epsilon: 1e-3 }],
  create(config, context) {
    expectKnownOptions(config, ['momentum', 'epsilon'], `batch-norm at ${context.where}`);
    return new BatchNormLayer(
      context.inputSize,
      { momentum: config.momentum, epsilon: config.epsilon, where: context.where },
      context.kernels,
    );
  },
};

/** Load into the container to make the kind `'batch-norm'` available: `createContainer(batchNormModule, ...)`. */
export const batchNormModule = layerModule(batchNormRegistration);
