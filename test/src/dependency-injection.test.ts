import {
  buildNetwork,
  createContainer,
  jsKernels,
  type Kernels,
  type RandomSource,
  SeededRandom,
  train,
} from '@bpnet/core';
import { KERNELS, layerModule, NETWORK_BUILDER, RANDOM_SOURCE } from '@bpnet/core/plugin';
import { assertGradientsMatch, checkLayerGradients, checkNetworkGradients, randomMatrix } from '@bpnet/core/testing';
import { denseModule, denseRegistration } from '@bpnet/dense';
import { ContainerModule } from 'inversify';
import { describe, expect, it } from 'vitest';
import { acmeLayersModule, ScaledSoftsignLayer } from './fixtures/softsign-layer.js';
import { snapshotParameters, threeLayerContainer, threeLayerNetwork } from './fixtures/three-layer.js';

describe('dependency injection', () => {
  it('loads the layer modules and lists their kinds', () => {
    const container = threeLayerContainer(0);
    expect(container.get(NETWORK_BUILDER).kinds()).toEqual({
      layers: ['dense', 'sigmoid'],
      losses: ['squared-error'],
      initializers: ['constant', 'gaussian', 'he', 'xavier', 'zeros'],
    });
  });

  it('fails clearly on a duplicate kind, naming it and both modules', () => {
    const impostor = layerModule({ ...denseRegistration, module: 'impostor-layers' });
    expect(() => createContainer(denseModule, impostor)).toThrow(
      "Duplicate layer kind 'dense': registered by @bpnet/dense and " +
        'again by impostor-layers; load only one module that registers it',
    );
  });

  it('fails clearly on an unknown kind, listing the known ones', () => {
    const container = threeLayerContainer(0);
    expect(() =>
      buildNetwork(container, {
        inputSize: 2,
        layers: [{ kind: 'dense', units: 3 }, { kind: 'acme/softsign' }],
        loss: { kind: 'squared-error' },
      }),
    ).toThrow("layers[1]: unknown layer kind 'acme/softsign'; known layer kinds: dense, sigmoid.");
    expect(() =>
      buildNetwork(container, { inputSize: 2, layers: [{ kind: 'dense', units: 3 }], loss: { kind: 'hinge' } }),
    ).toThrow("loss: unknown loss kind 'hinge'; known loss kinds: squared-error.");
  });

  it('plugs in a layer written outside bpnet, checks its gradients and trains it in a network', () => {
    const random = new SeededRandom(3);
    const layer = new ScaledSoftsignLayer(3);
    layer.gain.value.data.set([0.5, -2, 1.5]);
    assertGradientsMatch('acme/scaled-softsign', checkLayerGradients(layer, randomMatrix(4, 3, random, 2), { random }));

    const container = threeLayerContainer(2, acmeLayersModule);
    const network = buildNetwork(container, {
      inputSize: 4,
      layers: [
        { kind: 'dense', units: 6 },
        { kind: 'acme/scaled-softsign' },
        { kind: 'dense', units: 3 },
        { kind: 'sigmoid' },
      ],
      loss: { kind: 'squared-error' },
    });
    expect(network.layers[1]).toBeInstanceOf(ScaledSoftsignLayer);
    const inputs = randomMatrix(30, 4, random);
    const labels = Array.from({ length: 30 }, (_, n) => (inputs.get(n, 0) > 0 ? 0 : inputs.get(n, 1) > 0 ? 1 : 2));
    assertGradientsMatch('network with a plug-in', checkNetworkGradients(network, inputs, labels));
    const gainBefore = Array.from((network.layers[1] as ScaledSoftsignLayer).gain.value.data);
    const history = train(network, inputs, labels, { learningRate: 2, iterations: 2000, batchSize: 10, seed: 1 });
    expect(Array.from((network.layers[1] as ScaledSoftsignLayer).gain.value.data)).not.toEqual(gainBefore);
    expect(history.loss.slice(-10).reduce((a, b) => a + b) / 10).toBeLessThan(
      history.loss.slice(0, 10).reduce((a, b) => a + b) / 10 / 2,
    );
    expect(network.predict(inputs).filter((p, n) => p === labels[n]).length / 30).toBeGreaterThanOrEqual(0.9);
  });

  it('sends every layer through rebound kernels', () => {
    const calls: Record<string, number> = {};
    const counting: Kernels = new Proxy(jsKernels, {
      get(target, property: string) {
        const value = Reflect.get(target, property);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          calls[property] = (calls[property] ?? 0) + 1;
          return value.apply(target, args);
        };
      },
    });
    const countingKernels = new ContainerModule(({ rebind }) => {
      rebind(KERNELS).toConstantValue(counting);
    });
    const network = threeLayerNetwork(threeLayerContainer(4, countingKernels), 3, 5, 2);
    const reference = threeLayerNetwork(threeLayerContainer(4), 3, 5, 2);
    const inputs = randomMatrix(6, 3, new SeededRandom(1));
    const labels = [0, 1, 1, 0, 1, 0];
    expect(network.backprop(inputs, labels)).toBe(reference.backprop(inputs, labels));
    // two dense layers: 2 forward products, 2 weight gradients, 1 input sensitivity (the first layer's is not needed);
    // two sigmoids: 2 maps, 2 zips
    expect(calls).toMatchObject({
      matmul: 2,
      matmulTransposeA: 2,
      matmulTransposeB: 1,
      addRowVector: 2,
      sumColumns: 2,
      map: 2,
      dot: 1,
      scale: 1,
    });
    expect(calls.zip).toBe(3); // two sigmoid backwards and the loss's difference
    train(network, inputs, labels, { learningRate: 1, iterations: 1, batchSize: 6 });
    expect(calls.axpy).toBe(4); // the update of each of the four parameters
  });

  it('initializes every layer from the rebound random source', () => {
    const halves: RandomSource = Object.assign(new SeededRandom(0), { normal: () => 0.5 });
    const fixedRandom = new ContainerModule(({ rebind }) => {
      rebind(RANDOM_SOURCE).toConstantValue(halves);
    });
    const network = threeLayerNetwork(threeLayerContainer(0, fixedRandom), 2, 3, 2, { kind: 'gaussian', std: 2 });
    expect(snapshotParameters(network)).toEqual([
      [1, 1, 1, 1, 1, 1],
      [0, 0, 0],
      [1, 1, 1, 1, 1, 1],
      [0, 0],
    ]);
  });

  it('builds identical networks from the same seed and different ones from different seeds', () => {
    const build = (seed: number) => snapshotParameters(threeLayerNetwork(threeLayerContainer(seed), 4, 20, 3));
    expect(build(5)).toEqual(build(5));
    expect(build(5)).not.toEqual(build(6));
  });
});
