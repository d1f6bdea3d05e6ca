import type { FloatArray } from '../kernels/matrix.js';
/**
 * The numerical gradient of `objective` with respect to each element of `values`, by central differences:
 * ∂f/∂v_i ≈ (f(v + h e_i) − f(v − h e_i)) / 2h, whose error is O(h²). Each element is restored after use.
 */
export function centralDifferences(objective: () => number, values: FloatArray, step: number): Float64Array {
  const gradient = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const original = values[i];
    values[i] = original + step;
    const plus = objective();
    values[i] = original - step;
    const minus = objective();
    values[i] = original;
    gradient[i] = (plus - minus) / (2 * step);
  }
  return gradient;
}
