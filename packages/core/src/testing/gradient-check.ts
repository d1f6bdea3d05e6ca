import { type InputData, type TargetData, toInputMatrix, toTargetMatrix } from '../batch-data.js';
import type { Layer } from '../layer.js';
import type { LossLayer } from '../loss-layer.js';
import { Matrix } from '../matrix.js';
import type { Network } from '../network.js';
import type { RandomSource } from '../random-source.js';
import { SeededRandom } from '../seeded-random.js';
import { compareGradients, type GradientComparison, type Tolerances } from './compare-gradients.js';
import { centralDifferences } from './central-differences.js';

/** Options of the gradient checks. */
export interface GradientCheckOptions extends Partial<Tolerances> {
  /** Step h of the central differences (f(x + h) − f(x − h)) / 2h; default 1e-6. */
  readonly step?: number;
  /** Source of the random projection used for layers; default a fixed seed. */
  readonly random?: RandomSource;
}

const DEFAULT_STEP = 1e-6;

/**
 * Checks a layer's `backward` against central differences. The scalar checked is L = Σ R ⊙ forward(x) for a fixed
 * random R, so backward(R) must return ∂L/∂x and leave ∂L/∂p in each parameter's grad.
 * @returns one comparison for the input and one per parameter (named `input`, then each parameter's name).
 */
export function checkLayerGradients(layer: Layer, input: Matrix, options: GradientCheckOptions = {}): GradientComparison[] {
  const random = options.random ?? new SeededRandom(20240229);
  const output = layer.forward(input);
  const projection = new Matrix(output.rows, output.cols, Float64Array.from(output.data, () => random.normal()));
  const objective = () => projectedSum(layer.forward(input), projection);
  for (const parameter of layer.parameters()) parameter.grad.data.fill(0);
  layer.forward(input);
  const inputGradient = layer.backward(projection).clone();
  const parameterGradients = layer.parameters().map((parameter) => parameter.grad.clone());
  const step = options.step ?? DEFAULT_STEP;
  return [
    compareGradients('input', inputGradient.data, centralDifferences(objective, input.data, step), options),
    ...layer.parameters().map((parameter, index) =>
      compareGradients(parameter.name, parameterGradients[index].data, centralDifferences(objective, parameter.value.data, step), options),
    ),
  ];
}

/** Checks a loss's `backward` (∂J/∂prediction) against central differences of its `forward`. */
export function checkLossGradients(loss: LossLayer, prediction: Matrix, target: Matrix, options: GradientCheckOptions = {}): GradientComparison {
  loss.forward(prediction, target);
  const analytic = loss.backward().clone();
  const numeric = centralDifferences(() => loss.forward(prediction, target), prediction.data, options.step ?? DEFAULT_STEP);
  return compareGradients('prediction', analytic.data, numeric, options);
}

/**
 * Checks `network.backprop` for every parameter against central differences of J, the criterion on the whole
 * network's output. Comparisons are named by parameter path, e.g. `layers[0].weights`.
 */
export function checkNetworkGradients(network: Network, inputData: InputData, targetData: TargetData, options: GradientCheckOptions = {}): GradientComparison[] {
  const inputs = toInputMatrix(inputData, network.inputSize, 'checkNetworkGradients: inputs');
  const targets = toTargetMatrix(targetData, inputs.rows, network.outputSize, 'checkNetworkGradients: targets');
  network.backprop(inputs, targets);
  const analytic = network.namedParameters().map(({ parameter }) => parameter.grad.clone());
  const objective = () => network.loss.forward(network.forwardUnchecked(inputs), targets);
  return network
    .namedParameters()
    .map(({ path, parameter }, index) =>
      compareGradients(path, analytic[index].data, centralDifferences(objective, parameter.value.data, options.step ?? DEFAULT_STEP), options),
    );
}

function projectedSum(output: Matrix, projection: Matrix): number {
  let sum = 0;
  for (let i = 0; i < output.data.length; i++) sum += output.data[i] * projection.data[i];
  return sum;
}
