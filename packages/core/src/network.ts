import { argmaxRows, type InputData, type TargetData, toInputMatrix, toTargetMatrix } from './batch-data.js';
import type { Kernels } from './kernels.js';
import type { Layer } from './layer.js';
import type { LossLayer } from './loss-layer.js';
import type { Matrix } from './matrix.js';
import type { NetworkSpec } from './network-spec.js';
import type { Parameter } from './parameter.js';

/** A parameter with its place in the network, e.g. `'layers[0].weights'`. */
export interface NamedParameter {
  readonly path: string;
  readonly parameter: Parameter;
}

/**
 * A sequential network: layers applied in order, then a criterion. For the seed's three-layer net the layers are
 * dense → sigmoid → dense → sigmoid and the criterion is squared error.
 *
 * Public methods validate their arguments and throw before touching any state; the `…Unchecked` methods skip
 * validation for trainers that checked the whole data set once.
 */
export class Network {
  private readonly named: readonly NamedParameter[];
  private readonly flat: readonly Parameter[];

  constructor(
    /** The spec this network was built from (a validated copy). */
    readonly spec: NetworkSpec,
    readonly layers: readonly Layer[],
    readonly loss: LossLayer,
    /** The kernels the layers were built with; optimizers update parameters through them. */
    readonly kernels: Kernels,
    /** For each layer and loss kind in the spec, the package that registered it (saved with the model). */
    readonly kindModules: Readonly<Record<string, string>> = {},
  ) {
    this.named = layers.flatMap((layer, index) =>
      layer.parameters().map((parameter) => ({ path: `layers[${index}].${parameter.name}`, parameter })),
    );
    this.flat = this.named.map(({ parameter }) => parameter);
  }

  /** Columns of the input. */
  get inputSize(): number {
    return this.spec.inputSize;
  }

  /** Columns of the output (classes, for a classifier). */
  get outputSize(): number {
    return this.layers[this.layers.length - 1].outputSize;
  }

  /** Every trainable parameter in layer order (Dense: `weights` then `bias`). */
  parameters(): readonly Parameter[] {
    return this.flat;
  }

  /** Every trainable parameter with its path, e.g. `'layers[2].bias'`. */
  namedParameters(): readonly NamedParameter[] {
    return this.named;
  }

  /**
   * The network's output for a batch (N × inputSize → N × outputSize), as a new matrix.
   * @throws Error if the inputs are empty, have the wrong number of columns, or hold NaN/Infinity.
   */
  forward(inputs: InputData): Matrix {
    return this.forwardUnchecked(toInputMatrix(inputs, this.inputSize, 'Network.forward: inputs')).clone();
  }

  /**
   * One backpropagation: zeroes every gradient, runs the forward pass and the criterion, then the backward pass
   * from ∂J/∂z through every layer (the first layer's ∂J/∂x is not needed, so a layer that offers
   * `backwardParameters` is spared computing it). Returns J for the batch; ∂J/∂w is left in each parameter's `grad`.
   * @param targets - integer class labels (one-hot targets are made from them) or a target matrix.
   * @throws Error on bad inputs or targets, before any gradient is touched.
   */
  backprop(inputs: InputData, targets: TargetData): number {
    const x = toInputMatrix(inputs, this.inputSize, 'Network.backprop: inputs');
    const t = toTargetMatrix(targets, x.rows, this.outputSize, 'Network.backprop: targets');
    return this.backpropUnchecked(x, t);
  }

  /**
   * The predicted class of each sample: the index of its largest output (predict = argmax).
   * @throws Error on bad inputs.
   */
  predict(inputs: InputData): number[] {
    const x = toInputMatrix(inputs, this.inputSize, 'Network.predict: inputs');
    return Array.from(argmaxRows(this.forwardUnchecked(x)));
  }

  /** Sets every parameter's gradient to zero. */
  zeroGradients(): void {
    for (const parameter of this.flat) this.kernels.fill(0, parameter.grad);
  }

  /** The forward pass without validation. The result is the last layer's buffer: clone it to keep it. */
  forwardUnchecked(inputs: Matrix): Matrix {
    let activation = inputs;
    for (const layer of this.layers) activation = layer.forward(activation);
    return activation;
  }

  /** {@link backprop} without validation: `inputs` must be N × inputSize and `targets` N × outputSize, all finite. */
  backpropUnchecked(inputs: Matrix, targets: Matrix): number {
    this.zeroGradients();
    const loss = this.loss.forward(this.forwardUnchecked(inputs), targets);
    let sensitivity = this.loss.backward();
    for (let index = this.layers.length - 1; index > 0; index--) {
      sensitivity = this.layers[index].backward(sensitivity);
    }
    const first = this.layers[0];
    if (first.backwardParameters !== undefined) first.backwardParameters(sensitivity);
    else first.backward(sensitivity);
    return loss;
  }
}
