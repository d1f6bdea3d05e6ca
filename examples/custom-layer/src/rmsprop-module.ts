import {
  expectFiniteNumber,
  expectKnownOptions,
  type OptimizerRegistration,
  optimizerModule,
} from '@bpnet/core/plugin';
import { RmspropOptimizer } from './rmsprop-optimizer.js';

/** The optimizer in training options: `{ kind: 'acme/rmsprop', decay?: number, epsilon?: number }`. */
export interface RmspropSpec {
  readonly kind: 'acme/rmsprop';
  /** ρ in [0, 1), default 0.9. */
  readonly decay?: number;
  /** ε > 0, default 1e-8. */
  readonly epsilon?: number;
  readonly [option: string]: unknown;
}

/** Registers the optimizer kind `'acme/rmsprop'`. */
export const rmspropRegistration: OptimizerRegistration<RmspropSpec> = {
  kind: 'acme/rmsprop',
  module: '@bpnet/example-custom-layer',
  examples: [{ kind: 'acme/rmsprop' }, { kind: 'acme/rmsprop', decay: 0.5, epsilon: 1e-3 }],
  create(config) {
    const where = 'acme/rmsprop optimizer';
    expectKnownOptions(config, ['decay', 'epsilon'], where);
    const decay = expectFiniteNumber(config.decay ?? 0.9, `${where}: decay`);
    if (decay < 0 || decay >= 1) throw new Error(`${where}: decay must be in [0, 1), got ${decay}`);
    const epsilon = expectFiniteNumber(config.epsilon ?? 1e-8, `${where}: epsilon`);
    if (epsilon <= 0) throw new Error(`${where}: epsilon must be positive, got ${epsilon}`);
    return new RmspropOptimizer(decay, epsilon);
  },
};

/** Load into bpnet's container so that its trainer accepts `optimizer: { kind: 'acme/rmsprop' }`. */
export const rmspropModule = optimizerModule(rmspropRegistration);
