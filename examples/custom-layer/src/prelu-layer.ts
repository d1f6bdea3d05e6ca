import { jsKernels, type Kernels, type Layer, type Matrix, type Parameter } from '@bpnet/core';
import { createParameter, reuseMatrix } from '@bpnet/core/plugin';

/**
 * A parametric ReLU with one learnable slope per unit (He et al., 2015): y = x for x > 0, y = a·x otherwise.
 * Written outside bpnet, against the documented `Layer` contract.
 *
 * Backward, given ∂J/∂y:
 * - ∂J/∂a_j += Σ_n ∂J/∂y_nj · x_nj over the samples with x_nj ≤ 0;
 * - returns ∂J/∂x = ∂J/∂y for x > 0 and a · ∂J/∂y otherwise.
 */
export class PreluLayer implements Layer {
  readonly kind = 'acme/prelu';
  readonly outputSize: number;
  /** a, 1 × units. */
  readonly slope: Parameter;
  private input: Matrix | undefined;
  private output: Matrix | undefined;
  private inputSensitivity: Matrix | undefined;

  constructor(
    readonly inputSize: number,
    initialSlope: number,
    /** The container's kernels: the layer's matrices are allocated where they compute. */
    private readonly kernels: Kernels = jsKernels,
  ) {
    this.outputSize = inputSize;
    this.slope = createParameter('slope', 1, inputSize, kernels);
    this.slope.value.data.fill(initialSlope);
  }

  parameters(): readonly Parameter[] {
    return [this.slope];
  }

  /** y = x if x > 0, else a·x. */
  forward(input: Matrix): Matrix {
    if (input.cols !== this.inputSize)
      throw new Error(`PReLU(${this.inputSize}): input has ${input.cols} columns, expected ${this.inputSize}`);
    this.input = input;
    const output = (this.output = reuseMatrix(this.output, input.rows, input.cols, this.kernels));
    const a = this.slope.value.data,
      x = input.data,
      y = output.data,
      units = this.inputSize;
    for (let i = 0; i < x.length; i++) y[i] = x[i] > 0 ? x[i] : a[i % units] * x[i];
    return output;
  }

  /** With s = ∂J/∂y: ∂J/∂a += Σ_n s·x [x ≤ 0]; returns ∂J/∂x = s·[x > 0] + a·s·[x ≤ 0]. */
  backward(sensitivity: Matrix): Matrix {
    const input = this.input;
    if (input === undefined) throw new Error(`PReLU(${this.inputSize}): backward called before forward`);
    const result = (this.inputSensitivity = reuseMatrix(this.inputSensitivity, input.rows, input.cols, this.kernels));
    const a = this.slope.value.data,
      gradient = this.slope.grad.data,
      units = this.inputSize;
    const x = input.data,
      s = sensitivity.data,
      out = result.data;
    for (let i = 0; i < x.length; i++) {
      if (x[i] > 0) {
        out[i] = s[i];
      } else {
        gradient[i % units] += s[i] * x[i];
        out[i] = a[i % units] * s[i];
      }
    }
    return result;
  }
}
