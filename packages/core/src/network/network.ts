import {
  argmaxRows,
  expectFiniteOutputs,
  type InputData,
  precisionOf,
  type TargetData,
  toInputMatrix,
  toTargetMatrix,
} from './batch-data.js';
import { forwardPass, INFERENCE_PASS, trainingPass } from '../contract/forward-pass.js';
import type { Kernels } from '../kernels/kernels.js';
import type { ForwardPass, Layer, Phase } from '../contract/layer.js';
import { describeLayerTree, type NamedParameter, type NamedState } from '../contract/layer-tree.js';
import type { LossLayer } from '../contract/loss-layer.js';
import type { Matrix } from '../kernels/matrix.js';
import type { NetworkSpec } from './network-spec.js';
import type { Parameter } from '../contract/parameter.js';
import type { SeededRandom } from '../random/seeded-random.js';
import type { StateBuffer } from '../contract/state-buffer.js';

export type { NamedParameter, NamedState } from '../contract/layer-tree.js';

/**
 * A sequential network: layers applied in order, then a criterion. For the three-layer net of the derivation
 * (docs/derivation.md) the layers are dense → sigmoid → dense → sigmoid and the criterion is squared error.
 *
 * Phases: `backprop` runs its forward pass in training; `forward` and `predict` run in inference (dropout off,
 * batch normalization on its running statistics, no state changed). Layers learn the phase from the pass the
 * network hands them; nobody sets a flag.
 *
 * Public methods validate their arguments and throw before touching any state; the `…Unchecked` methods skip
 * validation for trainers that checked the whole data set once.
 */
export class Network {
  private readonly named: readonly NamedParameter[];
  private readonly flat: readonly Parameter[];
  private readonly namedStates: readonly NamedState[];
  private readonly states: readonly StateBuffer[];
  private readonly training: ForwardPass;
  /** Whether some layer couples the samples of a batch in training (see `Layer.couplesSamples`). */
  readonly couplesSamples: boolean;

  constructor(
    /** The spec this network was built from (a validated copy). */
    readonly spec: NetworkSpec,
    readonly layers: readonly Layer[],
    readonly loss: LossLayer,
    /** The kernels the layers were built with; optimizers update parameters through them. */
    readonly kernels: Kernels,
    /**
     * For each layer and loss kind in the spec (nested ones too), the package that registered it (saved with the
     * model).
     */
    readonly kindModules: Readonly<Record<string, string>> = {},
    /**
     * The source stochastic layers draw from in training: the network's own, seeded from the container's source
     * when it was built; saved in checkpoints. Undefined when no layer declares `stochastic`.
     */
    readonly random?: SeededRandom,
  ) {
    const tree = describeLayerTree(layers.map((layer, index) => ({ name: `layers[${index}]`, layer })));
    if (tree.stochastic && random === undefined) {
      throw new Error('Network: a layer declares `stochastic: true` but the network was given no random source for it');
    }
    this.named = tree.parameters;
    this.flat = this.named.map(({ parameter }) => parameter);
    this.namedStates = tree.state;
    this.states = tree.state.map(({ state }) => state);
    this.couplesSamples = tree.couplesSamples;
    this.training = trainingPass(random);
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

  /** Every trainable parameter with its path, e.g. `'layers[2].bias'` or `'layers[1].body[0].weights'`. */
  namedParameters(): readonly NamedParameter[] {
    return this.named;
  }

  /** Every non-trainable state buffer (e.g. running statistics), in the same order as `namedState`. */
  state(): readonly StateBuffer[] {
    return this.states;
  }

  /** Every non-trainable state buffer with its path, e.g. `'layers[1].runningMean'`; never given to an optimizer. */
  namedState(): readonly NamedState[] {
    return this.namedStates;
  }

  /**
   * The network's output for a batch (N × inputSize → N × outputSize), as a new matrix, computed in inference
   * (nothing drawn, no state changed).
   * @throws Error if the inputs are empty, have the wrong number of columns, or hold NaN/Infinity.
   */
  forward(inputs: InputData): Matrix {
    return this.forwardUnchecked(
      toInputMatrix(inputs, this.inputSize, 'Network.forward: inputs', precisionOf(this.kernels)),
    ).clone();
  }

  /**
   * One backpropagation: zeroes every gradient, runs the forward pass (in training) and the criterion, then the
   * backward pass from ∂J/∂z through every layer (the first layer's ∂J/∂x is not needed, so a layer that offers
   * `backwardParameters` is spared computing it). Returns J for the batch; ∂J/∂w is left in each parameter's `grad`.
   * @param targets - integer class labels (one-hot targets are made from them) or a target matrix.
   * @throws Error on bad inputs or targets, before any gradient is touched.
   */
  backprop(inputs: InputData, targets: TargetData): number {
    const x = toInputMatrix(inputs, this.inputSize, 'Network.backprop: inputs', precisionOf(this.kernels));
    const t = toTargetMatrix(targets, x.rows, this.outputSize, 'Network.backprop: targets', precisionOf(this.kernels));
    if (this.couplesSamples && x.rows < 2) {
      throw new Error(
        'Network.backprop: inputs: 1 sample, but a layer of this network couples the ' +
          'samples of a batch (e.g. batch-norm) and needs at least 2 in training',
      );
    }
    return this.backpropUnchecked(x, t);
  }

  /**
   * The predicted class of each sample: the index of its largest output (predict = argmax).
   * @throws Error on bad inputs (also values beyond float32's range when the kernels compute in float32), and when
   *   a sample's output holds NaN or Infinity (naming the sample): such an output has no class.
   */
  predict(inputs: InputData): number[] {
    const x = toInputMatrix(inputs, this.inputSize, 'Network.predict: inputs', precisionOf(this.kernels));
    const outputs = this.forwardUnchecked(x);
    expectFiniteOutputs(outputs, 'Network.predict');
    return Array.from(argmaxRows(outputs));
  }

  /** Sets every parameter's gradient to zero. */
  zeroGradients(): void {
    for (const parameter of this.flat) this.kernels.fill(0, parameter.grad);
  }

  /**
   * The forward pass without validation, in `phase` (default inference). The result is the last layer's buffer:
   * clone it to keep it. A training pass draws from `random` and may update state, as a gradient step's does.
   */
  forwardUnchecked(inputs: Matrix, phase: Phase = 'inference'): Matrix {
    const pass =
      phase === 'training' ? this.training : phase === 'inference' ? INFERENCE_PASS : forwardPass(phase, this.random);
    let activation = inputs;
    for (const layer of this.layers) activation = layer.forward(activation, pass);
    return activation;
  }

  /**
   * {@link backprop} without validation: `inputs` must be N × inputSize and `targets` N × outputSize, all finite.
   * `phase` is the phase of its forward pass (default training; inference differentiates what `forward` computes).
   */
  backpropUnchecked(inputs: Matrix, targets: Matrix, phase: Phase = 'training'): number {
    this.zeroGradients();
    const loss = this.loss.forward(this.forwardUnchecked(inputs, phase), targets);
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
