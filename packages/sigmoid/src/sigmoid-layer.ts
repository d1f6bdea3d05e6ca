import { expectPositiveInteger, type Kernels, type Layer, type Matrix, type Parameter, jsKernels, reuseMatrix } from '@bpnet/core';

/**
 * The logistic function f(net) = 1 / (1 + e^(−net)), computed without overflow for large |net|.
 */
export function sigmoid(net: number): number {
  if (net >= 0) return 1 / (1 + Math.exp(-net));
  const e = Math.exp(net);
  return e / (1 + e);
}

/** δ_in = δ_out · f'(net) with f'(net) = y (1 − y), from the sensitivity and the cached output y. */
function sigmoidSensitivity(sensitivity: number, output: number): number {
  return sensitivity * output * (1 - output);
}

/**
 * The logistic activation layer, applied element-wise: y = f(net) (equations 2 and 4).
 *
 * Backward multiplies the incoming sensitivity by f'(net) = y (1 − y): given ∂J/∂y it returns
 * ∂J/∂net = ∂J/∂y · y (1 − y), the factor f'(net_k) of equation (10) and f'(net_j) of equation (12).
 * It has no parameters.
 */
export class SigmoidLayer implements Layer {
  readonly kind = 'sigmoid';
  readonly outputSize: number;
  private output: Matrix | undefined;
  private inputSensitivity: Matrix | undefined;

  constructor(
    readonly inputSize: number,
    private readonly kernels: Kernels = jsKernels,
  ) {
    this.outputSize = expectPositiveInteger(inputSize, 'Sigmoid: inputSize');
  }

  parameters(): readonly Parameter[] {
    return [];
  }

  /** y = f(net), element-wise. @throws Error if the input does not have `inputSize` columns. */
  forward(input: Matrix): Matrix {
    if (input.cols !== this.inputSize) {
      throw new Error(`Sigmoid(${this.inputSize}): input has ${input.cols} columns, expected ${this.inputSize}`);
    }
    this.output = reuseMatrix(this.output, input.rows, this.inputSize);
    return this.kernels.map(input, sigmoid, this.output);
  }

  /** ∂J/∂net = ∂J/∂y ⊙ y ⊙ (1 − y). @throws Error before any forward, or if the sensitivity has the wrong shape. */
  backward(sensitivity: Matrix): Matrix {
    const output = this.output;
    if (output === undefined) throw new Error(`Sigmoid(${this.inputSize}): backward called before forward`);
    if (sensitivity.rows !== output.rows || sensitivity.cols !== output.cols) {
      throw new Error(`Sigmoid(${this.inputSize}): sensitivity is ${sensitivity.shape}, expected ${output.shape}`);
    }
    this.inputSensitivity = reuseMatrix(this.inputSensitivity, output.rows, output.cols);
    return this.kernels.zip(sensitivity, output, sigmoidSensitivity, this.inputSensitivity);
  }
}
