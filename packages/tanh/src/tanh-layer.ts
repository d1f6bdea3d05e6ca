import { type Kernels, jsKernels } from '@bpnet/core';
import { activationRegistration, layerModule, type ActivationThroughOutput, ActivationLayer } from '@bpnet/core/plugin';

/**
 * The hyperbolic tangent activation: y = tanh(net) = (e^net − e^−net) / (e^net + e^−net), and
 * ∂J/∂net = ∂J/∂y · (1 − y²) since tanh'(net) = 1 − tanh²(net).
 */
export const tanhActivation: ActivationThroughOutput = {
  kind: 'tanh',
  name: 'Tanh',
  apply: Math.tanh,
  backward: (sensitivity, output) => sensitivity * (1 - output * output),
};

/**
 * The hyperbolic tangent layer, applied element-wise: y = tanh(net), with outputs in (−1, 1).
 *
 * Backward multiplies the incoming sensitivity by f'(net) = 1 − y²: given ∂J/∂y it returns
 * ∂J/∂net = ∂J/∂y · (1 − y²). It has no parameters.
 */
export class TanhLayer extends ActivationLayer {
  constructor(inputSize: number, kernels: Kernels = jsKernels) {
    super(tanhActivation, inputSize, kernels);
  }
}

/** Registers the kind `'tanh'`: y = tanh(net), ∂J/∂net = ∂J/∂y · (1 − y²). */
export const tanhRegistration = activationRegistration(tanhActivation, '@bpnet/tanh');

/** Load into the container to make the kind `'tanh'` (y = tanh(net)) available. */
export const tanhModule = layerModule(tanhRegistration);
