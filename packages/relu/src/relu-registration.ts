import { activationRegistration } from '@bpnet/core';
import { reluActivation } from './relu-layer.js';

/** A ReLU layer in a network spec; it takes no options and keeps its input's size. */
export interface ReluSpec {
  readonly kind: 'relu';
  readonly [option: string]: unknown;
}

/** Registers the kind `'relu'`: y = max(0, net), ∂J/∂net = ∂J/∂y · [y > 0]. */
export const reluRegistration = activationRegistration(reluActivation, '@bpnet/relu');
