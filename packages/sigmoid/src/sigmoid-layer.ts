import { type Kernels, jsKernels } from '@bpnet/core';
import { activationRegistration, layerModule, type ActivationThroughOutput, ActivationLayer } from '@bpnet/core/plugin';

/**
 * The logistic function f(net) = 1 / (1 + e^(−net)), computed without overflow for large |net|.
 */
export function sigmoid(net: number): number {
  if (net >= 0) return 1 / (1 + Math.exp(-net));
  const e = Math.exp(net);
  return e / (1 + e);
}

/** The logistic activation: y = f(net), and ∂J/∂net = ∂J/∂y · y (1 − y) since f'(net) = f(net)(1 − f(net)). */
export const sigmoidActivation: ActivationThroughOutput = {
  kind: 'sigmoid',
  name: 'Sigmoid',
  apply: sigmoid,
  backward: (sensitivity, output) => sensitivity * output * (1 - output),
  standard: 'logistic',
};

/**
 * The logistic activation layer, applied element-wise: y = f(net) (equations 2 and 4).
 *
 * Backward multiplies the incoming sensitivity by f'(net) = y (1 − y): given ∂J/∂y it returns
 * ∂J/∂net = ∂J/∂y · y (1 − y), the factor f'(net_k) of equation (10) and f'(net_j) of equation (12).
 * It has no parameters.
 */
export class SigmoidLayer extends ActivationLayer {
  constructor(inputSize: number, kernels: Kernels = jsKernels) {
    super(sigmoidActivation, inputSize, kernels);
  }
}

/** Registers the kind `'sigmoid'`. */
export const sigmoidRegistration = activationRegistration(sigmoidActivation, '@bpnet/sigmoid');

/** Load into the container to make the kind `'sigmoid'` available. */
export const sigmoidModule = layerModule(sigmoidRegistration);
