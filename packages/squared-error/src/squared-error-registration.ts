import { expectKnownOptions, type LossRegistration, lossModule } from '@bpnet/core/plugin';
import { SquaredErrorLoss } from './squared-error-loss.js';

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
