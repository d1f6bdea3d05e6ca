import { DivergenceError } from './divergence-error.js';
import type { NamedParameter } from './network.js';

/**
 * Checks one step before it is applied: the loss must be finite, every gradient finite, and the update
 * w − η ∂J/∂w must not overflow (max|w| + η max|∂J/∂w| finite). One pass over the parameters, O(parameters).
 * @throws DivergenceError naming the iteration and the first quantity that is not finite.
 */
export function guardStep(iteration: number, loss: number, parameters: readonly NamedParameter[], learningRate: number): void {
  if (!Number.isFinite(loss)) throw new DivergenceError(iteration, 'the loss', loss, learningRate);
  for (const { path, parameter } of parameters) {
    const gradient = maxAbs(parameter.grad.data);
    if (!Number.isFinite(gradient)) throw new DivergenceError(iteration, `the gradient of ${path}`, gradient, learningRate);
    const bound = maxAbs(parameter.value.data) + learningRate * gradient;
    if (!Number.isFinite(bound)) throw new DivergenceError(iteration, `the update of ${path}`, bound, learningRate);
  }
}

/** max |v_i|; NaN if any element is NaN. */
function maxAbs(values: Float64Array): number {
  let max = 0;
  for (let i = 0; i < values.length; i++) {
    const magnitude = Math.abs(values[i]);
    if (!(magnitude <= max)) max = magnitude;
  }
  return max;
}
