import { type InitializerSpec, type Kernels, type Layer, type Matrix, type Parameter, jsKernels } from '@bpnet/core';
import {
  createParameter,
  expectKnownOptions,
  expectPositiveInteger,
  type LayerRegistration,
  layerModule,
  reuseMatrix,
  withFastPath,
} from '@bpnet/core/plugin';

/**
 * A fully connected layer: net = x · W + 1·b for a batch x (N × inputSize), weights W (inputSize × units) and
 * bias b (1 × units). Row n of net holds net_j = Σ_i w_ji x_i + b_j for sample n (equations 1 and 3, with bias).
 *
 * Backward, given the net gradient g = ∂J/∂net (N × units; docs/derivation.md, section 5: g = −δ/N per sample,
 * δ being the book's sensitivity), which reaches this layer unchanged because the activation is a separate layer:
 * - ∂J/∂W += xᵀ · g, i.e. ∂J/∂w_ji = Σ_n g_j x_i (equations 11 and 13, −δ_j x_i per sample in the book's terms);
 * - ∂J/∂b += 1ᵀ · g (column sums);
 * - returns ∂J/∂x = g · Wᵀ, i.e. Σ_j w_ji g_j, the sum in equation (12).
 * W is inputs × units: W[i][j] = w_ji, the transpose of the book's indexing (docs/derivation.md, section 6).
 * Averaging over the batch happens in the loss, whose gradient already carries the 1/N.
 */
export class DenseLayer implements Layer {
  readonly kind = 'dense';
  /** W, inputSize × units. */
  readonly weights: Parameter;
  /** b, 1 × units. */
  readonly bias: Parameter;
  private input: Matrix | undefined;
  private output: Matrix | undefined;
  private inputSensitivity: Matrix | undefined;

  constructor(
    readonly inputSize: number,
    readonly outputSize: number,
    private readonly kernels: Kernels = jsKernels,
  ) {
    expectPositiveInteger(inputSize, 'Dense: inputSize');
    expectPositiveInteger(outputSize, 'Dense: units');
    this.weights = createParameter('weights', inputSize, outputSize, kernels);
    this.bias = createParameter('bias', 1, outputSize, kernels);
  }

  parameters(): readonly Parameter[] {
    return [this.weights, this.bias];
  }

  /** net = x · W + 1·b. @throws Error if x does not have `inputSize` columns. */
  forward(input: Matrix): Matrix {
    if (input.cols !== this.inputSize) {
      throw new Error(`${this.label}: input has ${input.cols} columns, expected ${this.inputSize}`);
    }
    this.input = input;
    const output = (this.output = reuseMatrix(this.output, input.rows, this.outputSize, this.kernels));
    const kernels = this.kernels;
    const weights = this.weights.value,
      bias = this.bias.value;
    return withFastPath(kernels, 'matmulAddRow', [input, weights, bias, output], () => {
      kernels.matmul(input, weights, output);
      return kernels.addRowVector(output, bias, output);
    });
  }

  /** ∂J/∂W += xᵀg, ∂J/∂b += 1ᵀg; returns g · Wᵀ. @throws Error before any forward, or if g has the wrong shape. */
  backward(sensitivity: Matrix): Matrix {
    const input = this.accumulateGradients(sensitivity);
    this.inputSensitivity = reuseMatrix(this.inputSensitivity, input.rows, this.inputSize, this.kernels);
    return this.kernels.matmulTransposeB(sensitivity, this.weights.value, this.inputSensitivity);
  }

  /** ∂J/∂W += xᵀg, ∂J/∂b += 1ᵀg, without ∂J/∂x (for the first layer of a network). */
  backwardParameters(sensitivity: Matrix): void {
    this.accumulateGradients(sensitivity);
  }

  /** Adds xᵀg into ∂J/∂W and 1ᵀg into ∂J/∂b (equations 11 and 13); returns the cached input x. */
  private accumulateGradients(sensitivity: Matrix): Matrix {
    const input = this.input;
    if (input === undefined) throw new Error(`${this.label}: backward called before forward`);
    if (sensitivity.rows !== input.rows || sensitivity.cols !== this.outputSize) {
      throw new Error(
        `${this.label}: sensitivity is ${sensitivity.shape}, expected ${input.rows}×${this.outputSize} (batch × units)`,
      );
    }
    this.kernels.matmulTransposeA(input, sensitivity, this.weights.grad, true);
    this.kernels.sumColumns(sensitivity, this.bias.grad, true);
    return input;
  }

  /** `Dense(inputs → units)`, as errors name the layer. */
  get label(): string {
    return `Dense(${this.inputSize} → ${this.outputSize})`;
  }
}

// Registration

/** A dense layer in a network spec. */
export interface DenseSpec {
  readonly kind: 'dense';
  /** Number of units (output columns); a positive integer. */
  readonly units: number;
  /**
   * How W is initialized; default `{ kind: 'gaussian' }` (std 1/√inputSize). The reference program uses
   * `{ kind: 'gaussian', std: 0.1 }`.
   */
  readonly weightInitializer?: InitializerSpec;
  /** How b is initialized; default `'zeros'`. */
  readonly biasInitializer?: InitializerSpec;
  readonly [option: string]: unknown;
}

/**
 * Registers the kind `'dense'`: declares its size ((inputSize + 1) · units values), validates `units`, creates a
 * {@link DenseLayer} and initializes W and b.
 */
export const denseRegistration: LayerRegistration<DenseSpec> = {
  kind: 'dense',
  module: '@bpnet/dense',
  examples: [
    { kind: 'dense', units: 3 },
    {
      kind: 'dense',
      units: 1,
      weightInitializer: { kind: 'xavier' },
      biasInitializer: { kind: 'constant', value: 0.5 },
    },
  ],
  /**
   * W and b: (inputSize + 1) · units values, asked before `create` so that a spec with huge `units` is refused
   * before anything is allocated. 0 when `units` is not a positive number (`create` reports it).
   */
  parameterCount(config, inputSize) {
    const units = config.units;
    return typeof units === 'number' && units > 0 ? (inputSize + 1) * units : 0;
  },
  create(config, context) {
    const where = `dense at ${context.where}`;
    expectKnownOptions(config, ['units', 'weightInitializer', 'biasInitializer'], where);
    const units = expectPositiveInteger(config.units, `${where}: units`);
    const inputSize = expectPositiveInteger(context.inputSize, `${where}: input size`);
    const layer = new DenseLayer(inputSize, units, context.kernels);
    const fan = { fanIn: inputSize, fanOut: units };
    context.initialize(config.weightInitializer ?? { kind: 'gaussian' }, layer.weights.value, fan, 'weights');
    context.initialize(config.biasInitializer ?? 'zeros', layer.bias.value, fan, 'bias');
    return layer;
  },
};

/** Load into the container to make the kind `'dense'` available: `createContainer(denseModule, ...)`. */
export const denseModule = layerModule(denseRegistration);
