import { layerModule } from '@bpnet/core';
import { denseRegistration } from './dense-registration.js';

/** Load into the container to make the kind `'dense'` available: `createContainer(denseModule, ...)`. */
export const denseModule = layerModule(denseRegistration);
