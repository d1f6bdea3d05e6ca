import { expectKnownOptions, type LayerRegistration, layerModule } from '@bpnet/core/plugin';
import { DropoutLayer } from './dropout-layer.js';

/** A dropout layer in a network spec. */
export interface DropoutSpec {
  readonly kind: 'dropout';
  /** The probability p of dropping each element in training, in [0, 1); default 0.5. */
  readonly rate?: number;
  readonly [option: string]: unknown;
}

/**
 * Registers the kind `'dropout'`: validates `rate` and creates a {@link DropoutLayer} (y = x ⊙ m in training with
 * m = [u ≥ p] / (1 − p), y = x in inference) keeping its input's size.
 * @throws Error from `create`, e.g. `dropout at layers[2]: rate must be in [0, 1), got 1`, or for an unknown option.
 */
export const dropoutRegistration: LayerRegistration<DropoutSpec> = {
  kind: 'dropout',
  module: '@bpnet/dropout',
  examples: [
    { kind: 'dropout', rate: 0.5 },
    { kind: 'dropout', rate: 0.2 },
    { kind: 'dropout', rate: 0 },
  ],
  create(config, context) {
    expectKnownOptions(config, ['rate'], `dropout at ${context.where}`);
    return new DropoutLayer(context.inputSize, { rate: config.rate, where: context.where }, context.kernels);
  },
};

/** Load into the container to make the kind `'dropout'` available: `createContainer(dropoutModule, ...)`. */
export const dropoutModule = layerModule(dropoutRegistration);
