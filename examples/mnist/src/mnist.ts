import {
  buildNetwork,
  confusionMatrix,
  type ContainerModule,
  createContainer,
  type Matrix,
  type Network,
  SeededRandom,
  seededRandomModule,
  trainAsync,
  type TrainingHistory,
  type TrainingCheckpoint,
  type TrainingProgress,
} from '@bpnet/core';
import { splitDataset, stratifiedSplit } from '@bpnet/data';
import { loadMnistDigits } from '@bpnet/mnist';
import { denseModule } from '@bpnet/dense';
import { sigmoidModule } from '@bpnet/sigmoid';
import { squaredErrorModule } from '@bpnet/squared-error';

/** Settings of the MNIST example. */
export interface MnistOptions {
  readonly hiddenUnits?: number;
  /** A kernels module (e.g. `wasmKernelsModule` from `@bpnet/wasm`); core's JavaScript kernels when absent. */
  readonly kernels?: ContainerModule;
  readonly epochs?: number;
  readonly onProgress?: (progress: TrainingProgress) => void;
  /** Stops training cleanly between iterations (Ctrl-C), writing a checkpoint first when `checkpoint` is set. */
  readonly signal?: AbortSignal;
  /** Where to write checkpoints (every 100 iterations and on interruption). */
  readonly checkpoint?: (checkpoint: TrainingCheckpoint) => void;
  /** A checkpoint to continue from. */
  readonly resumeFrom?: TrainingCheckpoint;
}

/** What the MNIST example produced. */
export interface MnistResult {
  readonly network: Network;
  readonly history: TrainingHistory;
  readonly testAccuracy: number;
  readonly confusion: number[][];
  readonly trainSize: number;
  readonly testSize: number;
  /** The held-out digits (testSize × 784, pixels in [0, 1]) and their labels. */
  readonly testInputs: Matrix;
  readonly testLabels: readonly number[];
}

/**
 * The three-layer network of the derivation (docs/derivation.md) on handwritten digits: 784 pixels → H sigmoid units →
 * 10 sigmoid outputs, squared error, minibatch gradient descent in shuffled epochs (on `trainAsync`, so Ctrl-C can stop
 * it between iterations). 10,000 digits of the `mnist` package, split 80/20 with every digit in proportion (seeded).
 */
export async function runMnist(options: MnistOptions = {}): Promise<MnistResult> {
  const digits = loadMnistDigits();
  const split = stratifiedSplit(digits.labels, 0.2, new SeededRandom(1));
  const {
    train: { inputs: trainInputs, labels: trainLabels },
    test: { inputs: testInputs, labels: testLabels },
  } = splitDataset(digits, split);
  const modules = [denseModule, sigmoidModule, squaredErrorModule, seededRandomModule(2)];
  if (options.kernels !== undefined) modules.push(options.kernels);
  const network = buildNetwork(createContainer(...modules), {
    inputSize: 784,
    layers: [
      { kind: 'dense', units: options.hiddenUnits ?? 64 },
      { kind: 'sigmoid' },
      { kind: 'dense', units: 10 },
      { kind: 'sigmoid' },
    ],
    loss: { kind: 'squared-error' },
  });
  const history = await trainAsync(network, trainInputs, trainLabels, {
    learningRate: 3,
    epochs: options.epochs ?? 8,
    batchSize: 32,
    sampling: 'epoch',
    seed: 3,
    validation: { inputs: testInputs, labels: testLabels },
    onProgress: options.onProgress,
    signal: options.signal,
    checkpoint: options.checkpoint && { every: 100, write: options.checkpoint },
    resumeFrom: options.resumeFrom,
  });
  const predictions = network.predict(testInputs);
  return {
    network,
    history,
    testAccuracy: predictions.filter((p, i) => p === testLabels[i]).length / testLabels.length,
    confusion: confusionMatrix(predictions, testLabels, 10),
    trainSize: split.train.length,
    testSize: split.test.length,
    testInputs,
    testLabels,
  };
}
