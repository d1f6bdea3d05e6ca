import {
  createStateBuffer,
  expectKnownOptions,
  expectPositiveInteger,
  type ForwardPass,
  type Kernels,
  type Layer,
  type LayerRegistration,
  type Matrix,
  type Parameter,
  type Phase,
  reuseMatrix,
  type StateBuffer,
} from '@bpnet/core';

/** `{ kind: 'acme/running-center' }`: takes no options. */
export interface RunningCenterSpec {
  readonly kind: 'acme/running-center';
}

/** The weight of the batch mean in the running mean's update r ← (1 − MOMENTUM)·r + MOMENTUM·m. */
export const MOMENTUM = 0.2;

/**
 * Centers each feature, a layer with running state written outside bpnet.
 *
 * Training, for a batch x (N × d): m_j = (1/N) Σ_n x_nj, y_nj = x_nj − m_j, and the running mean r (state
 * `runningMean`, 1 × d, starting at 0) is updated r_j ← 0.8·r_j + 0.2·m_j. Inference: y_nj = x_nj − r_j, r unchanged.
 * In training row n of y depends on every row of the batch, so the layer declares `couplesSamples`.
 *
 * Backward in training, with δ = ∂J/∂y:
 *   ∂y_nj/∂x_kj = [n = k] − ∂m_j/∂x_kj = [n = k] − 1/N      (and 0 across features: y_nj does not involve x_kl, l ≠ j)
 *   ∂J/∂x_kj = Σ_n δ_nj · ([n = k] − 1/N) = δ_kj − (1/N) Σ_n δ_nj,
 * i.e. ∂J/∂x = δ − mean_n(δ): each column of δ, centered. The running mean is state, not a function of x that J sees
 * in this pass, so it adds nothing. Backward in inference: r is a constant, ∂J/∂x = δ.
 */
export class RunningCenterLayer implements Layer {
  readonly kind = 'acme/running-center';
  readonly couplesSamples = true;
  readonly outputSize: number;
  readonly runningMean: StateBuffer;
  private output: Matrix | undefined;
  private inputSensitivity: Matrix | undefined;
  private readonly batchMean: Float64Array;
  private last: { rows: number; phase: Phase } | undefined;

  constructor(
    readonly inputSize: number,
    private readonly kernels: Kernels,
    private readonly where: string,
  ) {
    this.outputSize = inputSize;
    this.runningMean = createStateBuffer('runningMean', 1, inputSize, kernels);
    this.batchMean = new Float64Array(inputSize);
  }

  parameters(): readonly Parameter[] {
    return [];
  }

  state(): readonly StateBuffer[] {
    return [this.runningMean];
  }

  /** Training: y = x − m (batch mean), r ← 0.8 r + 0.2 m; inference: y = x − r. */
  forward(input: Matrix, pass: ForwardPass): Matrix {
    const d = this.inputSize;
    if (input.cols !== d) throw new Error(`${this.where}: input has ${input.cols} columns, expected ${d}`);
    const rows = input.rows;
    this.last = { rows, phase: pass.phase };
    const output = (this.output = reuseMatrix(this.output, rows, d, this.kernels));
    const x = input.data, y = output.data, r = this.runningMean.value.data;
    const center = this.batchMean;
    if (pass.phase === 'training') {
      center.fill(0);
      for (let n = 0; n < rows; n++) for (let j = 0; j < d; j++) center[j] += x[n * d + j];
      for (let j = 0; j < d; j++) {
        center[j] /= rows;
        r[j] = (1 - MOMENTUM) * r[j] + MOMENTUM * center[j];
      }
    } else {
      for (let j = 0; j < d; j++) center[j] = r[j];
    }
    for (let n = 0; n < rows; n++) for (let j = 0; j < d; j++) y[n * d + j] = x[n * d + j] - center[j];
    return output;
  }

  /** Training: ∂J/∂x = δ − mean_n(δ); inference: ∂J/∂x = δ. */
  backward(sensitivity: Matrix): Matrix {
    const last = this.last;
    if (last === undefined) throw new Error(`${this.where}: backward called before forward`);
    const d = this.inputSize;
    if (sensitivity.rows !== last.rows || sensitivity.cols !== d) {
      throw new Error(`${this.where}: sensitivity is ${sensitivity.shape}, expected ${last.rows}×${d}`);
    }
    const result = (this.inputSensitivity = reuseMatrix(this.inputSensitivity, last.rows, d, this.kernels));
    if (last.phase !== 'training') return this.kernels.copy(sensitivity, result);
    const s = sensitivity.data, g = result.data;
    const mean = new Float64Array(d);
    for (let n = 0; n < last.rows; n++) for (let j = 0; j < d; j++) mean[j] += s[n * d + j];
    for (let j = 0; j < d; j++) mean[j] /= last.rows;
    for (let n = 0; n < last.rows; n++) for (let j = 0; j < d; j++) g[n * d + j] = s[n * d + j] - mean[j];
    return result;
  }
}

/** Registers `acme/running-center` (no options). */
export const runningCenterRegistration: LayerRegistration<RunningCenterSpec> = {
  kind: 'acme/running-center',
  module: '@acme/running-center',
  create(config, context) {
    const where = `acme/running-center at ${context.where}`;
    expectKnownOptions(config, [], where);
    return new RunningCenterLayer(expectPositiveInteger(context.inputSize, `${where}: input size`), context.kernels, where);
  },
};
