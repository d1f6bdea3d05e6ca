import { jsKernels, type Kernels, type Layer, type Matrix, type Parameter } from '@bpnet/core';
import {
  createParameter,
  expectFiniteNumber,
  expectKnownOptions,
  LAYER_REGISTRATION,
  type LayerRegistration,
  reuseMatrix,
} from '@bpnet/core/plugin';
import { ONNX_LOWERING, type OnnxLowering } from '@bpnet/onnx';
import { ContainerModule } from 'inversify';

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

// Registration

/** The layer in a spec: `{ kind: 'acme/prelu', initialSlope?: number }` (default 0.25). */
export interface PreluSpec {
  readonly kind: 'acme/prelu';
  readonly initialSlope?: number;
  readonly [option: string]: unknown;
}

/** Registers the namespaced kind `'acme/prelu'`, validating its one option. */
export const preluRegistration: LayerRegistration<PreluSpec> = {
  kind: 'acme/prelu',
  module: '@bpnet/example-custom-layer',
  examples: [{ kind: 'acme/prelu' }, { kind: 'acme/prelu', initialSlope: -0.5 }],
  create(config, context) {
    const where = `acme/prelu at ${context.where}`;
    expectKnownOptions(config, ['initialSlope'], where);
    return new PreluLayer(
      context.inputSize,
      expectFiniteNumber(config.initialSlope ?? 0.25, `${where}: initialSlope`),
      context.kernels,
    );
  },
};

// ONNX export

/**
 * How `toOnnx` (`@bpnet/onnx`) writes an `acme/prelu` layer, bound by {@link preluModule} next to the registration
 * (export with `toOnnx(network, { container })`, the container the module was loaded in): y = x for x > 0, a·x
 * otherwise, with the slope a as a [units] initializer broadcast over the N × units input (ONNX's unidirectional
 * broadcasting).
 * - float32 graphs: ONNX's `PRelu(X, slope)`, whose definition is this one (y = slope·x for x < 0, else x).
 * - float64 graphs: `Where(Greater(X, 0), X, Mul(X, slope))`, the forward's own expression, because ONNX Runtime's
 *   CPU provider implements `PRelu` for float32 only (a DOUBLE `PRelu` fails with "Could not find an implementation").
 */
export const preluLowering: OnnxLowering<PreluLayer> = {
  kind: 'acme/prelu',
  lower(layer, graph, input) {
    const slope = graph.initializer('slope', layer.slope.value, [layer.inputSize]);
    if (graph.precision === 'float32') return graph.node('PRelu', [input, slope]);
    const zero = graph.initializer('zero', Float64Array.of(0), []);
    const positive = graph.node('Greater', [input, zero]);
    return graph.node('Where', [positive, input, graph.node('Mul', [input, slope])]);
  },
};

/** Load into bpnet's container to use `'acme/prelu'` in specs. */
export const preluModule = new ContainerModule(({ bind }) => {
  bind(LAYER_REGISTRATION).toConstantValue(preluRegistration);
  bind(ONNX_LOWERING).toConstantValue(preluLowering);
});
