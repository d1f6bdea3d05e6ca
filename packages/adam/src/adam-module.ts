import { optimizerModule } from '@bpnet/core';
import { adamRegistration } from './adam-registration.js';

/** Load into the container to make the optimizer kind `'adam'` available to its trainer. */
export const adamModule = optimizerModule(adamRegistration);
