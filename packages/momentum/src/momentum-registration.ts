import { expectKnownOptions, type OptimizerRegistration, optimizerModule } from '@bpnet/core/plugin';
import { MomentumOptimizer } from './momentum-optimizer.js';

/** The momentum optimizer in a training spec: `{ kind: 'momentum', momentum: 0.9 }`. */
export interface MomentumSpec {
  readonly kind: 'momentum';
  readonly momentum?: number;
  readonly [option: string]: unknown;
}

/** Registers the optimizer kind `'momentum'`. */
export const momentumRegistration: OptimizerRegistration<MomentumSpec> = {
  kind: 'momentum',
  module: '@bpnet/momentum',
  examples: [{ kind: 'momentum' }, { kind: 'momentum', momentum: 0.5 }],
  create(config) {
    expectKnownOptions(config, ['momentum'], 'momentum optimizer');
    return new MomentumOptimizer(config);
  },
};

/** Load into the container to make the optimizer kind `'momentum'` available to its trainer. */
export const momentumModule = optimizerModule(momentumRegistration);
