import type { ChildLayer, ForwardPass, Layer, Matrix } from '@bpnet/core';
import type { LayerContext } from '@bpnet/core/plugin';
import { expectInputColumns, expectSensitivityShape } from './container-checks.js';

/**
 * Builds the layers of `specs` one after another through the container's registry (`context.build`), each taking
 * the previous one's output size, the first `inputSize`; layer i is built at `<context.where>.<prefix>[i]`. Any
 * registered kind may appear, containers included.
 * @throws Error from `context.build`, naming the full path (an unknown kind, a spec that is not an object, a kind's
 *   own validation, nesting deeper than the builder allows).
 */
export function buildLayers(
  context: LayerContext,
  specs: readonly unknown[],
  prefix: string,
  inputSize: number,
): Layer[] {
  const layers: Layer[] = [];
  let size = inputSize;
  for (const [index, spec] of specs.entries()) {
    const layer = context.build(spec, size, `${prefix}[${index}]`);
    layers.push(layer);
    size = layer.outputSize;
  }
  return layers;
}

/**
 * Layers applied one after another, the part every container is made of: f(x) = f_k(…f_2(f_1(x))), with
 * children named `<prefix>[0]`, `<prefix>[1]`, … (so a child's parameter sits at `<prefix>[i].<name>`).
 *
 * - forward: a_0 = x, a_i = f_i(a_{i−1}, pass), f(x) = a_k; every child gets the same `pass`.
 * - backward: s_k = ∂J/∂f(x), s_{i−1} = f_i.backward(s_i), returns ∂J/∂x = s_0 (the chain rule, child by child,
 *   last to first); each child adds its own ∂J/∂p.
 * - backwardParameters: the same, except that the first child runs `backwardParameters(s_1)` when it offers it
 *   (else `backward`), so ∂J/∂x is not computed; the parameter gradients are the same bit for bit.
 *
 * An empty chain is the identity: forward returns its input and backward its sensitivity, the same matrices.
 */
export class LayerChain {
  /** Columns of f(x): the last layer's `outputSize`, or `inputSize` for an empty chain. */
  readonly outputSize: number;
  private rows: number | undefined;

  /**
   * @param label - the container, for messages, e.g. `'residual at layers[1]'`.
   * @throws Error when a layer's `inputSize` is not the previous layer's `outputSize` (the first's, not `inputSize`).
   */
  constructor(
    readonly inputSize: number,
    readonly layers: readonly Layer[],
    readonly prefix: string,
    private readonly label: string,
  ) {
    let size = inputSize;
    for (const [index, layer] of layers.entries()) {
      if (layer.inputSize !== size) {
        const source = index === 0 ? 'the input has' : `${prefix}[${index - 1}] gives`;
        throw new Error(
          `${label}: ${prefix}[${index}] (${layer.kind}) takes ${layer.inputSize} columns but ${source} ${size}`,
        );
      }
      size = layer.outputSize;
    }
    this.outputSize = size;
  }

  /** The layers with their names, `<prefix>[i]`, in order. */
  children(): ChildLayer[] {
    return this.layers.map((layer, index) => ({ name: `${this.prefix}[${index}]`, layer }));
  }

  /**
   * f(x) = f_k(…f_1(x)), handing `pass` unchanged to every layer. @throws Error if x does not have `inputSize` columns.
   */
  forward(input: Matrix, pass: ForwardPass): Matrix {
    expectInputColumns(input, this.inputSize, this.label);
    this.rows = input.rows;
    let activation = input;
    for (const layer of this.layers) activation = layer.forward(activation, pass);
    return activation;
  }

  /**
   * ∂J/∂x = f_1.backward(…f_k.backward(s)); each layer adds its ∂J/∂p. @throws Error before any forward, or if s is not
   * N × outputSize.
   */
  backward(sensitivity: Matrix): Matrix {
    return this.backwardThrough(sensitivity, 0);
  }

  /** What `backward` does to the parameter gradients, without ∂J/∂x (see the class). */
  backwardParameters(sensitivity: Matrix): void {
    if (this.layers.length === 0) {
      expectSensitivityShape(sensitivity, this.rows, this.outputSize, this.label);
      return;
    }
    const first = this.layers[0];
    const rest = this.backwardThrough(sensitivity, 1);
    if (first.backwardParameters !== undefined) first.backwardParameters(rest);
    else first.backward(rest);
  }

  /** Runs `backward` from the last layer down to `layers[stop]` and returns ∂J/∂(input of layers[stop]). */
  private backwardThrough(sensitivity: Matrix, stop: number): Matrix {
    expectSensitivityShape(sensitivity, this.rows, this.outputSize, this.label);
    let delta = sensitivity;
    for (let index = this.layers.length - 1; index >= stop; index--) delta = this.layers[index].backward(delta);
    return delta;
  }
}
