import { layerModule } from '@bpnet/core';
import { sigmoidRegistration } from './sigmoid-registration.js';

/** Load into the container to make the kind `'sigmoid'` available. */
export const sigmoidModule = layerModule(sigmoidRegistration);
