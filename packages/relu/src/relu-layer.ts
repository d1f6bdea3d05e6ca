import { type Kernels, jsKernels } from '@bpnet/core';
import { activationRegistration, layerModule, type ActivationThroughOutput, ActivationLayer } from '@bpnet/core/plugin';

/** The rectifier f(net) = max(0, net): net for net > 0, else 0. A NaN stays NaN, so divergence is not hidden. */
export function relu(net: number): number {
  return Math.max(0, net);
}

/**
 * The rectified linear activation: y = max(0, net), and ∂J/∂net = ∂J/∂y · [y > 0].
 *
 * f is not differentiable at net = 0; by convention its derivative there is taken as 0 (so is it for net < 0), which
 * is why the derivative can be read from the output alone: f'(net) = 1 exactly when y > 0.
 */
export const reluActivation: ActivationThroughOutput = {
  kind: 'relu',
  name: 'ReLU',
  apply: relu,
  backward: (sensitivity, output) => (output > 0 ? sensitivity : 0),
};

/**
 * The rectified linear layer, applied element-wise: y = max(0, net).
 *
 * Backward passes the incoming sensitivity through where the unit is active and blocks it elsewhere:
 * ∂J/∂net = ∂J/∂y where y > 0, and 0 where net ≤ 0 (the derivative at the kink net = 0 is taken as 0).
 * It has no parameters.
 */
export class ReluLayer extends ActivationLayer {
  constructor(inputSize: number, kernels: Kernels = jsKernels) {
    super(reluActivation, inputSize, kernels);
  }
}

/** Registers the kind `'relu'`: y = max(0, net), ∂J/∂net = ∂J/∂y · [y > 0]. */
export const reluRegistration = activationRegistration(reluActivation, '@bpnet/relu');

/** Load into the container to make the kind `'relu'` (y = max(0, net)) available. */
export const reluModule = layerModule(reluRegistration);
