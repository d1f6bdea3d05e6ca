import { buildNetwork, createContainer, seededRandomModule, train } from '@bpnet/core';
import { denseModule } from '@bpnet/dense';
import { sigmoidModule } from '@bpnet/sigmoid';
import { squaredErrorModule } from '@bpnet/squared-error';
import { expect, it } from 'vitest';

it("the README's three-layer example learns XOR with the output it shows", () => {
  const container = createContainer(denseModule, sigmoidModule, squaredErrorModule, seededRandomModule(0));
  const network = buildNetwork(container, {
    inputSize: 2,
    layers: [{ kind: 'dense', units: 4 }, { kind: 'sigmoid' }, { kind: 'dense', units: 2 }, { kind: 'sigmoid' }],
    loss: { kind: 'squared-error' },
  });
  const X = [
    [0, 0],
    [0, 1],
    [1, 0],
    [1, 1],
  ];
  const labels = [0, 1, 1, 0];
  const history = train(network, X, labels, { learningRate: 5, iterations: 5000, batchSize: 4, seed: 1 });
  expect(history.loss.at(-1)).toBeCloseTo(0.00016339, 7);
  expect(network.predict(X)).toEqual([0, 1, 1, 0]);
});
