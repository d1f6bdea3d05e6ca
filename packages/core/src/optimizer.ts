import type { Kernels } from './kernels.js';
import type { Parameter } from './parameter.js';

/** Applies one update to parameters from the gradients left in them by backpropagation. */
export interface Optimizer {
  readonly kind: string;
  step(parameters: readonly Parameter[], learningRate: number, kernels: Kernels): void;
}

/** Plain gradient descent: Δw = −η ∂J/∂w, w(m+1) = w(m) + Δw (equations 6 and 7). */
export class SgdOptimizer implements Optimizer {
  readonly kind = 'sgd';

  step(parameters: readonly Parameter[], learningRate: number, kernels: Kernels): void {
    for (const { value, grad } of parameters) kernels.axpy(-learningRate, grad, value);
  }
}
