import { expectKnownOptions, type LayerRegistration } from '@bpnet/core';
import { SigmoidLayer } from './sigmoid-layer.js';

/** A sigmoid layer in a network spec; it takes no options and keeps its input's size. */
export interface SigmoidSpec {
  readonly kind: 'sigmoid';
  readonly [option: string]: unknown;
}

/** Registers the kind `'sigmoid'`. */
export const sigmoidRegistration: LayerRegistration<SigmoidSpec> = {
  kind: 'sigmoid',
  module: '@bpnet/sigmoid',
  create(config, context) {
    expectKnownOptions(config, [], `sigmoid at ${context.where}`);
    return new SigmoidLayer(context.inputSize, context.kernels);
  },
};
