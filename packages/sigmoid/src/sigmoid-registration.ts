import { activationRegistration } from '@bpnet/core';
import { sigmoidActivation } from './sigmoid-layer.js';

/** A sigmoid layer in a network spec; it takes no options and keeps its input's size. */
export interface SigmoidSpec {
  readonly kind: 'sigmoid';
  readonly [option: string]: unknown;
}

/** Registers the kind `'sigmoid'`. */
export const sigmoidRegistration = activationRegistration(sigmoidActivation, '@bpnet/sigmoid');
