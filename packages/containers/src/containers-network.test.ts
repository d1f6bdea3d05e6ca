import {
  buildNetwork,
  type ContainerModule,
  type ForwardPass,
  loadModel,
  Matrix,
  modelToJson,
  type NetworkSpec,
  SeededRandom,
  saveModel,
  seededRandomModule,
  train,
  createContainer,
} from '@bpnet/core';
import { type LayerRegistration, layerModule } from '@bpnet/core/plugin';
import { assertGradientsMatch, checkNetworkGradients, randomMatrix } from '@bpnet/core/testing';
import { denseModule } from '@bpnet/dense';
import { reluModule } from '@bpnet/relu';
import { sigmoidModule } from '@bpnet/sigmoid';
import { squaredErrorModule } from '@bpnet/squared-error';
import { tanhModule } from '@bpnet/tanh';
import { describe, expect, it } from 'vitest';
import { containersModule } from './containers-module.js';

/**
 * A container with dense, tanh, ReLU, sigmoid, the three containers and squared error, plus `more` (a seed, test
 * kinds).
 */
function testContainer(...more: ContainerModule[]) {
  return createContainer(
    denseModule,
    tanhModule,
    reluModule,
    sigmoidModule,
    containersModule,
    squaredErrorModule,
    ...more,
  );
}

/** 3 → dense 4 → residual(dense 4, tanh) → concat([dense 2] | x | sequential(dense 3, tanh)) → tanh → dense 2. */
const spec: NetworkSpec = {
  inputSize: 3,
  layers: [
    { kind: 'dense', units: 4 },
    { kind: 'residual', body: [{ kind: 'dense', units: 4 }, { kind: 'tanh' }] },
    {
      kind: 'concat',
      branches: [
        [{ kind: 'dense', units: 2 }],
        [],
        [{ kind: 'sequential', layers: [{ kind: 'dense', units: 3 }, { kind: 'tanh' }] }],
      ],
    },
    { kind: 'tanh' },
    { kind: 'dense', units: 2 },
  ],
  loss: { kind: 'squared-error' },
};

/** 40 points in [−1, 1]³, labelled 1 when x_0 · x_1 + x_2 > 0 (not linearly separable). */
function dataSet(): { inputs: Matrix; labels: number[] } {
  const random = new SeededRandom(11);
  const inputs = new Matrix(
    40,
    3,
    Float64Array.from({ length: 120 }, () => 2 * random.uniform() - 1),
  );
  const labels = inputs.toRows().map(([a, b, c]) => (a * b + c > 0 ? 1 : 0));
  return { inputs, labels };
}

describe('containers in a network', () => {
  it('give every nested parameter its path', () => {
    const network = buildNetwork(testContainer(seededRandomModule(1)), spec);
    expect(network.namedParameters().map(({ path }) => path)).toEqual([
      'layers[0].weights',
      'layers[0].bias',
      'layers[1].body[0].weights',
      'layers[1].body[0].bias',
      'layers[2].branches[0][0].weights',
      'layers[2].branches[0][0].bias',
      'layers[2].branches[2][0].layers[0].weights',
      'layers[2].branches[2][0].layers[0].bias',
      'layers[4].weights',
      'layers[4].bias',
    ]);
    expect(network.layers.map((layer) => layer.outputSize)).toEqual([4, 4, 2 + 4 + 3, 9, 2]);
    expect(network.state()).toEqual([]);
    expect(network.random).toBeUndefined(); // nothing in the tree is stochastic
  });

  it('backpropagate the gradients central differences give', () => {
    const network = buildNetwork(testContainer(seededRandomModule(2)), spec);
    const { inputs, labels } = dataSet();
    const comparisons = checkNetworkGradients(network, inputs.toRows().slice(0, 7), labels.slice(0, 7));
    expect(comparisons.map(({ name }) => name)).toEqual(network.namedParameters().map(({ path }) => path));
    assertGradientsMatch('network with containers', comparisons);
  });

  it('train: the loss falls', () => {
    const network = buildNetwork(testContainer(seededRandomModule(3)), spec);
    const { inputs, labels } = dataSet();
    const history = train(network, inputs, labels, { learningRate: 0.5, iterations: 400, batchSize: 10, seed: 4 });
    const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
    const first = mean(history.loss.slice(0, 20));
    const last = mean(history.loss.slice(-20));
    expect(last).toBeLessThan(0.6 * first);
  });

  it('save and load through a container with the modules, predicting bit for bit', () => {
    const network = buildNetwork(testContainer(seededRandomModule(5)), spec);
    const { inputs, labels } = dataSet();
    train(network, inputs, labels, { learningRate: 0.5, iterations: 50, batchSize: 10, seed: 6 });
    const model = saveModel(network);
    expect(model.modules).toEqual({
      dense: '@bpnet/dense',
      residual: '@bpnet/containers',
      tanh: '@bpnet/tanh',
      concat: '@bpnet/containers',
      sequential: '@bpnet/containers',
      'squared-error': '@bpnet/squared-error',
    });
    const loaded = loadModel(testContainer(), modelToJson(network));
    expect(loaded.namedParameters().map(({ path }) => path)).toEqual(network.namedParameters().map(({ path }) => path));
    expect(loaded.forward(inputs).data).toEqual(network.forward(inputs).data);
    expect(loaded.predict(inputs)).toEqual(network.predict(inputs));
  });

  it('name the missing package of a nested kind when a container lacks it', () => {
    const network = buildNetwork(testContainer(seededRandomModule(7)), spec);
    const withoutTanh = createContainer(denseModule, containersModule, squaredErrorModule);
    expect(() => loadModel(withoutTanh, modelToJson(network))).toThrow(
      "Model: layer kind 'tanh' at layers[1].body[1] is not registered in this container (known: concat, " +
        "dense, residual, sequential). Load the module of '@bpnet/tanh' into the container to load this model.",
    );
  });

  it('hand the network’s pass unchanged to every child, however deep', () => {
    const passes: ForwardPass[] = [];
    // A stochastic identity that records the pass it gets: the tree walk must find it inside the containers.
    const spyRegistration: LayerRegistration = {
      kind: 'test/pass-spy',
      create: (_config, context) => ({
        kind: 'test/pass-spy',
        inputSize: context.inputSize,
        outputSize: context.inputSize,
        stochastic: true,
        parameters: () => [],
        forward(input, pass) {
          passes.push(pass);
          return input.clone();
        },
        backward: (sensitivity) => sensitivity.clone(),
      }),
    };
    const network = buildNetwork(testContainer(seededRandomModule(8), layerModule(spyRegistration)), {
      inputSize: 2,
      layers: [
        {
          kind: 'sequential',
          layers: [
            { kind: 'residual', body: [{ kind: 'test/pass-spy' }] },
            {
              kind: 'concat',
              branches: [[{ kind: 'test/pass-spy' }], [{ kind: 'dense', units: 1 }, { kind: 'test/pass-spy' }]],
            },
          ],
        },
      ],
      loss: { kind: 'squared-error' },
    });
    expect(network.random).toBeDefined();
    const inputs = randomMatrix(3, 2, new SeededRandom(9));
    network.forward(inputs);
    expect(passes).toHaveLength(3);
    expect(passes.every((pass) => pass === passes[0] && pass.phase === 'inference')).toBe(true);
    passes.length = 0;
    network.backprop(inputs, randomMatrix(3, 3, new SeededRandom(10)));
    expect(passes).toHaveLength(3);
    expect(
      passes.every((pass) => pass === passes[0] && pass.phase === 'training' && pass.random === network.random),
    ).toBe(true);
  });
});
