import { type ActivationThroughInput, activationRegistration, layerModule } from '@bpnet/core/plugin';

/** σ(x) = 1 / (1 + e^−x), written so that e^… never overflows. */
function logistic(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/**
 * Swish, y = x·σ(x). Its derivative f'(x) = σ(x) + x·σ(x)·(1 − σ(x)) is not a function of y alone (swish is not
 * monotonic: two inputs give the same y with different slopes), so the backward pass is written through the input:
 * ∂J/∂x = ∂J/∂y · σ(x)·(1 + x·(1 − σ(x))).
 */
export const swishActivation: ActivationThroughInput = {
  kind: 'acme/swish',
  name: 'Swish',
  apply: (x) => x * logistic(x),
  backwardFromInput: (sensitivity, x) => {
    const s = logistic(x);
    return sensitivity * s * (1 + x * (1 - s));
  },
};

/** Registers `'acme/swish'` (no options; keeps its input's size). */
export const swishRegistration = activationRegistration(swishActivation, '@bpnet/example-custom-layer');

/** Load into bpnet's container to use `'acme/swish'` in specs. */
export const swishModule = layerModule(swishRegistration);
