import { type Kernels, type LossLayer, type Matrix, jsKernels } from '@bpnet/core';
import {
  expectKnownOptions,
  expectPositiveInteger,
  type LossRegistration,
  lossModule,
  reuseMatrix,
} from '@bpnet/core/plugin';
import { expectDistributions } from './expect-distributions.js';
import { negativeLogSoftmax } from './negative-log-softmax.js';

/** p − t from −log p and t: e^(−(−log p)) − t, element-wise. */
function probabilityMinusTarget(negativeLogProbability: number, target: number): number {
  return Math.exp(-negativeLogProbability) - target;
}

/** Σ t ⊙ (−log p) over the terms whose target is not 0 (a term with t = 0 adds 0, even where −log p is ∞). */
function crossEntropySum(target: Matrix, surprisal: Matrix): number {
  let sum = 0;
  for (let i = 0; i < target.data.length; i++) if (target.data[i] !== 0) sum += target.data[i] * surprisal.data[i];
  return sum;
}

/**
 * Softmax and the cross-entropy criterion fused into one loss, averaged over the batch. For logits z and targets t
 * (both N × size; each row of t a probability distribution, e.g. one-hot):
 *
 *   p_nk = e^(z_nk) / Σ_j e^(z_nj),   J = −(1/N) Σ_n Σ_k t_nk log p_nk.
 *
 * Backward returns ∂J/∂z = (p − t)/N. The layer below is usually a dense layer with no activation, which receives
 * this as its net gradient g = ∂J/∂net: the softmax's Jacobian is folded in, so no softmax layer precedes this loss.
 *
 * log p is computed by log-sum-exp (log p_nk = z_nk − m_n − log Σ_j e^(z_nj − m_n), m_n = max_k z_nk) and never as
 * log of p, so J and ∂J/∂z are finite and exact for logits like ±1000, and a target 0 where p underflows adds 0 —
 * also where −log p overflows to ∞ (logits 1e308 and −1e308, whose difference is not finite): J is then 0 for a
 * target on the largest logit, ∞ for a target on the smallest (which the trainer reports as divergence).
 */
export class SoftmaxCrossEntropyLoss implements LossLayer {
  readonly kind = 'softmax-cross-entropy';
  private negativeLogProbabilities: Matrix | undefined;
  private difference: Matrix | undefined;
  private gradient: Matrix | undefined;

  /** @throws Error if `size` (the number of classes) is not a positive integer. */
  constructor(
    readonly size: number,
    private readonly kernels: Kernels = jsKernels,
  ) {
    expectPositiveInteger(size, 'SoftmaxCrossEntropy: size');
  }

  /**
   * J = −(1/N) Σ_n Σ_k t_nk log softmax(z_n)_k = (1/N) Σ t ⊙ (−log p).
   * @throws Error if logits and targets are not both N × size, or a target row is not a probability distribution.
   */
  forward(logits: Matrix, target: Matrix): number {
    if (logits.cols !== this.size || target.rows !== logits.rows || target.cols !== this.size) {
      throw new Error(
        `${this.label}: logits are ${logits.shape} and target ${target.shape}; expected both N×${this.size}`,
      );
    }
    expectDistributions(target, this.label);
    const surprisal = (this.negativeLogProbabilities = reuseMatrix(
      this.negativeLogProbabilities,
      logits.rows,
      this.size,
      this.kernels,
    ));
    negativeLogSoftmax(logits, surprisal);
    this.difference = reuseMatrix(this.difference, logits.rows, this.size, this.kernels);
    this.kernels.zip(surprisal, target, probabilityMinusTarget, this.difference);
    const total = this.kernels.dot(target, surprisal);
    // NaN here is 0 · ∞ from a class whose logit is so far below the largest that −log p overflowed (logits 1e308
    // and −1e308): such a term is 0 when its target is 0, as t log p is by convention; NaN logits stay NaN.
    return (Number.isNaN(total) ? crossEntropySum(target, surprisal) : total) / logits.rows;
  }

  /** ∂J/∂z = (p − t)/N for the last forward. @throws Error before any forward. */
  backward(): Matrix {
    const diff = this.difference;
    if (diff === undefined) throw new Error(`${this.label}: backward called before forward`);
    this.gradient = reuseMatrix(this.gradient, diff.rows, diff.cols, this.kernels);
    return this.kernels.scale(1 / diff.rows, diff, this.gradient);
  }

  /** `SoftmaxCrossEntropy(size)`, as errors name the loss. */
  get label(): string {
    return `SoftmaxCrossEntropy(${this.size})`;
  }
}

// Registration

/** The softmax cross-entropy criterion in a network spec; it takes no options. */
export interface SoftmaxCrossEntropySpec {
  readonly kind: 'softmax-cross-entropy';
  readonly [option: string]: unknown;
}

/** Registers the loss kind `'softmax-cross-entropy'`: J = −(1/N) Σ_n Σ_k t_nk log softmax(z_n)_k, ∂J/∂z = (p − t)/N. */
export const softmaxCrossEntropyRegistration: LossRegistration<SoftmaxCrossEntropySpec> = {
  kind: 'softmax-cross-entropy',
  module: '@bpnet/softmax-cross-entropy',
  create(config, context) {
    expectKnownOptions(config, [], `softmax-cross-entropy at ${context.where}`);
    return new SoftmaxCrossEntropyLoss(context.size, context.kernels);
  },
};

/** Load into the container to make the loss kind `'softmax-cross-entropy'` available. */
export const softmaxCrossEntropyModule = lossModule(softmaxCrossEntropyRegistration);
