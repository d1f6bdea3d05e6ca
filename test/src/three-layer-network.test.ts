import { Matrix, oneHot, SeededRandom } from '@bpnet/core';
import { assertGradientsMatch, checkNetworkGradients, randomMatrix } from '@bpnet/core/testing';
import { describe, expect, it } from 'vitest';
import {
  referenceDescent,
  referenceLossAndGradients,
  type ReferenceParameters,
} from './fixtures/reference-three-layer.js';
import { threeLayerContainer, threeLayerNetwork } from './fixtures/three-layer.js';
import { train } from '@bpnet/core';
import type { Network } from '@bpnet/core';

function referenceParameters(network: Network): ReferenceParameters {
  const [W1, b1, W2, b2] = network.parameters().map((p) => p.value.toRows());
  return { W1, b1: b1[0], W2, b2: b2[0] };
}

function expectRelativelyClose(actual: number, expected: number, tolerance: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance * Math.max(Math.abs(expected), 1e-300));
}

describe('the three-layer network', () => {
  it.each([
    [1, 4, 20, 3],
    [15, 4, 20, 3],
    [7, 5, 6, 4],
    [3, 2, 3, 2],
  ])('matches central differences for every parameter (batch %i, %i-%i-%i)', (batch, d, h, c) => {
    const network = threeLayerNetwork(threeLayerContainer(batch + d), d, h, c, { kind: 'gaussian', std: 0.5 });
    const random = new SeededRandom(11);
    const labels = Int32Array.from({ length: batch }, () => random.integer(c));
    const comparisons = checkNetworkGradients(network, randomMatrix(batch, d, random, 2), oneHot(labels, c));
    expect(comparisons.map((comparison) => comparison.name)).toEqual([
      'layers[0].weights',
      'layers[0].bias',
      'layers[2].weights',
      'layers[2].bias',
    ]);
    assertGradientsMatch('three-layer network', comparisons);
  });

  it('agrees with an independent implementation of the formulas of docs/derivation.md: loss and every gradient', () => {
    const network = threeLayerNetwork(threeLayerContainer(5), 4, 20, 3, { kind: 'gaussian', std: 1 });
    const random = new SeededRandom(6);
    const X = randomMatrix(15, 4, random, 3);
    const labels = Array.from({ length: 15 }, () => random.integer(3));
    const T = oneHot(Int32Array.from(labels), 3);
    const reference = referenceLossAndGradients(referenceParameters(network), X.toRows(), T.toRows());
    expectRelativelyClose(network.backprop(X, labels), reference.loss, 1e-13);
    const expected = [reference.grads.W1, [reference.grads.b1], reference.grads.W2, [reference.grads.b2]];
    network.parameters().forEach((parameter, index) => {
      expect(parameter.grad.shape).toBe(`${expected[index].length}×${expected[index][0].length}`);
      parameter.grad
        .toRows()
        .forEach((row, i) =>
          row.forEach((g, j) => expect(Math.abs(g - expected[index][i][j])).toBeLessThan(1e-15 + 1e-12 * Math.abs(g))),
        );
    });
  });

  it('follows 200 steps of full-batch descent of the independent implementation to 1e-10', () => {
    const network = threeLayerNetwork(threeLayerContainer(8), 3, 5, 2, { kind: 'gaussian', std: 0.5 });
    const random = new SeededRandom(9);
    const X = randomMatrix(12, 3, random);
    const labels = Array.from({ length: 12 }, () => random.integer(2));
    const reference = referenceParameters(network);
    const referenceLosses = referenceDescent(
      reference,
      X.toRows(),
      oneHot(Int32Array.from(labels), 2).toRows(),
      2,
      200,
    );
    const history = train(network, X, labels, { learningRate: 2, iterations: 200, batchSize: 12, seed: 0 });
    history.loss.forEach((loss, step) => expectRelativelyClose(loss, referenceLosses[step], 1e-10));
    const [W1, b1, W2, b2] = network.parameters().map((p) => p.value.toRows());
    const pairs: [number[][], number[][]][] = [
      [W1, reference.W1],
      [b1, [reference.b1]],
      [W2, reference.W2],
      [b2, [reference.b2]],
    ];
    for (const [actual, expected] of pairs)
      actual.forEach((row, i) => row.forEach((w, j) => expectRelativelyClose(w, expected[i][j], 1e-10)));
    expect(history.loss[199]).toBeLessThan(history.loss[0]);
  });

  it('predicts the argmax of its outputs', () => {
    const network = threeLayerNetwork(threeLayerContainer(1), 2, 3, 3);
    const X = Matrix.fromRows([
      [1, 2],
      [-3, 0.5],
      [0, 0],
    ]);
    const outputs = network.forward(X).toRows();
    expect(network.predict(X)).toEqual(outputs.map((row) => row.indexOf(Math.max(...row))));
  });

  it('lists its parameters in layer order: dense weights (inputs × units) then bias (1 × units)', () => {
    const network = threeLayerNetwork(threeLayerContainer(1), 4, 20, 3);
    expect(network.parameters().map((p) => `${p.name} ${p.value.shape}`)).toEqual([
      'weights 4×20',
      'bias 1×20',
      'weights 20×3',
      'bias 1×3',
    ]);
  });
});
