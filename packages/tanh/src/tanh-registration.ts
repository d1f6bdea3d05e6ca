import { activationRegistration } from '@bpnet/core';
import { tanhActivation } from './tanh-layer.js';

/** A tanh layer in a network spec; it takes no options and keeps its input's size. */
export interface TanhSpec {
  readonly kind: 'tanh';
  readonly [option: string]: unknown;
}

/** Registers the kind `'tanh'`: y = tanh(net), ∂J/∂net = ∂J/∂y · (1 − y²). */
export const tanhRegistration = activationRegistration(tanhActivation, '@bpnet/tanh');
