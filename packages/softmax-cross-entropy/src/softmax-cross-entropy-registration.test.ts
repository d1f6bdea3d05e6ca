import {
  buildNetwork,
  createContainer,
  type LossSpec,
  type Matrix,
  SeededRandom,
  seededRandomModule,
  train,
} from '@bpnet/core';
import { randomMatrix } from '@bpnet/core/testing';
import { denseModule } from '@bpnet/dense';
import { describe, expect, it } from 'vitest';
import { SoftmaxCrossEntropyLoss } from './softmax-cross-entropy-loss.js';
import { softmaxCrossEntropyModule } from './softmax-cross-entropy-registration.js';

/** 30 points around three centres, (2, 0), (−1, 1.7) and (−1, −1.7), with noise 0.3: linearly separable. */
function threeClusters(random: SeededRandom): { inputs: Matrix; labels: number[] } {
  const centres = [
    [2, 0],
    [-1, 1.7],
    [-1, -1.7],
  ];
  const inputs = randomMatrix(30, 2, random, 0.3);
  const labels = Array.from({ length: 30 }, (_, n) => n % 3);
  labels.forEach((label, n) => centres[label].forEach((c, j) => inputs.set(n, j, inputs.get(n, j) + c)));
  return { inputs, labels };
}

describe('softmaxCrossEntropyRegistration', () => {
  const container = createContainer(denseModule, softmaxCrossEntropyModule, seededRandomModule(0));
  const spec = (loss: LossSpec) => ({ inputSize: 2, layers: [{ kind: 'dense', units: 3 }], loss });

  it("builds a SoftmaxCrossEntropyLoss for the loss kind 'softmax-cross-entropy' with the last layer's size", () => {
    const network = buildNetwork(container, spec({ kind: 'softmax-cross-entropy' }));
    expect(network.loss).toBeInstanceOf(SoftmaxCrossEntropyLoss);
    expect(network.loss.size).toBe(3);
  });

  it('rejects an unknown option', () => {
    expect(() => buildNetwork(container, spec({ kind: 'softmax-cross-entropy', reduction: 'sum' }))).toThrow(
      "softmax-cross-entropy at loss: unknown option 'reduction'; it takes no options",
    );
  });

  it('trains dense → softmax-cross-entropy on a separable problem to accuracy 1', () => {
    const network = buildNetwork(container, spec({ kind: 'softmax-cross-entropy' }));
    const { inputs, labels } = threeClusters(new SeededRandom(4));
    const history = train(network, inputs, labels, { learningRate: 0.5, iterations: 300, batchSize: 30, seed: 1 });
    expect(history.loss[0]).toBeGreaterThan(0.5);
    expect(history.loss.at(-1)).toBeLessThan(0.1);
    expect(history.accuracy.at(-1)).toBe(1);
    expect(network.predict(inputs)).toEqual(labels);
  });
});
