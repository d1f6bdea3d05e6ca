import { type ActivationThroughOutput, ActivationLayer, activationRegistration } from '../contract/activation-layer.js';
import type { Layer, LayerRegistration } from '../contract/layer.js';
import type { LossLayer, LossRegistration } from '../contract/loss-layer.js';
import { createParameter, type Parameter } from '../contract/parameter.js';
import { expectKnownOptions, expectPositiveInteger } from '../validation/validate.js';
import { layerModule, lossModule } from '../container/container.js';
import type { InitializerSpec } from '../initializers/initializer.js';
import { withFastPath } from '../kernels/fast-path.js';
import type { Kernels } from '../kernels/kernels.js';
import type { Matrix } from '../kernels/matrix.js';
import { reuseMatrix } from '../kernels/reuse-matrix.js';

/**
 * Test-only stand-ins for the kinds `'dense'`, `'sigmoid'` and `'squared-error'`, so that core's own tests can build
 * the derivation's three-layer network without depending on `@bpnet/dense`, `@bpnet/sigmoid` and
 * `@bpnet/squared-error` (which depend on core). They take the same options, check them with the same messages and
 * make the same kernel calls in the same order as those packages, so a network built from them computes bit for bit
 * what one built from the real packages does. The real packages' own tests, and the cross-package tests in `test/`,
 * check the real layers; these exist only so that core's tests can exercise the network and the trainer.
 */
const MODULE = '@bpnet/core test fixtures';

/**
 * net = x · W + 1·b with W inputs × units and b 1 × units; backward, given g = ∂J/∂net, adds xᵀg to ∂J/∂W and
 * 1ᵀg to ∂J/∂b and returns ∂J/∂x = g · Wᵀ.
 */
class FixtureDenseLayer implements Layer {
  readonly kind = 'dense';
  readonly weights: Parameter;
  readonly bias: Parameter;
  private input: Matrix | undefined;
  private output: Matrix | undefined;
  private inputSensitivity: Matrix | undefined;

  constructor(
    readonly inputSize: number,
    readonly outputSize: number,
    private readonly kernels: Kernels,
  ) {
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
    const weights = this.weights.value;
    const bias = this.bias.value;
    return withFastPath(kernels, 'matmulAddRow', [input, weights, bias, output], () => {
      kernels.matmul(input, weights, output);
      return kernels.addRowVector(output, bias, output);
    });
  }

  /** ∂J/∂W += xᵀg, ∂J/∂b += 1ᵀg; returns g · Wᵀ. */
  backward(sensitivity: Matrix): Matrix {
    const input = this.accumulateGradients(sensitivity);
    this.inputSensitivity = reuseMatrix(this.inputSensitivity, input.rows, this.inputSize, this.kernels);
    return this.kernels.matmulTransposeB(sensitivity, this.weights.value, this.inputSensitivity);
  }

  /** ∂J/∂W += xᵀg, ∂J/∂b += 1ᵀg, without ∂J/∂x. */
  backwardParameters(sensitivity: Matrix): void {
    this.accumulateGradients(sensitivity);
  }

  private accumulateGradients(sensitivity: Matrix): Matrix {
    const input = this.input;
    if (input === undefined) throw new Error(`${this.label}: backward called before forward`);
    if (sensitivity.rows !== input.rows || sensitivity.cols !== this.outputSize) {
      const expected = `${input.rows}×${this.outputSize} (batch × units)`;
      throw new Error(`${this.label}: sensitivity is ${sensitivity.shape}, expected ${expected}`);
    }
    this.kernels.matmulTransposeA(input, sensitivity, this.weights.grad, true);
    this.kernels.sumColumns(sensitivity, this.bias.grad, true);
    return input;
  }

  get label(): string {
    return `Dense(${this.inputSize} → ${this.outputSize})`;
  }
}

/** The options of the kind `'dense'`, as `@bpnet/dense` takes them. */
interface FixtureDenseSpec {
  readonly kind: 'dense';
  readonly units: number;
  readonly weightInitializer?: InitializerSpec;
  readonly biasInitializer?: InitializerSpec;
  readonly [option: string]: unknown;
}

/** The kind `'dense'` (`units`, `weightInitializer` default gaussian 1/√inputs, `biasInitializer` default zeros). */
export const fixtureDenseRegistration: LayerRegistration<FixtureDenseSpec> = {
  kind: 'dense',
  module: MODULE,
  /** (inputSize + 1) · units, as `@bpnet/dense` declares it. */
  parameterCount(config, inputSize) {
    const units = config.units;
    return typeof units === 'number' && units > 0 ? (inputSize + 1) * units : 0;
  },
  create(config, context) {
    const where = `dense at ${context.where}`;
    expectKnownOptions(config, ['units', 'weightInitializer', 'biasInitializer'], where);
    const units = expectPositiveInteger(config.units, `${where}: units`);
    const inputSize = expectPositiveInteger(context.inputSize, `${where}: input size`);
    const layer = new FixtureDenseLayer(inputSize, units, context.kernels);
    const fan = { fanIn: inputSize, fanOut: units };
    context.initialize(config.weightInitializer ?? { kind: 'gaussian' }, layer.weights.value, fan, 'weights');
    context.initialize(config.biasInitializer ?? 'zeros', layer.bias.value, fan, 'bias');
    return layer;
  },
};

/** y = 1/(1 + e^−net), computed without overflow; ∂J/∂net = ∂J/∂y · y(1 − y). */
const fixtureSigmoid: ActivationThroughOutput = {
  kind: 'sigmoid',
  name: 'Sigmoid',
  apply: (net) => {
    if (net >= 0) return 1 / (1 + Math.exp(-net));
    const e = Math.exp(net);
    return e / (1 + e);
  },
  backward: (sensitivity, output) => sensitivity * output * (1 - output),
  standard: 'logistic',
};

/** The kind `'sigmoid'`, through core's {@link ActivationLayer}. */
export const fixtureSigmoidRegistration = activationRegistration(fixtureSigmoid, MODULE);

/** J = (1/N) Σ ½‖t − z‖²; backward returns ∂J/∂z = (z − t)/N. */
class FixtureSquaredErrorLoss implements LossLayer {
  readonly kind = 'squared-error';
  private difference: Matrix | undefined;
  private gradient: Matrix | undefined;

  constructor(
    readonly size: number,
    private readonly kernels: Kernels,
  ) {}

  /** J = (1/N) Σ ½‖t − z‖². @throws Error if prediction and target are not both N × size. */
  forward(prediction: Matrix, target: Matrix): number {
    if (prediction.cols !== this.size || target.rows !== prediction.rows || target.cols !== this.size) {
      const shapes = `prediction is ${prediction.shape} and target ${target.shape}`;
      throw new Error(`SquaredError(${this.size}): ${shapes}; expected both N×${this.size}`);
    }
    this.difference = reuseMatrix(this.difference, prediction.rows, this.size, this.kernels);
    this.kernels.zip(prediction, target, (z, t) => z - t, this.difference);
    return (0.5 * this.kernels.dot(this.difference, this.difference)) / prediction.rows;
  }

  /** ∂J/∂z = (z − t)/N for the last forward. @throws Error before any forward. */
  backward(): Matrix {
    const difference = this.difference;
    if (difference === undefined) throw new Error(`SquaredError(${this.size}): backward called before forward`);
    this.gradient = reuseMatrix(this.gradient, difference.rows, difference.cols, this.kernels);
    return this.kernels.scale(1 / difference.rows, difference, this.gradient);
  }
}

/** The loss kind `'squared-error'` (no options). */
export const fixtureSquaredErrorRegistration: LossRegistration = {
  kind: 'squared-error',
  module: MODULE,
  create(config, context) {
    expectKnownOptions(config, [], `squared-error at ${context.where}`);
    return new FixtureSquaredErrorLoss(context.size, context.kernels);
  },
};

/** The three kinds as container modules, for `createContainer`. */
export const fixtureThreeLayerModules = [
  layerModule(fixtureDenseRegistration),
  layerModule(fixtureSigmoidRegistration),
  lossModule(fixtureSquaredErrorRegistration),
] as const;
