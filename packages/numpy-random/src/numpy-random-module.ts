import { randomSourceModule } from '@bpnet/core/plugin';
import type { ContainerModule } from 'inversify';
import { expectNumpySeed } from './numpy-seed.js';
import { NumpyRandomState } from './numpy-random-state.js';

/**
 * A module that makes the container's random source (`RANDOM_SOURCE`) a singleton
 * {@link NumpyRandomState}`(seed)`, so initial weights and batches draw what `np.random.seed(seed)` would:
 *
 * ```ts
 * const container = createContainer(denseModule, sigmoidModule, squaredErrorModule, numpyRandomModule(0));
 * ```
 * @throws Error at once if `seed` is not an integer in 0..4294967295.
 */
export function numpyRandomModule(seed: number): ContainerModule {
  expectNumpySeed(seed, 'numpyRandomModule: seed');
  return randomSourceModule(() => new NumpyRandomState(seed));
}
