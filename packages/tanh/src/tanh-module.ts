import { layerModule } from '@bpnet/core';
import { tanhRegistration } from './tanh-registration.js';

/** Load into the container to make the kind `'tanh'` (y = tanh(net)) available. */
export const tanhModule = layerModule(tanhRegistration);
