import { adamModule } from '@bpnet/adam';
import { batchNormModule } from '@bpnet/batch-norm';
import { containersModule } from '@bpnet/containers';
import {
  buildNetwork,
  type ContainerModule,
  createContainer,
  type LayerSpec,
  loadModel,
  modelToJson,
  type Network,
  type NetworkSpec,
  SeededRandom,
  seededRandomModule,
  TRAINER,
  type TrainingHistory,
} from '@bpnet/core';
import { splitDataset, stratifiedSplit } from '@bpnet/data';
import { loadMnistDigits } from '@bpnet/mnist';
import { denseModule } from '@bpnet/dense';
import { dropoutModule } from '@bpnet/dropout';
import { reluModule } from '@bpnet/relu';
import { softmaxCrossEntropyModule } from '@bpnet/softmax-cross-entropy';

/** The layer kinds both networks are built from (the plain one uses only dense and relu). */
const layerModules = [
  denseModule,
  reluModule,
  softmaxCrossEntropyModule,
  dropoutModule,
  batchNormModule,
  containersModule,
  adamModule,
];

/** 784 → 64 ReLU → 10, softmax cross-entropy: the plain network. */
export const plainSpec: NetworkSpec = {
  inputSize: 784,
  layers: [
    { kind: 'dense', units: 64, weightInitializer: { kind: 'he' } },
    { kind: 'relu' },
    { kind: 'dense', units: 10 },
  ],
  loss: { kind: 'softmax-cross-entropy' },
};

/** A residual block: y = x + W₂·relu(BN(W₁·x)), 64 → 64. */
const residualBlock: LayerSpec = {
  kind: 'residual',
  body: [
    { kind: 'dense', units: 64, weightInitializer: { kind: 'he' } },
    { kind: 'batch-norm' },
    { kind: 'relu' },
    { kind: 'dense', units: 64, weightInitializer: { kind: 'gaussian', std: 0.01 } },
  ],
};

/**
 * The deeper network: 784 → 64, batch normalization, ReLU, a residual block, dropout, → 10. Its parameters have
 * nested paths such as `layers[3].body[0].weights`.
 */
export const deeperSpec: NetworkSpec = {
  inputSize: 784,
  layers: [
    { kind: 'dense', units: 64, weightInitializer: { kind: 'he' } },
    { kind: 'batch-norm' },
    { kind: 'relu' },
    residualBlock,
    { kind: 'dropout', rate: 0.2 },
    { kind: 'dense', units: 10 },
  ],
  loss: { kind: 'softmax-cross-entropy' },
};

/** Settings of the example. */
export interface MnistDeeperOptions {
  /** Epochs for both networks; default 5. */
  readonly epochs?: number;
  /** A kernels module (e.g. `wasmKernelsModule`); core's JavaScript kernels when absent. */
  readonly kernels?: ContainerModule;
}

/** One trained network and how it did. */
export interface TrainedNetwork {
  readonly network: Network;
  readonly history: TrainingHistory;
  readonly testAccuracy: number;
  readonly seconds: number;
}

/** What the example produced. */
export interface MnistDeeperResult {
  readonly plain: TrainedNetwork;
  readonly deeper: TrainedNetwork;
  /** The deeper network's model file, as JSON text. */
  readonly modelJson: string;
  /** Whether the network loaded from `modelJson` gives the same test outputs as the trained one, bit for bit. */
  readonly reloadedSameBits: boolean;
  readonly trainSize: number;
  readonly testSize: number;
}

/**
 * Trains the plain and the deeper network on the same 8,000 digits with the same epochs, batches, optimizer (Adam,
 * η = 0.002) and seeds, reports both test accuracies on the other 2,000, then saves the deeper one as a model file,
 * loads it into a fresh container and compares its test outputs bit for bit.
 */
export function runMnistDeeper(options: MnistDeeperOptions = {}): MnistDeeperResult {
  const digits = loadMnistDigits();
  const split = stratifiedSplit(digits.labels, 0.2, new SeededRandom(1));
  const {
    train: { inputs: trainInputs, labels: trainLabels },
    test: { inputs: testInputs, labels: testLabels },
  } = splitDataset(digits, split);
  const modules = () => [...layerModules, ...(options.kernels === undefined ? [] : [options.kernels])];
  const trainOne = (spec: NetworkSpec): TrainedNetwork => {
    const container = createContainer(...modules(), seededRandomModule(2));
    const network = buildNetwork(container, spec);
    const started = performance.now();
    const history = container.get(TRAINER).train(network, trainInputs, trainLabels, {
      learningRate: 0.002,
      optimizer: { kind: 'adam' },
      epochs: options.epochs ?? 5,
      batchSize: 64,
      sampling: 'epoch',
      seed: 3,
      validation: { inputs: testInputs, labels: testLabels },
    });
    const seconds = (performance.now() - started) / 1000;
    return { network, history, testAccuracy: accuracy(network.predict(testInputs), testLabels), seconds };
  };
  const plain = trainOne(plainSpec);
  const deeper = trainOne(deeperSpec);
  const modelJson = modelToJson(deeper.network);
  const reloaded = loadModel(createContainer(...modules()), modelJson);
  const outputs = deeper.network.forward(testInputs).data;
  const reloadedOutputs = reloaded.forward(testInputs).data;
  const reloadedSameBits =
    outputs.length === reloadedOutputs.length && outputs.every((value, i) => Object.is(value, reloadedOutputs[i]));
  return { plain, deeper, modelJson, reloadedSameBits, trainSize: split.train.length, testSize: split.test.length };
}

function accuracy(predictions: readonly number[], labels: ArrayLike<number>): number {
  return predictions.filter((p, i) => p === labels[i]).length / predictions.length;
}
