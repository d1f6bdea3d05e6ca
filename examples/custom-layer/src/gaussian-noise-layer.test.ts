import { buildNetwork, createContainer, jsKernels, Matrix, SeededRandom, seededRandomModule } from '@bpnet/core';
import { createLayerContext, INFERENCE_PASS, Registry, trainingPass } from '@bpnet/core/plugin';
import { assertConformance, checkLayerConformance } from '@bpnet/core/testing';
import { denseModule } from '@bpnet/dense';
import { softmaxCrossEntropyModule } from '@bpnet/softmax-cross-entropy';
import { describe, expect, it } from 'vitest';
import { GaussianNoiseLayer, gaussianNoiseModule, gaussianNoiseRegistration } from './gaussian-noise-layer.js';

const context = (where: string) =>
  createLayerContext(
    { kernels: jsKernels, random: new SeededRandom(0), initializers: new Registry('initializer', []) },
    2,
    where,
  );

describe('acme/gaussian-noise', () => {
  it("passes bpnet's conformance kit in both phases", () => {
    const report = checkLayerConformance(gaussianNoiseRegistration);
    assertConformance(report);
    // 2 configs × 2 input sizes × 2 batch sizes × (state check + training: 1 gradient + 5 checks + 'stochastic layers
    // draw in training' + inference: 1 gradient + 6 checks);
    // a stochastic layer's training draws follow positions, so 'batch equals sum of samples' runs in inference only.
    expect(report.checks).toBe(2 * 2 * 2 * (1 + 7 + 7));
  });

  it('adds σ·z in training, one N(0, 1) draw per element in row-major order', () => {
    const layer = new GaussianNoiseLayer(2, 0.5, jsKernels, 'test');
    const x = Matrix.fromRows([
      [1, -2],
      [3, 4],
    ]);
    const y = layer.forward(x, trainingPass(new SeededRandom(11))).toRows();
    const draws = new SeededRandom(11);
    const z = [draws.normal(), draws.normal(), draws.normal(), draws.normal()];
    expect(y).toEqual([
      [1 + 0.5 * z[0], -2 + 0.5 * z[1]],
      [3 + 0.5 * z[2], 4 + 0.5 * z[3]],
    ]);
    expect(
      layer
        .backward(
          Matrix.fromRows([
            [5, 6],
            [7, 8],
          ]),
        )
        .toRows(),
    ).toEqual([
      [5, 6],
      [7, 8],
    ]);
  });

  it('is the identity in inference and draws nothing (the inference pass refuses every draw)', () => {
    const layer = new GaussianNoiseLayer(2, 0.5, jsKernels, 'test');
    expect(layer.forward(Matrix.fromRows([[1, -2]]), INFERENCE_PASS).toRows()).toEqual([[1, -2]]);
    expect(() => INFERENCE_PASS.random.normal()).toThrow('stochastic layers draw only in training');
  });

  it('draws from the network’s own source in backprop, and not at all in forward', () => {
    const container = createContainer(
      denseModule,
      softmaxCrossEntropyModule,
      gaussianNoiseModule,
      seededRandomModule(1),
    );
    const network = buildNetwork(container, {
      inputSize: 2,
      layers: [
        { kind: 'acme/gaussian-noise', std: 1 },
        { kind: 'dense', units: 2 },
      ],
      loss: { kind: 'softmax-cross-entropy' },
    });
    expect(network.random).toBeDefined();
    const x = [[0.5, -0.5]];
    expect(network.forward(x).toRows()).toEqual(network.forward(x).toRows());
    const before = JSON.stringify(network.random?.saveState());
    const first = network.backprop(x, [0]);
    expect(JSON.stringify(network.random?.saveState())).not.toBe(before);
    expect(network.backprop(x, [0])).not.toBe(first); // new noise each training pass
  });

  it('rejects a bad option, saying where', () => {
    expect(() =>
      gaussianNoiseRegistration.create({ kind: 'acme/gaussian-noise', std: -1 }, context('layers[1]')),
    ).toThrow('acme/gaussian-noise at layers[1]: std must be ≥ 0, got -1');
    expect(() =>
      gaussianNoiseRegistration.create({ kind: 'acme/gaussian-noise', sigma: 1 }, context('layers[1]')),
    ).toThrow("acme/gaussian-noise at layers[1]: unknown option 'sigma'; expected one of: std");
    expect(() => new GaussianNoiseLayer(2, 1, jsKernels, 'noise').backward(Matrix.zeros(1, 2))).toThrow(
      'noise: backward called before forward',
    );
  });
});
