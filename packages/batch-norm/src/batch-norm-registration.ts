import { expectKnownOptions, type LayerRegistration, layerModule } from '@bpnet/core/plugin';
import { BatchNormLayer } from './batch-norm-layer.js';

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
