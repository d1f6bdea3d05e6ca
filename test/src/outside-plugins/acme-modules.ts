import { initializerModule, layerModule } from '@bpnet/core';
import { noiseRegistration } from './noise-layer.js';
import { onesInitializer } from './ones-initializer.js';
import { runningCenterRegistration } from './running-center-layer.js';
import { swishRegistration } from './swish-activation.js';
import { twiceRegistration } from './twice-layer.js';

// Registrations typed by their own spec interfaces (LayerRegistration<NoiseSpec>, LayerRegistration<TwiceSpec>, …,
// interfaces without an index signature) side by side in one module: `pnpm typecheck` checks that this compiles.

/** Every acme layer kind: `acme/noise`, `acme/running-center`, `acme/twice`, `acme/swish`. */
export const acmeLayersModule = layerModule(noiseRegistration, runningCenterRegistration, twiceRegistration, swishRegistration);

/** Only the container kind `acme/twice` (for tests of missing nested kinds). */
export const acmeTwiceOnlyModule = layerModule(twiceRegistration);

/** The `acme/ones` initializer. */
export const acmeInitializersModule = initializerModule(onesInitializer);
