import {
  buildNetwork,
  confusionMatrix,
  createContainer,
  type Network,
  SeededRandom,
  seededRandomModule,
  train,
  type TrainingHistory,
  type TrainingProgress,
} from '@bpnet/core';
import { fitStandardization, loadIris, selectLabels, selectRows, stratifiedSplit } from '@bpnet/data';
import { denseModule } from '@bpnet/dense';
import { sigmoidModule } from '@bpnet/sigmoid';
import { squaredErrorModule } from '@bpnet/squared-error';

/** What the iris example produced. */
export interface IrisResult {
  readonly network: Network;
  readonly history: TrainingHistory;
  readonly testAccuracy: number;
  readonly confusion: number[][];
  readonly classNames: string[];
  readonly trainSize: number;
  readonly testSize: number;
}

/**
 * The three-layer shape of the derivation (docs/derivation.md) on Fisher's iris flowers: 4 inputs → 8 sigmoid units → 3
 * sigmoid outputs, squared error. A stratified 70/30 split (seeded), inputs standardized with the training set's
 * statistics, then minibatch gradient descent in shuffled epochs. The test set doubles as validation data for the
 * accuracy curve.
 */
export function runIris(onProgress?: (progress: TrainingProgress) => void): IrisResult {
  const iris = loadIris();
  const split = stratifiedSplit(iris.labels, 0.3, new SeededRandom(7));
  const standardization = fitStandardization(selectRows(iris.inputs, split.train));
  const trainInputs = standardization.apply(selectRows(iris.inputs, split.train));
  const testInputs = standardization.apply(selectRows(iris.inputs, split.test));
  const trainLabels = selectLabels(iris.labels, split.train);
  const testLabels = selectLabels(iris.labels, split.test);
  const network = buildNetwork(createContainer(denseModule, sigmoidModule, squaredErrorModule, seededRandomModule(3)), {
    inputSize: 4,
    layers: [{ kind: 'dense', units: 8 }, { kind: 'sigmoid' }, { kind: 'dense', units: 3 }, { kind: 'sigmoid' }],
    loss: { kind: 'squared-error' },
  });
  const history = train(network, trainInputs, trainLabels, {
    learningRate: 2,
    epochs: 200,
    batchSize: 15,
    sampling: 'epoch',
    seed: 11,
    validation: { inputs: testInputs, labels: testLabels },
    onProgress,
  });
  const predictions = network.predict(testInputs);
  return {
    network,
    history,
    testAccuracy: predictions.filter((p, i) => p === testLabels[i]).length / testLabels.length,
    confusion: confusionMatrix(predictions, testLabels, 3),
    classNames: iris.classNames,
    trainSize: split.train.length,
    testSize: split.test.length,
  };
}
