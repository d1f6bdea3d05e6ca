import { Matrix } from '../kernels/matrix.js';
import { SeededRandom } from '../random/seeded-random.js';
import { randomMatrix } from '../testing/random-matrix.js';
import { snapshotParameters, threeLayerContainer, threeLayerNetwork } from '../test-fixtures/three-layer.js';
import { train } from './trainer.js';
import type { TrainingProgress } from './training-options.js';
import { describe, expect, it } from 'vitest';

function toyProblem(seed: number, samples = 30) {
  const random = new SeededRandom(seed);
  return {
    inputs: randomMatrix(samples, 4, random, 10),
    labels: Array.from({ length: samples }, () => random.integer(3)),
  };
}

describe('train', () => {
  it('reproduces a seeded run exactly, and a different seed gives a different run', () => {
    const { inputs, labels } = toyProblem(1);
    const run = (seed: number) => {
      const network = threeLayerNetwork(threeLayerContainer(0), 4, 20, 3);
      const history = train(network, inputs, labels, { learningRate: 1, iterations: 50, batchSize: 15, seed });
      return { loss: history.loss, parameters: snapshotParameters(network) };
    };
    expect(run(7)).toEqual(run(7));
    expect(run(7).loss).not.toEqual(run(8).loss);
  });

  it('does full-batch descent that does not depend on the order of the samples', () => {
    const { inputs, labels } = toyProblem(2, 12);
    const order = [5, 3, 11, 0, 8, 1, 10, 2, 7, 4, 9, 6];
    const shuffled = Matrix.fromRows(order.map((i) => Array.from(inputs.row(i))));
    const descend = (X: Matrix, y: number[], sampling: 'random-batch' | 'epoch') => {
      const network = threeLayerNetwork(threeLayerContainer(3), 4, 6, 3);
      train(network, X, y, { learningRate: 0.5, iterations: 100, batchSize: 12, sampling });
      return snapshotParameters(network).flat();
    };
    const inOrder = descend(inputs, labels, 'random-batch');
    const permuted = descend(
      shuffled,
      order.map((i) => labels[i]),
      'random-batch',
    );
    permuted.forEach((value, i) => expect(value).toBeCloseTo(inOrder[i], 12));
    expect(descend(inputs, labels, 'epoch')).toEqual(inOrder);
  });

  it('trains the toy problem to training accuracy 1.0', () => {
    const { inputs, labels } = toyProblem(1);
    const network = threeLayerNetwork(threeLayerContainer(1), 4, 20, 3);
    const history = train(network, inputs, labels, { learningRate: 1, iterations: 1000, batchSize: 15, seed: 1 });
    expect(network.predict(inputs)).toEqual(labels);
    expect(history.loss[999]).toBeLessThan(history.loss[0] / 5);
  });

  it('records the loss per iteration and the batch accuracy once per epoch, as the reference program does', () => {
    const { inputs, labels } = toyProblem(3);
    const progress: TrainingProgress[] = [];
    const network = threeLayerNetwork(threeLayerContainer(1), 4, 20, 3);
    const history = train(network, inputs, labels, {
      learningRate: 1,
      iterations: 9,
      batchSize: 15,
      seed: 2,
      validation: { inputs: inputs, labels },
      onProgress: (p) => progress.push(p),
    });
    expect(history.loss).toHaveLength(9);
    expect(history.iterationsPerEpoch).toBe(2); // max(⌊30 / 15⌋, 1)
    expect(history.accuracy).toHaveLength(5); // iterations 0, 2, 4, 6, 8
    expect(history.validationAccuracy).toHaveLength(5);
    for (const accuracy of history.accuracy) expect(accuracy * 15).toBeCloseTo(Math.round(accuracy * 15), 12);
    expect(progress.map((p) => p.iteration)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(progress.map((p) => p.loss)).toEqual(history.loss);
    expect(progress.filter((p) => p.accuracy !== undefined).map((p) => p.iteration)).toEqual([1, 3, 5, 7, 9]);
    expect(progress[8].validationAccuracy).toBe(
      network.predict(inputs).filter((label, i) => label === labels[i]).length / 30,
    );
  });

  it('counts epochs of shuffled passes, including a smaller last batch', () => {
    const { inputs, labels } = toyProblem(4, 10);
    const network = threeLayerNetwork(threeLayerContainer(1), 4, 5, 3);
    const history = train(network, inputs, labels, {
      learningRate: 0.1,
      epochs: 3,
      batchSize: 4,
      sampling: 'epoch',
      seed: 1,
    });
    expect(history.iterationsPerEpoch).toBe(3); // batches of 4, 4, 2
    expect(history.loss).toHaveLength(9);
    expect(history.accuracy).toHaveLength(3);
  });

  it('accepts a target matrix instead of labels', () => {
    const { inputs, labels } = toyProblem(5, 6);
    const targets = Matrix.fromRows(labels.map((label) => [0, 1, 2].map((k) => (k === label ? 1 : 0))));
    const run = (y: Matrix | number[]) => {
      const network = threeLayerNetwork(threeLayerContainer(1), 4, 5, 3);
      return train(network, inputs, y, { learningRate: 1, iterations: 5, batchSize: 3, seed: 4 }).loss;
    };
    expect(run(targets)).toEqual(run(labels));
  });
});

describe('early stopping', () => {
  it("stops when the validation loss stops improving and restores the best epoch's weights", () => {
    const { inputs, labels } = toyProblem(6, 30);
    const validation = toyProblem(7, 30); // unrelated random labels: fitting the training set makes it worse
    const network = threeLayerNetwork(threeLayerContainer(1), 4, 20, 3);
    const snapshots: number[][][] = [];
    const history = train(network, inputs, labels, {
      learningRate: 1,
      iterations: 2000,
      batchSize: 15,
      seed: 3,
      validation: { inputs: validation.inputs, labels: validation.labels },
      earlyStopping: { patience: 5 },
      onEpoch: ({ network: trained }) => snapshots.push(snapshotParameters(trained)),
    });
    expect(history.stoppedEarly).toBe(true);
    expect(history.loss.length).toBeLessThan(2000);
    const best = history.bestEpoch as number;
    expect(history.validationLoss[best]).toBe(Math.min(...history.validationLoss));
    expect(history.validationLoss.length - 1 - best).toBe(5); // stopped after `patience` epochs without improvement
    expect(snapshotParameters(network)).toEqual(snapshots[best]);
  });

  it('needs validation data', () => {
    const { inputs, labels } = toyProblem(6, 30);
    const network = threeLayerNetwork(threeLayerContainer(1), 4, 5, 3);
    expect(() => train(network, inputs, labels, { learningRate: 1, earlyStopping: { patience: 2 } })).toThrow(
      'train: earlyStopping needs validation data (options.validation) to measure the validation loss',
    );
    expect(() =>
      train(network, inputs, labels, {
        learningRate: 1,
        validation: { inputs, labels },
        earlyStopping: { patience: 0 },
      }),
    ).toThrow('train: earlyStopping.patience must be a positive integer, got number 0');
  });
});
