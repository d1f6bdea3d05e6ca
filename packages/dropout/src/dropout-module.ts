import { layerModule } from '@bpnet/core';
import { dropoutRegistration } from './dropout-registration.js';

/** Load into the container to make the kind `'dropout'` available: `createContainer(dropoutModule, ...)`. */
export const dropoutModule = layerModule(dropoutRegistration);
