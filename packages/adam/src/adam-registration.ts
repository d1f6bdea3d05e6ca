import { expectKnownOptions, type OptimizerRegistration, optimizerModule } from '@bpnet/core/plugin';
import { AdamOptimizer } from './adam-optimizer.js';

/** Adam in a training spec: `{ kind: 'adam', beta1?, beta2?, epsilon? }`. */
export interface AdamSpec {
  readonly kind: 'adam';
  readonly beta1?: number;
  readonly beta2?: number;
  readonly epsilon?: number;
  readonly [option: string]: unknown;
}

/** Registers the optimizer kind `'adam'`. */
export const adamRegistration: OptimizerRegistration<AdamSpec> = {
  kind: 'adam',
  module: '@bpnet/adam',
  examples: [{ kind: 'adam' }, { kind: 'adam', beta1: 0.5, beta2: 0.9, epsilon: 1e-3 }],
  create(config) {
    expectKnownOptions(config, ['beta1', 'beta2', 'epsilon'], 'adam optimizer');
    return new AdamOptimizer(config);
  },
};

/** Load into the container to make the optimizer kind `'adam'` available to its trainer. */
export const adamModule = optimizerModule(adamRegistration);
