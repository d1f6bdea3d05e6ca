import { jsKernels } from '../kernels/js-kernels.js';
import { withFastPath } from '../kernels/fast-path.js';
import type { Kernels, StandardActivation } from '../kernels/kernels.js';
import type { Layer, LayerRegistration, LayerSpec } from './layer.js';
import type { Matrix } from '../kernels/matrix.js';
import type { Parameter } from './parameter.js';
import { reuseMatrix } from '../kernels/reuse-matrix.js';
import { expectKnownOptions, expectPositiveInteger } from '../validation/validate.js';

/**
 * An element-wise activation y = f(net). Its derivative is given one of two ways:
 * - `backward(s, y)`, through the output, when f'(net) can be written as g(y): sigmoid (y(1 − y)), tanh (1 − y²),
 *   ReLU ([y > 0]);
 * - `backwardFromInput(s, net)`, through the input, for functions whose derivative is not a function of y alone:
 *   swish y = net·σ(net), f'(net) = σ(net) + net·σ(net)(1 − σ(net)); GELU; softplus.
 */
export type Activation = ActivationThroughOutput | ActivationThroughInput;

/** An activation whose derivative is written through its output y. */
export interface ActivationThroughOutput extends ActivationFunction {
  /** ∂J/∂net = ∂J/∂y · f'(net), from ∂J/∂y and the output y. */
  readonly backward: (sensitivity: number, output: number) => number;
  readonly backwardFromInput?: undefined;
}

/** An activation whose derivative is written through its input net (no native kernel: `standard` is not allowed). */
export interface ActivationThroughInput extends ActivationFunction {
  /** ∂J/∂net = ∂J/∂y · f'(net), from ∂J/∂y and the input net. */
  readonly backwardFromInput: (sensitivity: number, input: number) => number;
  readonly backward?: undefined;
  readonly standard?: undefined;
}

/** What every {@link Activation} has: its kind, name and function. */
export interface ActivationFunction {
  /** The layer kind, e.g. `'sigmoid'`. */
  readonly kind: string;
  /** The name used in messages, e.g. `'Sigmoid'`. */
  readonly name: string;
  /** y = f(net). */
  readonly apply: (net: number) => number;
  /**
   * The standard function this is, if any, so that kernels with a native version compute it (see
   * `KernelFastPaths.activation`); `apply` and `backward` must then be that function and its backward pass.
   */
  readonly standard?: StandardActivation;
}

/**
 * A parameter-free layer applying an {@link Activation} element-wise. Backward multiplies the incoming sensitivity
 * by f'(net), turning ∂J/∂y into ∂J/∂net (the f'(net_k) of equation 10 and f'(net_j) of equation 12).
 */
export class ActivationLayer implements Layer {
  readonly kind: string;
  readonly outputSize: number;
  private input: Matrix | undefined;
  private output: Matrix | undefined;
  private inputSensitivity: Matrix | undefined;

  /** @throws Error unless the activation gives exactly one of `backward` and `backwardFromInput`. */
  constructor(
    readonly activation: Activation,
    readonly inputSize: number,
    private readonly kernels: Kernels = jsKernels,
  ) {
    this.kind = activation.kind;
    this.outputSize = expectPositiveInteger(inputSize, `${activation.name}: inputSize`);
    if ((typeof activation.backward === 'function') === (typeof activation.backwardFromInput === 'function')) {
      throw new Error(
        `${activation.name}: an activation gives exactly one of ` +
          `backward(sensitivity, output) and backwardFromInput(sensitivity, input)`,
      );
    }
  }

  parameters(): readonly Parameter[] {
    return [];
  }

  /** y = f(net), element-wise. @throws Error if the input does not have `inputSize` columns. */
  forward(input: Matrix): Matrix {
    if (input.cols !== this.inputSize) {
      throw new Error(`${this.label}: input has ${input.cols} columns, expected ${this.inputSize}`);
    }
    this.input = input;
    const output = (this.output = reuseMatrix(this.output, input.rows, this.inputSize, this.kernels));
    const { standard, apply } = this.activation;
    const kernels = this.kernels;
    if (standard === undefined) return kernels.map(input, apply, output);
    return withFastPath(kernels, 'activation', [standard, input, output], () => kernels.map(input, apply, output));
  }

  /**
   * ∂J/∂net = ∂J/∂y ⊙ f'(net), through y or through net as the activation defines it.
   * @throws Error before any forward, or if the sensitivity has the wrong shape.
   */
  backward(sensitivity: Matrix): Matrix {
    const output = this.output;
    if (output === undefined) throw new Error(`${this.label}: backward called before forward`);
    if (sensitivity.rows !== output.rows || sensitivity.cols !== output.cols) {
      throw new Error(`${this.label}: sensitivity is ${sensitivity.shape}, expected ${output.shape}`);
    }
    const result = (this.inputSensitivity = reuseMatrix(this.inputSensitivity, output.rows, output.cols, this.kernels));
    const activation = this.activation;
    if (activation.backwardFromInput !== undefined)
      return this.kernels.zip(sensitivity, this.input as Matrix, activation.backwardFromInput, result);
    const { standard, backward } = activation;
    const kernels = this.kernels;
    if (standard === undefined) return kernels.zip(sensitivity, output, backward, result);
    const fallback = () => kernels.zip(sensitivity, output, backward, result);
    return withFastPath(kernels, 'activationBackward', [standard, sensitivity, output, result], fallback);
  }

  /** `Name(units)`, as errors name the layer. */
  get label(): string {
    return `${this.activation.name}(${this.inputSize})`;
  }
}

/** The registration of an activation kind: it takes no options and keeps its input's size. */
export function activationRegistration(activation: Activation, module: string): LayerRegistration<LayerSpec> {
  return {
    kind: activation.kind,
    module,
    create(config, context) {
      expectKnownOptions(config, [], `${activation.kind} at ${context.where}`);
      return new ActivationLayer(activation, context.inputSize, context.kernels);
    },
  };
}
