import { lossModule } from '@bpnet/core';
import { softmaxCrossEntropyRegistration } from './softmax-cross-entropy-registration.js';

/** Load into the container to make the loss kind `'softmax-cross-entropy'` available. */
export const softmaxCrossEntropyModule = lossModule(softmaxCrossEntropyRegistration);
