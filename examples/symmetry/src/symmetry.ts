import {
  accuracyOf,
  buildNetwork,
  createContainer,
  type InitializerSpec,
  SeededRandom,
  seededRandomModule,
  train,
} from '@bpnet/core';
import { type DenseLayer, denseModule } from '@bpnet/dense';
import { NumpyRandomState, numpyRandomModule } from '@bpnet/numpy-random';
import { sigmoidModule } from '@bpnet/sigmoid';
import { squaredErrorModule } from '@bpnet/squared-error';
import { makeToyData } from '@bpnet/example-three-layer/toy-data';
import { threeLayerSpec } from '@bpnet/example-three-layer/three-layer';
import { countDistinctUnits } from './distinct-units.js';
import { type Diagnosis, diagnose } from '@bpnet/diagnostics';

/** One initialization's outcome in the symmetry experiment. */
export interface SymmetryRun {
  readonly name: string;
  /** J = ½·mean‖t − z‖² over the last training batch (15 samples), before its update: the history's last loss. */
  readonly finalLoss: number;
  /**
   * The same figure in the numpy reference program's convention, Σ_n ‖t_n − z_n‖² / N without the ½: 2·finalLoss,
   * the "final training loss" that program prints.
   */
  readonly printedLoss: number;
  /** The fraction of the 30 training samples classified correctly after training. */
  readonly trainingAccuracy: number;
  /** Distinct columns of the first weight matrix after training, out of `hiddenUnits`. */
  readonly distinctHiddenUnits: number;
  readonly hiddenUnits: number;
  /** max |∂J/∂W1| on the first step: 0 when nothing flows back to the first layer. */
  readonly firstStepFirstLayerGradient: number;
  /** What `diagnose` says about the trained network on the training data. */
  readonly diagnosis: Diagnosis;
}

/** The three initializations compared in the derivation's section 9 (docs/derivation.md). */
export const symmetryInitializations: readonly { name: string; weightInitializer: InitializerSpec }[] = [
  { name: 'gaussian 0.1·randn', weightInitializer: { kind: 'gaussian', std: 0.1 } },
  { name: 'all weights 0', weightInitializer: 'zeros' },
  { name: 'all weights 1', weightInitializer: { kind: 'constant', value: 1 } },
];

/** How {@link runSymmetry} trains. */
export interface SymmetryOptions {
  /** Iterations of gradient descent (default 1000). */
  readonly iterations?: number;
  /**
   * Draw from numpy's legacy random stream (`@bpnet/numpy-random`), seeded 0 for the initial weights and 1 for the
   * data and the batches, as the numpy reference program does: the run then replays that program draw for draw
   * (default false: bpnet's own source, seeded 1 for both).
   */
  readonly numpy?: boolean;
}

/**
 * Trains the three-layer example's toy net (4-20-3, 30 samples, learning rate 1, batches of 15 drawn at random,
 * zero biases) from one weight initialization and measures how many hidden units stay distinct.
 * With equal weights every hidden unit computes the same value and receives the same sensitivity (equation 12),
 * so the units stay identical through every update.
 */
export function runSymmetry(
  name: string,
  weightInitializer: InitializerSpec,
  options: SymmetryOptions = {},
): SymmetryRun {
  const { iterations = 1000, numpy = false } = options;
  const randomModule = numpy ? numpyRandomModule(0) : seededRandomModule(1);
  const container = createContainer(denseModule, sigmoidModule, squaredErrorModule, randomModule);
  const network = buildNetwork(container, threeLayerSpec(4, 20, 3, weightInitializer));
  const random = numpy ? new NumpyRandomState(1) : new SeededRandom(1);
  const data = makeToyData(random);
  const first = network.layers[0] as DenseLayer;
  let firstStepFirstLayerGradient = NaN;
  const history = train(network, data.inputs, data.labels, {
    learningRate: 1,
    iterations,
    batchSize: 15,
    random,
    onProgress: ({ iteration }) => {
      if (iteration === 1) firstStepFirstLayerGradient = Math.max(...Array.from(first.weights.grad.data, Math.abs));
    },
  });
  const finalLoss = history.loss[history.loss.length - 1];
  return {
    name,
    finalLoss,
    printedLoss: 2 * finalLoss,
    trainingAccuracy: accuracyOf(network, data.inputs, Int32Array.from(data.labels)),
    distinctHiddenUnits: countDistinctUnits(first.weights.value),
    diagnosis: diagnose(network, data.inputs, data.labels),
    hiddenUnits: first.outputSize,
    firstStepFirstLayerGradient,
  };
}
