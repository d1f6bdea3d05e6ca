import type { ServiceIdentifier } from 'inversify';
import type { InitializerRegistration } from '../initializers/initializer.js';
import type { Kernels } from '../kernels/kernels.js';
import type { LayerRegistration } from '../contract/layer.js';
import type { LossRegistration } from '../contract/loss-layer.js';
import type { NetworkBuilder } from '../network/network-builder.js';
import type { OptimizerRegistration } from '../optimizers/optimizer.js';
import type { RandomSource } from '../random/random-source.js';
import type { Trainer } from '../training/trainer.js';

/** Multi-binding: every layer kind's {@link LayerRegistration}. */
export const LAYER_REGISTRATION: ServiceIdentifier<LayerRegistration> = Symbol.for('@bpnet/core/LayerRegistration');
/** Multi-binding: every loss kind's {@link LossRegistration}. */
export const LOSS_REGISTRATION: ServiceIdentifier<LossRegistration> = Symbol.for('@bpnet/core/LossRegistration');
/** Multi-binding: every initializer kind's {@link InitializerRegistration}. */
export const INITIALIZER_REGISTRATION: ServiceIdentifier<InitializerRegistration> = Symbol.for('@bpnet/core/InitializerRegistration');
/** Multi-binding: every optimizer kind's {@link OptimizerRegistration}. */
export const OPTIMIZER_REGISTRATION: ServiceIdentifier<OptimizerRegistration> = Symbol.for('@bpnet/core/OptimizerRegistration');
/** The arithmetic service ({@link Kernels}); rebind it to change every layer's backend. */
export const KERNELS: ServiceIdentifier<Kernels> = Symbol.for('@bpnet/core/Kernels');
/** The random source ({@link RandomSource}) for initialization and sampling; rebind it to change every draw. */
export const RANDOM_SOURCE: ServiceIdentifier<RandomSource> = Symbol.for('@bpnet/core/RandomSource');
/** The {@link NetworkBuilder} that turns a JSON spec into a network. */
export const NETWORK_BUILDER: ServiceIdentifier<NetworkBuilder> = Symbol.for('@bpnet/core/NetworkBuilder');
/** The {@link Trainer}, drawing from the container's random source. */
export const TRAINER: ServiceIdentifier<Trainer> = Symbol.for('@bpnet/core/Trainer');
