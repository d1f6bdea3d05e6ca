import { expectKnownOptions, type LossRegistration, lossModule } from '@bpnet/core/plugin';
import { SoftmaxCrossEntropyLoss } from './softmax-cross-entropy-loss.js';

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
