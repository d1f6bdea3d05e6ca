import {
  accuracyOf,
  buildNetwork,
  createContainer,
  type InitializerSpec,
  type Network,
  type NetworkSpec,
  SeededRandom,
  seededRandomModule,
  train,
  type TrainingHistory,
  type TrainingProgress,
} from '@bpnet/core';
import { denseModule } from '@bpnet/dense';
import { NumpyRandomState, numpyRandomModule } from '@bpnet/numpy-random';
import { sigmoidModule } from '@bpnet/sigmoid';
import { squaredErrorModule } from '@bpnet/squared-error';
import { makeToyData, type ToyData } from './toy-data.js';

/**
 * The three-layer net of the derivation (docs/derivation.md): input → dense → sigmoid → dense → sigmoid, squared-error
 * criterion.
 */
export function threeLayerSpec(
  inputSize: number,
  hiddenSize: number,
  classes: number,
  weightInitializer: InitializerSpec,
): NetworkSpec {
  return {
    inputSize,
    layers: [
      { kind: 'dense', units: hiddenSize, weightInitializer, biasInitializer: 'zeros' },
      { kind: 'sigmoid' },
      { kind: 'dense', units: classes, weightInitializer, biasInitializer: 'zeros' },
      { kind: 'sigmoid' },
    ],
    loss: { kind: 'squared-error' },
  };
}

/** Settings of the reference program's toy experiment. */
export interface ToyExperimentOptions {
  /** Seeds the model's initial weights (default 1; 0 with `numpy`, as the reference program's np.random.seed(0)). */
  readonly modelSeed?: number;
  /** Seeds the data and, continuing the same stream, the batch draws (default 1). */
  readonly dataSeed?: number;
  /** W's initializer; the reference program's is `{ kind: 'gaussian', std: 0.1 }`. */
  readonly weightInitializer?: InitializerSpec;
  readonly iterations?: number;
  /**
   * Draw from numpy's legacy random stream (`@bpnet/numpy-random`) instead of bpnet's, seeded 0 for the model and 1
   * for the data, as the reference program does: the run then replays that program draw for draw.
   */
  readonly numpy?: boolean;
  readonly onProgress?: (progress: TrainingProgress) => void;
}

/** What the toy experiment produced. */
export interface ToyExperimentResult {
  readonly network: Network;
  readonly data: ToyData;
  readonly history: TrainingHistory;
  readonly predictions: number[];
  readonly trainingAccuracy: number;
}

/**
 * The reference program's toy experiment: 4 inputs, 20 hidden units, 3 classes, 30 samples X = 10·randn with labels
 * uniform in {0, 1, 2}; weights 0.1·randn and zero biases; learning rate 1, 1000 iterations, batches of 15 drawn at
 * random.
 */
export function runToyExperiment(options: ToyExperimentOptions = {}): ToyExperimentResult {
  const modelSeed = options.modelSeed ?? (options.numpy ? 0 : 1);
  const dataSeed = options.dataSeed ?? 1;
  const randomModule = options.numpy ? numpyRandomModule(modelSeed) : seededRandomModule(modelSeed);
  const container = createContainer(denseModule, sigmoidModule, squaredErrorModule, randomModule);
  const network = buildNetwork(
    container,
    threeLayerSpec(4, 20, 3, options.weightInitializer ?? { kind: 'gaussian', std: 0.1 }),
  );
  const random = options.numpy ? new NumpyRandomState(dataSeed) : new SeededRandom(dataSeed);
  const data = makeToyData(random);
  const history = train(network, data.inputs, data.labels, {
    learningRate: 1,
    iterations: options.iterations ?? 1000,
    batchSize: 15,
    sampling: 'random-batch',
    random,
    onProgress: options.onProgress,
  });
  const predictions = network.predict(data.inputs);
  return {
    network,
    data,
    history,
    predictions,
    trainingAccuracy: accuracyOf(network, data.inputs, Int32Array.from(data.labels)),
  };
}
