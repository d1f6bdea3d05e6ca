import {
  type ChildLayer,
  type ForwardPass,
  jsKernels,
  type Kernels,
  type Layer,
  type LayerSpec,
  type Matrix,
  type Parameter,
} from '@bpnet/core';
import { expectKnownOptions, type LayerRegistration, reuseMatrix } from '@bpnet/core/plugin';
import { expectLayerSpecs } from './container-checks.js';
import { buildLayers, LayerChain } from './layer-chain.js';

/**
 * A residual block: y = x + f(x), where f = f_k ∘ … ∘ f_1 is the body, children `body[0]`, `body[1]`, …. The body
 * must map the input size to itself. It holds no parameters of its own.
 *
 * Backward: x reaches y along two paths, the identity and f, so their sensitivities add:
 * ∂J/∂x = s + f.backward(s) for s = ∂J/∂y (the identity path carries s unchanged). The body's ∂J/∂p come from
 * f.backward alone, which is why `backwardParameters` runs only the body (its own `backwardParameters`).
 */
export class ResidualLayer implements Layer {
  readonly kind = 'residual';
  readonly outputSize: number;
  private readonly body: LayerChain;
  private output: Matrix | undefined;
  private inputSensitivity: Matrix | undefined;

  /**
   * @param body - the layers of f, in order; the first takes `inputSize` columns, the last gives `inputSize`.
   * @param kernels - allocate and compute the output and ∂J/∂x (default the JS kernels).
   * @param label - the layer in messages; the registration passes `residual at <where>`.
   * @throws Error when `body` is empty, its sizes do not chain, or it does not map `inputSize` columns to `inputSize`.
   */
  constructor(
    readonly inputSize: number,
    body: readonly Layer[],
    private readonly kernels: Kernels = jsKernels,
    readonly label = 'residual',
  ) {
    if (body.length === 0) throw new Error(`${label}: body must hold at least one layer`);
    this.body = new LayerChain(inputSize, body, 'body', label);
    if (this.body.outputSize !== inputSize) {
      throw new Error(
        `${label}: body maps ${inputSize} columns to ${this.body.outputSize}; y = x + f(x) needs the same size`,
      );
    }
    this.outputSize = inputSize;
  }

  /** None: a residual block holds only its body's parameters. */
  parameters(): readonly Parameter[] {
    return [];
  }

  /** `body[0]`, `body[1]`, …. */
  children(): readonly ChildLayer[] {
    return this.body.children();
  }

  /** y = x + f(x), with `pass` handed unchanged to the body. @throws Error if x does not have `inputSize` columns. */
  forward(input: Matrix, pass: ForwardPass): Matrix {
    const f = this.body.forward(input, pass);
    const output = (this.output = reuseMatrix(this.output, input.rows, this.outputSize, this.kernels));
    this.kernels.copy(input, output);
    return this.kernels.axpy(1, f, output);
  }

  /**
   * ∂J/∂x = s + f.backward(s); the body adds its ∂J/∂p. @throws Error before any forward, or if s is not N × inputSize.
   */
  backward(sensitivity: Matrix): Matrix {
    const throughBody = this.body.backward(sensitivity);
    const result = (this.inputSensitivity = reuseMatrix(
      this.inputSensitivity,
      sensitivity.rows,
      this.inputSize,
      this.kernels,
    ));
    this.kernels.copy(sensitivity, result);
    return this.kernels.axpy(1, throughBody, result);
  }

  /** The body's parameter gradients (the identity path has none), bit for bit as `backward` leaves them. */
  backwardParameters(sensitivity: Matrix): void {
    this.body.backwardParameters(sensitivity);
  }
}

// Registration

/** A residual block in a network spec: y = x + f(x), f the layers of `body`. */
export interface ResidualSpec {
  readonly kind: 'residual';
  /** The layers of f, in order; a non-empty array of layer specs that maps the input size to itself. */
  readonly body: readonly LayerSpec[];
  readonly [option: string]: unknown;
}

/**
 * Registers the kind `'residual'`: validates `body`, builds each child through the container's registry at
 * `<where>.body[i]` and creates a {@link ResidualLayer}, which checks that the body keeps the input size.
 */
export const residualRegistration: LayerRegistration<ResidualSpec> = {
  kind: 'residual',
  module: '@bpnet/containers',
  // A residual body must give back the input size, which the kit varies: these bodies keep any size.
  examples: [
    { kind: 'residual', body: [{ kind: 'tanh' }] },
    { kind: 'residual', body: [{ kind: 'tanh' }, { kind: 'residual', body: [{ kind: 'tanh' }] }] },
  ],
  create(config, context) {
    const where = `residual at ${context.where}`;
    expectKnownOptions(config, ['body'], where);
    const specs = expectLayerSpecs(config.body, `${where}: body`);
    return new ResidualLayer(
      context.inputSize,
      buildLayers(context, specs, 'body', context.inputSize),
      context.kernels,
      where,
    );
  },
};
