import 'reflect-metadata';
import { Container, ContainerModule, type ServiceIdentifier } from 'inversify';
import { builtinInitializers } from '../initializers/builtin-initializers.js';
import { INITIALIZER_REGISTRATION, type InitializerRegistration } from '../initializers/initializer.js';
import { jsKernels } from '../kernels/js-kernels.js';
import { KERNELS } from '../kernels/kernels.js';
import { type AnyLayerRegistration, LAYER_REGISTRATION } from '../contract/layer.js';
import { LOSS_REGISTRATION, type LossRegistration } from '../contract/loss-layer.js';
import { NETWORK_BUILDER, NetworkBuilder } from '../network/network-builder.js';
import { Registry } from '../di/registry.js';
import { OPTIMIZER_REGISTRATION, type OptimizerRegistration } from '../optimizers/optimizer.js';
import { sgdRegistration } from '../optimizers/sgd-optimizer.js';
import { RANDOM_SOURCE, type RandomSource } from '../random/random-source.js';
import { expectSeed, SeededRandom } from '../random/seeded-random.js';
import { TRAINER, Trainer } from '../training/trainer.js';

/**
 * Core's bindings: the JS kernels, a random source seeded from the system's entropy (load {@link seededRandomModule}
 * to choose a fixed random seed), the built-in initializers, the `sgd` optimizer, the network builder and the trainer.
 */
export const coreModule = new ContainerModule(({ bind }) => {
  bind(KERNELS).toConstantValue(jsKernels);
  bind(RANDOM_SOURCE)
    .toDynamicValue(() => new SeededRandom(SeededRandom.entropySeed()))
    .inSingletonScope();
  for (const initializer of builtinInitializers) bind(INITIALIZER_REGISTRATION).toConstantValue(initializer);
  bind(NETWORK_BUILDER).toDynamicValue(
    (context) =>
      new NetworkBuilder({
        layers: new Registry('layer', context.getAll(LAYER_REGISTRATION, { optional: true })),
        losses: new Registry('loss', context.getAll(LOSS_REGISTRATION, { optional: true })),
        initializers: new Registry('initializer', context.getAll(INITIALIZER_REGISTRATION, { optional: true })),
        kernels: context.get(KERNELS),
        random: context.get(RANDOM_SOURCE),
      }),
  );
  bind(OPTIMIZER_REGISTRATION).toConstantValue(sgdRegistration);
  bind(TRAINER).toDynamicValue(
    (context) =>
      new Trainer(
        context.get(RANDOM_SOURCE),
        new Registry('optimizer', context.getAll(OPTIMIZER_REGISTRATION, { optional: true })),
      ),
  );
});

/**
 * A container with core's bindings plus the given modules (layer kinds, losses, backends, …), loaded in order.
 * The registries are checked at once, so a duplicate kind fails here rather than at the first build.
 *
 * This is bpnet's dependency-injection point, and it speaks inversify on purpose: the modules are inversify
 * `ContainerModule`s (a plug-in binds its registrations with inversify's `bind`, or lets {@link layerModule} and
 * its siblings do it), and the result is a full inversify `Container`, so an application may bind and resolve its
 * own services in it too. Everything that only resolves bpnet's services takes a {@link BpnetContainer}.
 *
 * ```ts
 * const container = createContainer(denseModule, sigmoidModule, squaredErrorModule, seededRandomModule(0));
 * ```
 * @throws Error naming the kind and both modules when two modules register the same kind.
 */
export function createContainer(...modules: ContainerModule[]): Container {
  const container = new Container();
  container.load(coreModule, ...modules);
  container.get(NETWORK_BUILDER);
  container.get(TRAINER);
  return container;
}

/** A module that makes the container's random source a {@link SeededRandom} with the given seed. */
export function seededRandomModule(seed: number): ContainerModule {
  expectSeed(seed, 'seededRandomModule: seed');
  return randomSourceModule(() => new SeededRandom(seed));
}

/**
 * A module that rebinds the container's random source ({@link RANDOM_SOURCE}) to one instance made by `create`,
 * per container: every initializer and the container's trainer then draw from it.
 */
export function randomSourceModule(create: () => RandomSource): ContainerModule {
  return new ContainerModule(({ rebind }) => {
    rebind(RANDOM_SOURCE).toDynamicValue(create).inSingletonScope();
  });
}

/**
 * A module that registers layer kinds (multi-binding under {@link LAYER_REGISTRATION}). Registrations typed with
 * their own spec (`LayerRegistration<DenseSpec>`, `LayerRegistration<MySpec>`) may be passed side by side.
 */
export function layerModule(...registrations: AnyLayerRegistration[]): ContainerModule {
  return registrationModule(LAYER_REGISTRATION, registrations);
}

/**
 * A module that registers loss kinds (multi-binding under {@link LOSS_REGISTRATION}); each may have its own spec type.
 */
// biome-ignore lint/suspicious/noExplicitAny: registrations with their own spec types must be accepted side by side
export function lossModule(...registrations: LossRegistration<any>[]): ContainerModule {
  return registrationModule(LOSS_REGISTRATION, registrations);
}

/**
 * A module that registers optimizer kinds (multi-binding under {@link OPTIMIZER_REGISTRATION}); each may have its own
 * spec type.
 */
// biome-ignore lint/suspicious/noExplicitAny: registrations with their own spec types must be accepted side by side
export function optimizerModule(...registrations: OptimizerRegistration<any>[]): ContainerModule {
  return registrationModule(OPTIMIZER_REGISTRATION, registrations);
}

/** A module that registers initializer kinds (multi-binding under {@link INITIALIZER_REGISTRATION}). */
export function initializerModule(...registrations: InitializerRegistration[]): ContainerModule {
  return registrationModule(INITIALIZER_REGISTRATION, registrations);
}

function registrationModule<T>(token: ServiceIdentifier<T>, registrations: readonly T[]): ContainerModule {
  return new ContainerModule(({ bind }) => {
    for (const registration of registrations) bind(token).toConstantValue(registration);
  });
}
