import {
  buildNetwork,
  createContainer,
  jsKernels,
  loadModel,
  Matrix,
  modelToJson,
  SeededRandom,
  seededRandomModule,
} from '@bpnet/core';
import { createLayerContext, INFERENCE_PASS, Registry, trainingPass } from '@bpnet/core/plugin';
import { assertConformance, checkLayerConformance } from '@bpnet/core/testing';
import { denseModule } from '@bpnet/dense';
import { softmaxCrossEntropyModule } from '@bpnet/softmax-cross-entropy';
import { describe, expect, it } from 'vitest';
import { RecenterLayer, recenterModule, recenterRegistration } from './recenter-layer.js';

describe('acme/recenter', () => {
  it("passes bpnet's conformance kit, state included", () => {
    const report = checkLayerConformance(recenterRegistration);
    assertConformance(report);
    // 2 configs × 2 input sizes × 2 batch sizes × (state check + 2 phases × (1 gradient + 6 checks))
    expect(report.checks).toBe(2 * 2 * 2 * (1 + 2 * 7));
  });

  it('subtracts μ in both phases and moves μ only in a training forward (hand-worked, m = 0.5)', () => {
    const layer = new RecenterLayer(2, 0.5, jsKernels, 'test');
    const training = trainingPass(undefined);
    // μ = [0, 0]: y = x; then μ ← 0 + 0.5 · ([2, 4] − 0) = [1, 2]
    expect(
      layer
        .forward(
          Matrix.fromRows([
            [1, 2],
            [3, 6],
          ]),
          training,
        )
        .toRows(),
    ).toEqual([
      [1, 2],
      [3, 6],
    ]);
    expect(layer.runningMean.value.toRows()).toEqual([[1, 2]]);
    // inference: y = x − μ, μ unchanged
    expect(layer.forward(Matrix.fromRows([[1, 2]]), INFERENCE_PASS).toRows()).toEqual([[0, 0]]);
    expect(layer.runningMean.value.toRows()).toEqual([[1, 2]]);
    // training: y = [5, 6] − [1, 2] = [4, 4]; then μ ← [1, 2] + 0.5 · ([5, 6] − [1, 2]) = [3, 4]
    expect(layer.forward(Matrix.fromRows([[5, 6]]), training).toRows()).toEqual([[4, 4]]);
    expect(layer.runningMean.value.toRows()).toEqual([[3, 4]]);
    expect(layer.backward(Matrix.fromRows([[7, 8]])).toRows()).toEqual([[7, 8]]);
  });

  it('keeps μ out of the parameters and in the model file, which restores it', () => {
    const modules = [denseModule, softmaxCrossEntropyModule, recenterModule];
    const network = buildNetwork(createContainer(...modules, seededRandomModule(2)), {
      inputSize: 2,
      layers: [
        { kind: 'acme/recenter', momentum: 1 },
        { kind: 'dense', units: 2 },
      ],
      loss: { kind: 'softmax-cross-entropy' },
    });
    network.backprop(
      [
        [1, 3],
        [3, 5],
      ],
      [0, 1],
    );
    expect(network.namedParameters().map(({ path }) => path)).toEqual(['layers[1].weights', 'layers[1].bias']);
    expect(network.namedState().map(({ path }) => path)).toEqual(['layers[0].runningMean']);
    expect(network.state()[0].value.toRows()).toEqual([[2, 4]]);
    const file = JSON.parse(modelToJson(network));
    expect(file.version).toBe(2);
    expect(file.state).toEqual([{ path: 'layers[0].runningMean', rows: 1, cols: 2, values: [2, 4] }]);
    const reloaded = loadModel(createContainer(...modules), file);
    expect(reloaded.state()[0].value.toRows()).toEqual([[2, 4]]);
    expect(reloaded.forward([[0, 1]]).toRows()).toEqual(network.forward([[0, 1]]).toRows());
  });

  it('rejects a momentum outside (0, 1]', () => {
    const context = createLayerContext(
      { kernels: jsKernels, random: new SeededRandom(0), initializers: new Registry('initializer', []) },
      2,
      'layers[0]',
    );
    expect(() => recenterRegistration.create({ kind: 'acme/recenter', momentum: 0 }, context)).toThrow(
      'acme/recenter at layers[0]: momentum must be in (0, 1], got 0',
    );
  });
});
