import { layerModule } from '@bpnet/core';
import { reluRegistration } from './relu-registration.js';

/** Load into the container to make the kind `'relu'` (y = max(0, net)) available. */
export const reluModule = layerModule(reluRegistration);
