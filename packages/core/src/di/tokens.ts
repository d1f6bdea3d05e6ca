import type { ServiceToken } from './bpnet-container.js';
import type { InitializerRegistration } from '../initializers/initializer.js';
import type { Kernels } from '../kernels/kernels.js';
import type { LayerRegistration } from '../contract/layer.js';
import type { LossRegistration } from '../contract/loss-layer.js';
import type { NetworkBuilder } from '../network/network-builder.js';
import type { OptimizerRegistration } from '../optimizers/optimizer.js';
import type { RandomSource } from '../random/random-source.js';
import type { Trainer } from '../training/trainer.js';

/** Multi-binding: every layer kind's {@link LayerRegistration}. */
export const LAYER_REGISTRATION: ServiceToken<LayerRegistration> = Symbol.for('@bpnet/core/LayerRegistration');
/** Multi-binding: every loss kind's {@link LossRegistration}. */
export const LOSS_REGISTRATION: ServiceToken<LossRegistration> = Symbol.for('@bpnet/core/LossRegistration');
/** Multi-binding: every initializer kind's {@link InitializerRegistration}. */
export const INITIALIZER_REGISTRATION: ServiceToken<InitializerRegistration> = Symbol.for(
  '@bpnet/core/InitializerRegistration',
);
/** Multi-binding: every optimizer kind's {@link OptimizerRegistration}. */
export const OPTIMIZER_REGISTRATION: ServiceToken<OptimizerRegistration> = Symbol.for(
  '@bpnet/core/OptimizerRegistration',
);
/** The arithmetic service ({@link Kernels}); rebind it to change every layer's backend. */
export const KERNELS: ServiceToken<Kernels> = Symbol.for('@bpnet/core/Kernels');
/** The random source ({@link RandomSource}) for initialization and sampling; rebind it to change every draw. */
export const RANDOM_SOURCE: ServiceToken<RandomSource> = Symbol.for('@bpnet/core/RandomSource');
/** The {@link NetworkBuilder} that turns a JSON spec into a network. */
export const NETWORK_BUILDER: ServiceToken<NetworkBuilder> = Symbol.for('@bpnet/core/NetworkBuilder');
/** The {@link Trainer}, drawing from the container's random source. */
export const TRAINER: ServiceToken<Trainer> = Symbol.for('@bpnet/core/Trainer');
