import { type Kernels, type LossLayer, type Matrix, jsKernels } from '@bpnet/core';
import { expectKnownOptions, type LossRegistration, lossModule, reuseMatrix } from '@bpnet/core/plugin';

/** z − t, element-wise. */
function difference(prediction: number, target: number): number {
  return prediction - target;
}

/**
 * The squared-error criterion of equation (5), averaged over the batch:
 * J = (1/N) Σ_n ½ ‖t_n − z_n‖² for predictions z and targets t (N × size).
 *
 * Backward returns ∂J/∂z = (z − t) / N, which the output sigmoid turns into the net gradient
 * g_k = ∂J/∂net_k = (z_k − t_k) f'(net_k) / N = −δ_k / N, δ_k being the book's sensitivity (equation 10).
 *
 * The three-layer example's reference program prints Σ (t − z)² / N, twice this J (it drops the ½ while computing the
 * ½-form gradients); bpnet reports the J whose gradient it computes.
 */
export class SquaredErrorLoss implements LossLayer {
  readonly kind = 'squared-error';
  private difference: Matrix | undefined;
  private gradient: Matrix | undefined;

  constructor(
    readonly size: number,
    private readonly kernels: Kernels = jsKernels,
  ) {}

  /** J = (1/N) Σ ½ ‖t − z‖². @throws Error if prediction and target shapes differ from N × size. */
  forward(prediction: Matrix, target: Matrix): number {
    if (prediction.cols !== this.size || target.rows !== prediction.rows || target.cols !== this.size) {
      throw new Error(
        `SquaredError(${this.size}): prediction is ${prediction.shape} ` +
          `and target ${target.shape}; expected both N×${this.size}`,
      );
    }
    this.difference = reuseMatrix(this.difference, prediction.rows, this.size, this.kernels);
    this.kernels.zip(prediction, target, difference, this.difference);
    return (0.5 * this.kernels.dot(this.difference, this.difference)) / prediction.rows;
  }

  /** ∂J/∂z = (z − t) / N for the last forward. @throws Error before any forward. */
  backward(): Matrix {
    const diff = this.difference;
    if (diff === undefined) throw new Error(`SquaredError(${this.size}): backward called before forward`);
    this.gradient = reuseMatrix(this.gradient, diff.rows, diff.cols, this.kernels);
    return this.kernels.scale(1 / diff.rows, diff, this.gradient);
  }
}

// Registration

/** The squared-error criterion in a network spec; it takes no options. */
export interface SquaredErrorSpec {
  readonly kind: 'squared-error';
  readonly [option: string]: unknown;
}

/** Registers the loss kind `'squared-error'`. */
export const squaredErrorRegistration: LossRegistration<SquaredErrorSpec> = {
  kind: 'squared-error',
  module: '@bpnet/squared-error',
  create(config, context) {
    expectKnownOptions(config, [], `squared-error at ${context.where}`);
    return new SquaredErrorLoss(context.size, context.kernels);
  },
};

/** Load into the container to make the loss kind `'squared-error'` available. */
export const squaredErrorModule = lossModule(squaredErrorRegistration);
