import { SeededRandom, TRAINER, train } from '@bpnet/core';
import { randomMatrix } from '@bpnet/core/testing';
import { adamModule } from '@bpnet/adam';
import { momentumModule } from '@bpnet/momentum';
import { describe, expect, it } from 'vitest';
import { threeLayerContainer, threeLayerNetwork } from './fixtures/three-layer.js';

const random = new SeededRandom(12);
const inputs = randomMatrix(40, 3, random);
const labels = Array.from({ length: 40 }, (_, n) => (inputs.get(n, 0) + inputs.get(n, 1) > 0 ? 1 : 0));

describe('optimizers chosen by kind through the container', () => {
  it.each([['sgd'], ['momentum'], ['adam']])('%s trains the network and reports its state', (kind) => {
    const container = threeLayerContainer(1, momentumModule, adamModule);
    const network = threeLayerNetwork(container, 3, 6, 2, { kind: 'gaussian', std: 0.5 });
    const history = container.get(TRAINER).train(network, inputs, labels, {
      learningRate: kind === 'adam' ? 0.05 : 1,
      iterations: 400,
      batchSize: 40,
      optimizer: { kind },
    });
    expect(history.optimizerState.kind).toBe(kind);
    expect(history.optimizerState.step).toBe(400);
    expect(history.loss[399]).toBeLessThan(history.loss[0] / 3);
    expect(network.predict(inputs).filter((p, n) => p === labels[n]).length).toBeGreaterThanOrEqual(38);
  });

  it('continues from a saved optimizer state exactly as an uninterrupted run', () => {
    const container = threeLayerContainer(1, adamModule);
    const trainer = container.get(TRAINER);
    const options = { learningRate: 0.05, batchSize: 40, optimizer: { kind: 'adam' } };
    const whole = threeLayerNetwork(container, 3, 6, 2);
    const split = threeLayerNetwork(threeLayerContainer(1, adamModule), 3, 6, 2);
    const wholeHistory = trainer.train(whole, inputs, labels, { ...options, iterations: 60 });
    const first = trainer.train(split, inputs, labels, { ...options, iterations: 25 });
    const second = trainer.train(split, inputs, labels, {
      ...options,
      iterations: 35,
      optimizerState: JSON.parse(JSON.stringify(first.optimizerState)),
    });
    expect([...first.loss, ...second.loss]).toEqual(wholeHistory.loss);
    expect(second.optimizerState).toEqual(wholeHistory.optimizerState);
  });

  it('fails clearly on an optimizer kind that is not loaded', () => {
    const network = threeLayerNetwork(threeLayerContainer(1), 3, 6, 2);
    expect(() =>
      threeLayerContainer(1)
        .get(TRAINER)
        .train(network, inputs, labels, { learningRate: 1, optimizer: { kind: 'adam' } }),
    ).toThrow("train: optimizer: unknown optimizer kind 'adam'; known optimizer kinds: sgd.");
    expect(() => train(network, inputs, labels, { learningRate: 1, optimizer: { kind: 'momentum' } })).toThrow(
      "unknown optimizer kind 'momentum'",
    );
  });
});
