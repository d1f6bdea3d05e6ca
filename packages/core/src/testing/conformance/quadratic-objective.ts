import type { Kernels } from '../../kernels/kernels.js';
import { createParameter, type Parameter } from '../../contract/parameter.js';
import type { RandomSource } from '../../random/random-source.js';

/** The parameter shapes the optimizer kit steps: two, so that per-parameter state is kept apart. */
const SHAPES: readonly (readonly [rows: number, cols: number])[] = [
  [3, 2],
  [1, 4],
];

/**
 * The objective the optimizer conformance kit descends: J = ½ Σᵢ aᵢ (wᵢ − cᵢ)² over every element i of the parameters
 * `w0` (3×2) and `w1` (1×4), so ∂J/∂wᵢ = aᵢ (wᵢ − cᵢ). The curvatures aᵢ are drawn once from U(0.5, 2), the centres
 * cᵢ and the starting values from N(0, 1).
 */
export class QuadraticObjective {
  private readonly start: Float64Array[];
  private readonly curvature: Float64Array[];
  private readonly centre: Float64Array[];

  constructor(random: RandomSource) {
    const draw = (f: () => number) => SHAPES.map(([rows, cols]) => Float64Array.from({ length: rows * cols }, f));
    this.start = draw(() => random.normal());
    this.curvature = draw(() => 0.5 + 1.5 * random.uniform());
    this.centre = draw(() => random.normal());
  }

  /** The shapes, for reports: `'3×2 and 1×4'`. */
  get shapes(): string {
    return SHAPES.map(([rows, cols]) => `${rows}×${cols}`).join(' and ');
  }

  /** Fresh parameters `w0`, `w1` (allocated by `kernels`) at the starting values, with zero gradients. */
  parameters(kernels: Kernels): Parameter[] {
    return SHAPES.map(([rows, cols], index) => {
      const parameter = createParameter(`w${index}`, rows, cols, kernels);
      parameter.value.data.set(this.start[index]);
      return parameter;
    });
  }

  /** Sets every gradient to ∂J/∂w = a ⊙ (w − c) at the parameters' current values. */
  setGradients(parameters: readonly Parameter[]): void {
    parameters.forEach(({ value, grad }, index) => {
      const a = this.curvature[index],
        c = this.centre[index];
      for (let i = 0; i < value.data.length; i++) grad.data[i] = a[i] * (value.data[i] - c[i]);
    });
  }

  /** J at the parameters' current values. */
  value(parameters: readonly Parameter[]): number {
    let total = 0;
    parameters.forEach(({ value }, index) => {
      const a = this.curvature[index],
        c = this.centre[index];
      for (let i = 0; i < value.data.length; i++) total += 0.5 * a[i] * (value.data[i] - c[i]) ** 2;
    });
    return total;
  }
}

/** Copies of `parameters` (values and gradients), allocated by `kernels`. */
export function cloneParameters(parameters: readonly Parameter[], kernels: Kernels): Parameter[] {
  return parameters.map(({ name, value, grad }) => {
    const copy = createParameter(name, value.rows, value.cols, kernels);
    copy.value.data.set(value.data);
    copy.grad.data.set(grad.data);
    return copy;
  });
}

/** `'parameter w0 (3×2)'`, for reports. */
export function describeParameter(parameter: Parameter): string {
  return `parameter ${parameter.name} (${parameter.value.shape})`;
}
