import { type InputData, type TargetData, toInputMatrix, toTargetMatrix } from '../network/batch-data.js';
import type { Layer, Phase } from '../contract/layer.js';
import { describeLayerTree } from '../contract/layer-tree.js';
import type { LossLayer } from '../contract/loss-layer.js';
import { Matrix } from '../kernels/matrix.js';
import type { Network } from '../network/network.js';
import type { RandomSource } from '../random/random-source.js';
import { SeededRandom } from '../random/seeded-random.js';
import { compareGradients, type GradientComparison, type Tolerances } from './compare-gradients.js';
import { centralDifferences } from './central-differences.js';
import { DEFAULT_DRAW_SEED, fixedPass, StateSnapshot } from './fixed-passes.js';

/** Options of the gradient checks. */
export interface GradientCheckOptions extends Partial<Tolerances> {
  /** Step h of the central differences (f(x + h) − f(x − h)) / 2h; default 1e-6. */
  readonly step?: number;
  /** Source of the random projection used for layers; default a fixed seed. */
  readonly random?: RandomSource;
  /** The phase of every forward pass; default `'training'`. */
  readonly phase?: Phase;
  /**
   * Seed of the draws a stochastic layer gets in training: every forward of the check draws the same numbers
   * (fixed draws), so the objective is a deterministic function of inputs and parameters. Default 7.
   */
  readonly drawSeed?: number;
}

const DEFAULT_STEP = 1e-6;

/**
 * Checks a layer's `backward` against central differences. The scalar checked is L = Σ R ⊙ forward(x) for a fixed
 * random R, so backward(R) must return ∂L/∂x and leave ∂L/∂p in each parameter's grad, its children's included.
 * Every forward runs in `options.phase` with fixed draws and from the same state (state buffers are put back before
 * each forward and at the end).
 * @returns one comparison for the input and one per parameter (named `input`, then each parameter's path relative
 *   to the layer: `weights`, or `body[0].weights` for a child's).
 */
export function checkLayerGradients(
  layer: Layer,
  input: Matrix,
  options: GradientCheckOptions = {},
): GradientComparison[] {
  const random = options.random ?? new SeededRandom(20240229);
  const tree = describeLayerTree([{ name: '', layer }]);
  const parameters = tree.parameters;
  const state = new StateSnapshot(tree.state.map((entry) => entry.state));
  const pass = fixedPass(options.phase ?? 'training', tree.stochastic, options.drawSeed ?? DEFAULT_DRAW_SEED);
  const forward = () => {
    state.restore();
    return layer.forward(input, pass());
  };
  const output = forward();
  const projection = new Matrix(
    output.rows,
    output.cols,
    Float64Array.from(output.data, () => random.normal()),
  );
  const objective = () => projectedSum(forward(), projection);
  for (const { parameter } of parameters) parameter.grad.data.fill(0);
  forward();
  const inputGradient = layer.backward(projection).clone();
  const parameterGradients = parameters.map(({ parameter }) => parameter.grad.clone());
  const step = options.step ?? DEFAULT_STEP;
  const comparisons = [
    compareGradients('input', inputGradient.data, centralDifferences(objective, input.data, step), options),
    ...parameters.map(({ path, parameter }, index) =>
      compareGradients(
        path,
        parameterGradients[index].data,
        centralDifferences(objective, parameter.value.data, step),
        options,
      ),
    ),
  ];
  state.restore();
  return comparisons;
}

/** Checks a loss's `backward` (∂J/∂prediction) against central differences of its `forward`. */
export function checkLossGradients(
  loss: LossLayer,
  prediction: Matrix,
  target: Matrix,
  options: GradientCheckOptions = {},
): GradientComparison {
  loss.forward(prediction, target);
  const analytic = loss.backward().clone();
  const numeric = centralDifferences(
    () => loss.forward(prediction, target),
    prediction.data,
    options.step ?? DEFAULT_STEP,
  );
  return compareGradients('prediction', analytic.data, numeric, options);
}

/**
 * Checks `network.backprop` for every parameter against central differences of J, the criterion on the whole
 * network's output. Comparisons are named by parameter path, e.g. `layers[0].weights`. Every forward pass is a
 * training pass (or `options.phase`) that starts from the same state and draws the same numbers: the network's
 * random source and state buffers are put back before each and at the end.
 */
export function checkNetworkGradients(
  network: Network,
  inputData: InputData,
  targetData: TargetData,
  options: GradientCheckOptions = {},
): GradientComparison[] {
  const inputs = toInputMatrix(inputData, network.inputSize, 'checkNetworkGradients: inputs');
  const targets = toTargetMatrix(targetData, inputs.rows, network.outputSize, 'checkNetworkGradients: targets');
  const phase = options.phase ?? 'training';
  const state = new StateSnapshot(network.state());
  const randomState = network.random?.saveState();
  const rewind = () => {
    state.restore();
    if (randomState !== undefined) network.random?.loadState(randomState);
  };
  rewind();
  network.backpropUnchecked(inputs, targets, phase);
  const analytic = network.namedParameters().map(({ parameter }) => parameter.grad.clone());
  const objective = () => {
    rewind();
    return network.loss.forward(network.forwardUnchecked(inputs, phase), targets);
  };
  const comparisons = network
    .namedParameters()
    .map(({ path, parameter }, index) =>
      compareGradients(
        path,
        analytic[index].data,
        centralDifferences(objective, parameter.value.data, options.step ?? DEFAULT_STEP),
        options,
      ),
    );
  rewind();
  return comparisons;
}

function projectedSum(output: Matrix, projection: Matrix): number {
  let sum = 0;
  for (let i = 0; i < output.data.length; i++) sum += output.data[i] * projection.data[i];
  return sum;
}
