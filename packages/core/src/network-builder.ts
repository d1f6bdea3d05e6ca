import type { Container } from 'inversify';
import type { InitializerRegistration } from './initializers/initializer.js';
import type { Kernels } from './kernels.js';
import type { Layer, LayerRegistration } from './layer.js';
import { createLayerContext } from './layer-context.js';
import type { LossRegistration } from './loss-layer.js';
import { Network } from './network.js';
import { type NetworkSpec, validateNetworkSpec } from './network-spec.js';
import type { RandomSource } from './random-source.js';
import type { Registry } from './registry.js';
import { NETWORK_BUILDER } from './tokens.js';

/** What the builder draws on; the container provides it from its bindings. */
export interface NetworkBuilderServices {
  readonly layers: Registry<LayerRegistration>;
  readonly losses: Registry<LossRegistration>;
  readonly initializers: Registry<InitializerRegistration>;
  readonly kernels: Kernels;
  readonly random: RandomSource;
}

/**
 * Builds networks from JSON specs through the registries: each layer is created by the registration of its kind,
 * with the previous layer's `outputSize` as its `inputSize`.
 */
export class NetworkBuilder {
  constructor(private readonly services: NetworkBuilderServices) {}

  /** The registered layer, loss and initializer kinds. */
  kinds(): { layers: string[]; losses: string[]; initializers: string[] } {
    const { layers, losses, initializers } = this.services;
    return { layers: layers.kinds(), losses: losses.kinds(), initializers: initializers.kinds() };
  }

  /**
   * Builds the network `spec` describes. `overrides.random` replaces the container's random source for the initial
   * weights (loading a model uses a throwaway source, so it draws nothing from the container's).
   * @throws Error on a malformed spec, an unknown kind (listing the known ones), or a layer's invalid options.
   */
  build(spec: NetworkSpec, overrides: { readonly random?: RandomSource } = {}): Network {
    const checked = validateNetworkSpec(spec);
    const kindModules: Record<string, string> = {};
    const random = overrides.random ?? this.services.random;
    let inputSize = checked.inputSize;
    const layers = checked.layers.map((layerSpec, index) => {
      const where = `layers[${index}]`;
      const registration = this.services.layers.get(layerSpec.kind, where);
      if (registration.module !== undefined) kindModules[registration.kind] = registration.module;
      const layer = registration.create(layerSpec, createLayerContext({ ...this.services, random }, inputSize, where));
      expectChainedSizes(layer, inputSize, `${layerSpec.kind} at ${where}`);
      inputSize = layer.outputSize;
      return layer;
    });
    const { kernels } = this.services;
    const lossRegistration = this.services.losses.get(checked.loss.kind, 'loss');
    if (lossRegistration.module !== undefined) kindModules[lossRegistration.kind] = lossRegistration.module;
    const loss = lossRegistration.create(checked.loss, { size: inputSize, kernels, where: 'loss' });
    return new Network(checked, layers, loss, kernels, kindModules);
  }
}

/**
 * Builds a network from a JSON spec with the container's registered kinds, kernels and random source.
 *
 * ```ts
 * const network = buildNetwork(container, {
 *   inputSize: 4,
 *   layers: [{ kind: 'dense', units: 20 }, { kind: 'sigmoid' }, { kind: 'dense', units: 3 }, { kind: 'sigmoid' }],
 *   loss: { kind: 'squared-error' },
 * });
 * ```
 */
export function buildNetwork(container: Container, spec: NetworkSpec): Network {
  return container.get(NETWORK_BUILDER).build(spec);
}

function expectChainedSizes(layer: Layer, inputSize: number, where: string): void {
  if (layer.inputSize !== inputSize || !Number.isSafeInteger(layer.outputSize) || layer.outputSize < 1) {
    throw new Error(
      `${where}: the layer reports inputSize ${layer.inputSize} and outputSize ${layer.outputSize}; expected inputSize ${inputSize} and a positive integer outputSize`,
    );
  }
}
