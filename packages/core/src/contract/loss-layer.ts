import type { Kernels } from '../kernels/kernels.js';
import type { Matrix } from '../kernels/matrix.js';
import type { ServiceToken } from '../di/bpnet-container.js';

/**
 * A criterion J(prediction, target), averaged over the batch. `forward` returns J and caches what `backward`
 * needs; `backward` returns ∂J/∂prediction (N × size), the sensitivity that starts backpropagation. The value
 * returned is always the one whose gradient `backward` computes.
 */
export interface LossLayer {
  /** The registered kind, e.g. `'squared-error'`. */
  readonly kind: string;
  /** Columns of predictions and targets. */
  readonly size: number;
  forward(prediction: Matrix, target: Matrix): number;
  backward(): Matrix;
}

/** A loss's entry in a network spec. */
export interface LossSpec {
  readonly kind: string;
  readonly [option: string]: unknown;
}

/** What the network builder hands to a loss registration's `create`. */
export interface LossContext {
  /** Columns of the predictions: the last layer's `outputSize`. */
  readonly size: number;
  readonly kernels: Kernels;
  /** Where the loss sits in the spec, for error messages: `'loss'`. */
  readonly where: string;
}

/** A loss kind, bound in the container under {@link LOSS_REGISTRATION} (see `lossModule`). */
export interface LossRegistration<Config extends { readonly kind: string } = LossSpec> {
  readonly kind: string;
  readonly module?: string;
  /** Typical configs, which the conformance kit checks when given no others (default: `{ kind }` alone). */
  readonly examples?: readonly Config[];
  create(config: Config, context: LossContext): LossLayer;
}

/** Multi-binding: every loss kind's {@link LossRegistration}. */
export const LOSS_REGISTRATION: ServiceToken<LossRegistration> = Symbol.for('@bpnet/core/LossRegistration');
