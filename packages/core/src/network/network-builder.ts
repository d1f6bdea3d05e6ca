import type { InitializerRegistration } from '../initializers/initializer.js';
import type { Kernels } from '../kernels/kernels.js';
import type { AnyLayerRegistration } from '../contract/layer.js';
import { LayerFactory } from '../contract/layer-context.js';
import { describeLayerTree } from '../contract/layer-tree.js';
import type { LossRegistration } from '../contract/loss-layer.js';
import { Network } from './network.js';
import { type NetworkSpec, validateNetworkSpec } from './network-spec.js';
import type { RandomSource } from '../random/random-source.js';
import type { Registry } from '../di/registry.js';
import { SeededRandom } from '../random/seeded-random.js';
import type { ServiceToken } from '../di/bpnet-container.js';

/** What the builder draws on; the container provides it from its bindings. */
export interface NetworkBuilderServices {
  readonly layers: Registry<AnyLayerRegistration>;
  readonly losses: Registry<LossRegistration>;
  readonly initializers: Registry<InitializerRegistration>;
  readonly kernels: Kernels;
  readonly random: RandomSource;
}

/** Options of {@link NetworkBuilder.build}. */
export interface BuildOptions {
  /**
   * Rebuilding a saved network whose values will be restored: initializers are not run (so none need be
   * registered) and nothing is drawn for initial values. Default false.
   */
  readonly restoring?: boolean;
  /** Replaces the container's random source for this build. */
  readonly random?: RandomSource;
  /**
   * Most parameter and state values the network may hold; checked layer by layer before allocating (see `loadModel`).
   */
  readonly maxValues?: number;
}

/**
 * Builds networks from JSON specs through the registries: each layer is created by the registration of its kind,
 * with the previous layer's `outputSize` as its `inputSize`; containers build their children the same way.
 */
export class NetworkBuilder {
  constructor(private readonly services: NetworkBuilderServices) {}

  /** The registered layer, loss and initializer kinds. */
  kinds(): { layers: string[]; losses: string[]; initializers: string[] } {
    const { layers, losses, initializers } = this.services;
    return { layers: layers.kinds(), losses: losses.kinds(), initializers: initializers.kinds() };
  }

  /**
   * Builds the network `spec` describes. Initial values are drawn from the container's random source; when a layer
   * declares `stochastic`, one more draw from it seeds the network's own source for forward passes
   * (`network.random`), so networks without stochastic layers draw exactly what they always did.
   * @throws Error on a malformed or cyclic spec, an unknown kind (with its full path and the known kinds), a layer's
   *   invalid options, or two parameters or state buffers with the same path.
   */
  build(spec: NetworkSpec, options: BuildOptions = {}): Network {
    const checked = validateNetworkSpec(spec);
    const random = options.random ?? this.services.random;
    const factory = new LayerFactory({
      ...this.services,
      random,
      restoring: options.restoring ?? false,
      maxValues: options.maxValues,
    });
    let inputSize = checked.inputSize;
    const layers = checked.layers.map((layerSpec, index) => {
      const layer = factory.build(layerSpec, inputSize, `layers[${index}]`);
      inputSize = layer.outputSize;
      return layer;
    });
    factory.close();
    const kindModules = factory.kindModules;
    const { kernels } = this.services;
    const lossRegistration = this.services.losses.get(checked.loss.kind, 'loss');
    if (lossRegistration.module !== undefined) kindModules[lossRegistration.kind] = lossRegistration.module;
    const loss = lossRegistration.create(checked.loss, { size: inputSize, kernels, where: 'loss' });
    const stochastic = describeLayerTree(
      layers.map((layer, index) => ({ name: `layers[${index}]`, layer })),
    ).stochastic;
    const forwardRandom = stochastic ? new SeededRandom(Math.floor(random.uniform() * 2 ** 32)) : undefined;
    return new Network(checked, layers, loss, kernels, kindModules, forwardRandom);
  }
}

/** The {@link NetworkBuilder} that turns a JSON spec into a network. */
export const NETWORK_BUILDER: ServiceToken<NetworkBuilder> = Symbol.for('@bpnet/core/NetworkBuilder');
