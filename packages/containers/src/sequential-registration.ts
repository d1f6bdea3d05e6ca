import type { LayerSpec } from '@bpnet/core';
import { expectKnownOptions, type LayerRegistration } from '@bpnet/core/plugin';
import { expectLayerSpecs } from './container-checks.js';
import { buildLayers } from './layer-chain.js';
import { SequentialLayer } from './sequential-layer.js';

/** A sequential container in a network spec: y = f_k(…f_1(x)). */
export interface SequentialSpec {
  readonly kind: 'sequential';
  /** The layers, in order; a non-empty array of layer specs of any registered kind (containers too). */
  readonly layers: readonly LayerSpec[];
  readonly [option: string]: unknown;
}

/**
 * Registers the kind `'sequential'`: validates `layers`, builds each child through the container's registry at
 * `<where>.layers[i]` and creates a {@link SequentialLayer}.
 */
export const sequentialRegistration: LayerRegistration<SequentialSpec> = {
  kind: 'sequential',
  module: '@bpnet/containers',
  examples: [
    { kind: 'sequential', layers: [{ kind: 'dense', units: 3 }, { kind: 'tanh' }] },
    {
      kind: 'sequential',
      layers: [{ kind: 'tanh' }, { kind: 'dense', units: 2 }, { kind: 'tanh' }, { kind: 'dense', units: 1 }],
    },
  ],
  create(config, context) {
    const where = `sequential at ${context.where}`;
    expectKnownOptions(config, ['layers'], where);
    const specs = expectLayerSpecs(config.layers, `${where}: layers`);
    return new SequentialLayer(context.inputSize, buildLayers(context, specs, 'layers', context.inputSize), where);
  },
};
