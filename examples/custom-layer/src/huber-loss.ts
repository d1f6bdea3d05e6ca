import type { Kernels, LossLayer, Matrix } from '@bpnet/core';
import {
  expectFiniteNumber,
  expectKnownOptions,
  type LossRegistration,
  lossModule,
  reuseMatrix,
} from '@bpnet/core/plugin';

/**
 * The Huber criterion with threshold δ > 0, averaged over the batch: with residuals r = z − t (N × size),
 * J = (1/N) Σ_n Σ_j h(r_nj), where h(r) = ½ r² for |r| ≤ δ and h(r) = δ·(|r| − ½ δ) otherwise.
 * It is squared error near the target and grows only linearly far from it, so outliers pull less.
 *
 * Backward: h'(r) = r for |r| ≤ δ and δ·sign(r) otherwise, i.e. h'(r) = clip(r, −δ, δ); since ∂r/∂z = 1,
 * ∂J/∂z_nj = clip(r_nj, −δ, δ) / N.
 */
export class HuberLoss implements LossLayer {
  readonly kind = 'acme/huber';
  private residual: Matrix | undefined;
  private gradient: Matrix | undefined;

  constructor(
    readonly size: number,
    /** δ > 0, where the quadratic part meets the linear one. */
    readonly delta: number,
    private readonly kernels: Kernels,
    /** For error messages, e.g. `'acme/huber at loss'`. */
    private readonly label: string,
  ) {}

  /** J = (1/N) Σ h(z − t). */
  forward(prediction: Matrix, target: Matrix): number {
    if (prediction.cols !== this.size || target.rows !== prediction.rows || target.cols !== this.size) {
      throw new Error(
        `${this.label}: prediction is ${prediction.shape} and target ${target.shape}; expected both N×${this.size}`,
      );
    }
    const residual = (this.residual = reuseMatrix(this.residual, prediction.rows, this.size, this.kernels));
    this.kernels.zip(prediction, target, (z, t) => z - t, residual);
    const delta = this.delta;
    let sum = 0;
    for (const r of residual.data) sum += Math.abs(r) <= delta ? 0.5 * r * r : delta * (Math.abs(r) - 0.5 * delta);
    return sum / prediction.rows;
  }

  /** ∂J/∂z = clip(z − t, −δ, δ) / N for the last forward. */
  backward(): Matrix {
    const residual = this.residual;
    if (residual === undefined) throw new Error(`${this.label}: backward called before forward`);
    const gradient = (this.gradient = reuseMatrix(this.gradient, residual.rows, residual.cols, this.kernels));
    const delta = this.delta,
      n = residual.rows;
    return this.kernels.map(residual, (r) => Math.min(delta, Math.max(-delta, r)) / n, gradient);
  }
}

// Registration

/** The loss in a spec: `{ kind: 'acme/huber', delta?: number }`, δ > 0 (default 1). */
export interface HuberSpec {
  readonly kind: 'acme/huber';
  readonly delta?: number;
  readonly [option: string]: unknown;
}

/** Registers the loss kind `'acme/huber'`. */
export const huberRegistration: LossRegistration<HuberSpec> = {
  kind: 'acme/huber',
  module: '@bpnet/example-custom-layer',
  examples: [{ kind: 'acme/huber' }, { kind: 'acme/huber', delta: 0.3 }],
  create(config, context) {
    const where = `acme/huber at ${context.where}`;
    expectKnownOptions(config, ['delta'], where);
    const delta = expectFiniteNumber(config.delta ?? 1, `${where}: delta`);
    if (delta <= 0) throw new Error(`${where}: delta must be positive, got ${delta}`);
    return new HuberLoss(context.size, delta, context.kernels, where);
  },
};

/** Load into bpnet's container to use `'acme/huber'` as a network's loss. */
export const huberModule = lossModule(huberRegistration);
