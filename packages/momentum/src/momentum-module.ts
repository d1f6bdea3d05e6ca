import { optimizerModule } from '@bpnet/core';
import { momentumRegistration } from './momentum-registration.js';

/** Load into the container to make the optimizer kind `'momentum'` available to its trainer. */
export const momentumModule = optimizerModule(momentumRegistration);
