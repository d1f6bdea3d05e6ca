import { layerModule } from '@bpnet/core/plugin';
import { concatRegistration } from './concat-layer.js';
import { residualRegistration } from './residual-layer.js';
import { sequentialRegistration } from './sequential-layer.js';

/**
 * Load into the container to make the kinds `'sequential'`, `'residual'` and `'concat'` available:
 * `createContainer(denseModule, tanhModule, containersModule, ...)`. Their children may be of any kind registered
 * in the same container.
 */
export const containersModule = layerModule(sequentialRegistration, residualRegistration, concatRegistration);
