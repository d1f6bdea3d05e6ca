import { layerModule } from '@bpnet/core';
import { batchNormRegistration } from './batch-norm-registration.js';

/** Load into the container to make the kind `'batch-norm'` available: `createContainer(batchNormModule, ...)`. */
export const batchNormModule = layerModule(batchNormRegistration);
