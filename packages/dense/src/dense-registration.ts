import type { InitializerSpec } from '@bpnet/core';
import { expectKnownOptions, expectPositiveInteger, type LayerRegistration, layerModule } from '@bpnet/core/plugin';
import { DenseLayer } from './dense-layer.js';

/** A dense layer in a network spec. */
export interface DenseSpec {
  readonly kind: 'dense';
  /** Number of units (output columns); a positive integer. */
  readonly units: number;
  /**
   * How W is initialized; default `{ kind: 'gaussian' }` (std 1/√inputSize). The reference program uses
   * `{ kind: 'gaussian', std: 0.1 }`.
   */
  readonly weightInitializer?: InitializerSpec;
  /** How b is initialized; default `'zeros'`. */
  readonly biasInitializer?: InitializerSpec;
  readonly [option: string]: unknown;
}

/**
 * Registers the kind `'dense'`: declares its size ((inputSize + 1) · units values), validates `units`, creates a
 * {@link DenseLayer} and initializes W and b.
 */
export const denseRegistration: LayerRegistration<DenseSpec> = {
  kind: 'dense',
  module: '@bpnet/dense',
  examples: [
    { kind: 'dense', units: 3 },
    {
      kind: 'dense',
      units: 1,
      weightInitializer: { kind: 'xavier' },
      biasInitializer: { kind: 'constant', value: 0.5 },
    },
  ],
  /**
   * W and b: (inputSize + 1) · units values, asked before `create` so that a spec with huge `units` is refused
   * before anything is allocated. 0 when `units` is not a positive number (`create` reports it).
   */
  parameterCount(config, inputSize) {
    const units = config.units;
    return typeof units === 'number' && units > 0 ? (inputSize + 1) * units : 0;
  },
  create(config, context) {
    const where = `dense at ${context.where}`;
    expectKnownOptions(config, ['units', 'weightInitializer', 'biasInitializer'], where);
    const units = expectPositiveInteger(config.units, `${where}: units`);
    const inputSize = expectPositiveInteger(context.inputSize, `${where}: input size`);
    const layer = new DenseLayer(inputSize, units, context.kernels);
    const fan = { fanIn: inputSize, fanOut: units };
    context.initialize(config.weightInitializer ?? { kind: 'gaussian' }, layer.weights.value, fan, 'weights');
    context.initialize(config.biasInitializer ?? 'zeros', layer.bias.value, fan, 'bias');
    return layer;
  },
};

/** Load into the container to make the kind `'dense'` available: `createContainer(denseModule, ...)`. */
export const denseModule = layerModule(denseRegistration);
