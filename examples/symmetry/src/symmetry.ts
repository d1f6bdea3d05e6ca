import { accuracyOf, buildNetwork, createContainer, type InitializerSpec, SeededRandom, seededRandomModule, train } from '@bpnet/core';
import { DenseLayer, denseModule } from '@bpnet/dense';
import { sigmoidModule } from '@bpnet/sigmoid';
import { squaredErrorModule } from '@bpnet/squared-error';
import { makeToyData } from '@bpnet/example-three-layer/toy-data';
import { threeLayerSpec } from '@bpnet/example-three-layer/three-layer';
import { countDistinctUnits } from './distinct-units.js';
import { type Diagnosis, diagnose } from '@bpnet/diagnostics';

/** One initialization's outcome in the symmetry experiment. */
export interface SymmetryRun {
  readonly name: string;
  readonly finalLoss: number;
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

/**
 * Trains the three-layer example's toy net from one weight initialization and measures how many hidden units stay distinct.
 * With equal weights every hidden unit computes the same value and receives the same sensitivity (equation 12),
 * so the units stay identical through every update.
 */
export function runSymmetry(name: string, weightInitializer: InitializerSpec, iterations = 1000): SymmetryRun {
  const container = createContainer(denseModule, sigmoidModule, squaredErrorModule, seededRandomModule(1));
  const network = buildNetwork(container, threeLayerSpec(4, 20, 3, weightInitializer));
  const random = new SeededRandom(1);
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
  return {
    name,
    finalLoss: history.loss[history.loss.length - 1],
    trainingAccuracy: accuracyOf(network, data.inputs, Int32Array.from(data.labels)),
    distinctHiddenUnits: countDistinctUnits(first.weights.value),
    diagnosis: diagnose(network, data.inputs, data.labels),
    hiddenUnits: first.outputSize,
    firstStepFirstLayerGradient,
  };
}
