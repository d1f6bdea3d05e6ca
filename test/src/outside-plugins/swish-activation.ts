import { type Activation, activationRegistration } from '@bpnet/core';

/** The logistic function σ(x) = 1 / (1 + e^−x). */
function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/**
 * Swish, y = x·σ(x), an activation whose derivative is not a function of y alone, so it is given through the input:
 * f'(x) = σ(x) + x·σ'(x) = σ(x) + x·σ(x)(1 − σ(x)), and ∂J/∂x = ∂J/∂y · f'(x).
 */
export const swish: Activation = {
  kind: 'acme/swish',
  name: 'Swish',
  apply: (x) => x * logistic(x),
  backwardFromInput: (sensitivity, x) => {
    const s = logistic(x);
    return sensitivity * (s + x * s * (1 - s));
  },
};

/** Registers `acme/swish` (no options). */
export const swishRegistration = activationRegistration(swish, '@acme/swish');
