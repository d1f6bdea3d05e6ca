import type { ChildLayer, ForwardPass, Layer, LayerSpec, Matrix, Parameter } from '@bpnet/core';
import { expectKnownOptions, type LayerRegistration } from '@bpnet/core/plugin';
import { expectLayerSpecs } from './container-checks.js';
import { buildLayers, LayerChain } from './layer-chain.js';

/**
 * Layers in sequence as one layer: y = f_k(…f_2(f_1(x))), children `layers[0]`, `layers[1]`, … (Torch's
 * Sequential). It holds no parameters of its own; the children's sit at `layers[i].<name>` under its path.
 *
 * Backward is the chain rule child by child: s_k = ∂J/∂y, s_{i−1} = f_i.backward(s_i), ∂J/∂x = s_0.
 * `backwardParameters` skips ∂J/∂x of the first child (its `backwardParameters`, when it has one).
 */
export class SequentialLayer implements Layer {
  readonly kind = 'sequential';
  readonly outputSize: number;
  private readonly chain: LayerChain;

  /**
   * @param layers - the children, in order; each takes the previous one's output size.
   * @param label - the layer in messages; the registration passes `sequential at <where>`.
   * @throws Error when `layers` is empty or the sizes do not chain.
   */
  constructor(
    readonly inputSize: number,
    layers: readonly Layer[],
    readonly label = 'sequential',
  ) {
    if (layers.length === 0) throw new Error(`${label}: layers must hold at least one layer`);
    this.chain = new LayerChain(inputSize, layers, 'layers', label);
    this.outputSize = this.chain.outputSize;
  }

  /** None: a sequential layer holds only its children's parameters. */
  parameters(): readonly Parameter[] {
    return [];
  }

  /** `layers[0]`, `layers[1]`, …. */
  children(): readonly ChildLayer[] {
    return this.chain.children();
  }

  /**
   * y = f_k(…f_1(x)), with `pass` handed unchanged to every child. @throws Error if x does not have `inputSize`
   * columns.
   */
  forward(input: Matrix, pass: ForwardPass): Matrix {
    return this.chain.forward(input, pass);
  }

  /** ∂J/∂x = f_1.backward(…f_k.backward(s)). @throws Error before any forward, or if s is not N × outputSize. */
  backward(sensitivity: Matrix): Matrix {
    return this.chain.backward(sensitivity);
  }

  /** The parameter gradients of `backward`, bit for bit, without the first child's ∂J/∂x. */
  backwardParameters(sensitivity: Matrix): void {
    this.chain.backwardParameters(sensitivity);
  }
}

// Registration

/** A sequential container in a network spec: y = f_k(…f_1(x)). */
export interface SequentialSpec {
  readonly kind: 'sequential';
  /** The layers, in order; a non-empty array of layer specs of any registered kind (containers too). */
  readonly layers: readonly LayerSpec[];
  readonly [option: string]: unknown;
}

/**
 * Registers the kind `'sequential'`: validates `layers`, builds each child through the container's registry at
 * `<where>.layers[i]` and creates a {@link SequentialLayer}.
 */
export const sequentialRegistration: LayerRegistration<SequentialSpec> = {
  kind: 'sequential',
  module: '@bpnet/containers',
  examples: [
    { kind: 'sequential', layers: [{ kind: 'dense', units: 3 }, { kind: 'tanh' }] },
    {
      kind: 'sequential',
      layers: [{ kind: 'tanh' }, { kind: 'dense', units: 2 }, { kind: 'tanh' }, { kind: 'dense', units: 1 }],
    },
  ],
  create(config, context) {
    const where = `sequential at ${context.where}`;
    expectKnownOptions(config, ['layers'], where);
    const specs = expectLayerSpecs(config.layers, `${where}: layers`);
    return new SequentialLayer(context.inputSize, buildLayers(context, specs, 'layers', context.inputSize), where);
  },
};
