import { SeededRandom, train } from '@bpnet/core';
import { randomMatrix } from '@bpnet/core/testing';
import { describe, expect, it } from 'vitest';
import { threeLayerContainer, threeLayerNetwork } from './fixtures/three-layer.js';

describe('symmetric initial weights (docs/derivation.md, section 9)', () => {
  it('keeps every hidden unit exactly equal through 100 updates from a constant start', () => {
    const network = threeLayerNetwork(threeLayerContainer(0), 4, 20, 3, { kind: 'constant', value: 1 });
    const random = new SeededRandom(1);
    const inputs = randomMatrix(30, 4, random, 10);
    const labels = Array.from({ length: 30 }, () => random.integer(3));
    const history = train(network, inputs, labels, { learningRate: 1, iterations: 100, batchSize: 15, random });
    const [W1, b1, W2] = network.parameters().map((p) => p.value);
    expect(history.loss[99]).not.toBe(history.loss[0]); // the weights did move
    for (let j = 1; j < 20; j++) {
      for (let i = 0; i < 4; i++) expect(W1.get(i, j)).toBe(W1.get(i, 0)); // incoming weights of unit j
      expect(b1.get(0, j)).toBe(b1.get(0, 0));
      for (let k = 0; k < 3; k++) expect(W2.get(j, k)).toBe(W2.get(0, k)); // outgoing weights of unit j
    }
    expect(W1.get(0, 0)).not.toBe(1);
  });

  it('gives the first layer a zero gradient on the first step from an all-zero start', () => {
    const network = threeLayerNetwork(threeLayerContainer(0), 4, 20, 3, 'zeros');
    const random = new SeededRandom(2);
    network.backprop(
      randomMatrix(15, 4, random, 10),
      Array.from({ length: 15 }, () => random.integer(3)),
    );
    const [W1, b1, W2] = network.parameters().map((p) => p.grad);
    expect(W1.data.every((g) => g === 0)).toBe(true);
    expect(b1.data.every((g) => g === 0)).toBe(true);
    expect(W2.data.some((g) => g !== 0)).toBe(true);
  });
});
