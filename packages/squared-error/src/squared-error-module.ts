import { lossModule } from '@bpnet/core';
import { squaredErrorRegistration } from './squared-error-registration.js';

/** Load into the container to make the loss kind `'squared-error'` available. */
export const squaredErrorModule = lossModule(squaredErrorRegistration);
