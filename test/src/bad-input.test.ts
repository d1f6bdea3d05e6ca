import {
  buildNetwork,
  DivergenceError,
  Matrix,
  type Optimizer,
  type NetworkSpec,
  train,
  type TrainOptions,
} from '@bpnet/core';
import { type LayerRegistration, layerModule } from '@bpnet/core/plugin';
import { describe, expect, it } from 'vitest';
import { snapshotParameters, threeLayerContainer, threeLayerNetwork } from './fixtures/three-layer.js';

const inputs = [
  [1, 2, 3, 4],
  [0, -1, 2, 5],
  [3, 3, -3, 1],
];
const labels = [0, 2, 1];

/** Runs `action` on a fresh network and checks it throws `message` with the parameters and gradients untouched. */
function expectRejected(
  action: (network: ReturnType<typeof threeLayerNetwork>) => unknown,
  message: string | RegExp,
): void {
  const network = threeLayerNetwork(threeLayerContainer(0), 4, 5, 3);
  network.backprop(inputs, labels);
  const values = snapshotParameters(network);
  const gradients = network.parameters().map((p) => Array.from(p.grad.data));
  expect(() => action(network)).toThrow(message);
  expect(snapshotParameters(network)).toEqual(values);
  expect(network.parameters().map((p) => Array.from(p.grad.data))).toEqual(gradients);
}

const trainWith = (options: Partial<TrainOptions>) => (network: ReturnType<typeof threeLayerNetwork>) =>
  train(network, inputs, labels, { learningRate: 0.1, iterations: 5, batchSize: 2, ...options } as TrainOptions);

describe('bad input is rejected with a clear error and nothing changed', () => {
  it.each([
    [
      'backprop',
      (n: ReturnType<typeof threeLayerNetwork>) => n.backprop([[1, 2, 3]], [0]),
      "Network.backprop: inputs: has 3 columns, expected 4 (the network's inputSize)",
    ],
    [
      'predict',
      (n: ReturnType<typeof threeLayerNetwork>) => n.predict([[1, 2, 3]]),
      'Network.predict: inputs: has 3 columns, expected 4',
    ],
    [
      'forward',
      (n: ReturnType<typeof threeLayerNetwork>) => n.forward(Matrix.zeros(2, 5)),
      'Network.forward: inputs: has 5 columns, expected 4',
    ],
    [
      'train',
      (n: ReturnType<typeof threeLayerNetwork>) => train(n, [[1, 2, 3]], [0], { learningRate: 1 }),
      'train: inputs: has 3 columns, expected 4',
    ],
  ])('input columns ≠ input size (%s)', (_, action, message) => expectRejected(action, message));

  it('target matrix of the wrong shape', () => {
    expectRejected(
      (n) => n.backprop(inputs, Matrix.zeros(3, 2)),
      'Network.backprop: targets: target matrix is 3×2, expected 3×3 (samples × network outputs)',
    );
    expectRejected(
      (n) => train(n, inputs, Matrix.zeros(2, 3), { learningRate: 1 }),
      'train: labels: target matrix is 2×3, expected 3×3',
    );
  });

  it.each([
    [[0, 3, 1], 'label 1 is number 3; expected an integer class in 0..2'],
    [[0, -1, 1], 'label 1 is number -1; expected an integer class in 0..2'],
    [[0, 1.5, 1], 'label 1 is number 1.5; expected an integer class in 0..2'],
    [[0, NaN, 1], 'label 1 is number NaN; expected an integer class in 0..2'],
    [[0, 1], '2 labels for 3 samples; expected one label per sample'],
  ])('labels %j', (bad, message) => {
    expectRejected((n) => n.backprop(inputs, bad), `Network.backprop: targets: ${message}`);
    expectRejected((n) => train(n, inputs, bad, { learningRate: 1 }), `train: labels: ${message}`);
  });

  it.each([NaN, Infinity, -Infinity])('%s in the inputs or the targets', (bad) => {
    const badInputs = inputs.map((row) => [...row]);
    badInputs[2][1] = bad;
    expectRejected(
      (n) => n.backprop(badInputs, labels),
      `Network.backprop: inputs: row 2, column 1 is ${bad}; expected finite numbers`,
    );
    expectRejected(
      (n) => train(n, badInputs, labels, { learningRate: 1 }),
      `train: inputs: row 2, column 1 is ${bad}; expected finite numbers`,
    );
    const targets = Matrix.zeros(3, 3);
    targets.set(1, 0, bad);
    expectRejected(
      (n) => n.backprop(inputs, targets),
      `Network.backprop: targets: row 1, column 0 is ${bad}; expected finite numbers`,
    );
    expectRejected(
      (n) => train(n, inputs, labels, { learningRate: 1, validation: { inputs: badInputs, labels } }),
      `train: validation.inputs: row 2, column 1 is ${bad}`,
    );
  });

  it('empty data', () => {
    expectRejected(
      (n) => n.backprop([], []),
      'Network.backprop: inputs: no samples; expected at least one row of 4 values',
    );
    expectRejected((n) => train(n, Matrix.zeros(0, 4), [], { learningRate: 1 }), 'train: inputs: no samples');
  });

  it('ragged rows', () => {
    expect(() => Matrix.fromRows([[1, 2], [3]])).toThrow(
      'Matrix.fromRows: row 1 has 1 values, expected 2 (the length of row 0)',
    );
    expectRejected(
      (n) =>
        train(
          n,
          [
            [1, 2, 3, 4],
            [1, 2],
          ],
          [0, 1],
          { learningRate: 1 },
        ),
      'train: inputs: Matrix.fromRows: row 1 has 2 values, expected 4',
    );
  });

  it.each([
    [{ batchSize: 0 }, 'train: batchSize must be a positive integer, got number 0'],
    [{ batchSize: 4 }, 'train: batchSize 4 is larger than the 3 samples; expected 1..3'],
    [{ batchSize: 1.5 }, 'train: batchSize must be a positive integer, got number 1.5'],
    [{ learningRate: 0 }, 'train: learningRate must be a positive finite number, got 0'],
    [{ learningRate: -0.1 }, 'train: learningRate must be a positive finite number, got -0.1'],
    [{ learningRate: NaN }, 'train: learningRate must be a positive finite number, got NaN'],
    [{ learningRate: Infinity }, 'train: learningRate must be a positive finite number, got Infinity'],
    [{ iterations: 0 }, 'train: iterations must be a positive integer, got number 0'],
    [{ iterations: 2.5 }, 'train: iterations must be a positive integer, got number 2.5'],
    [{ iterations: '10' }, 'train: iterations must be a positive integer, got the string "10"'],
    [{ iterations: 5, epochs: 2 }, 'train: give iterations or epochs, not both'],
    [{ sampling: 'random' }, "train: sampling must be 'random-batch' or 'epoch', got \"random\""],
    [{ seed: 0.5 }, 'train: seed must be a safe integer, got number 0.5'],
    [{ learning_rate: 1 }, "train: options: unknown option 'learning_rate'; expected one of: learningRate"],
  ])('training options %j', (options, message) => expectRejected(trainWith(options as Partial<TrainOptions>), message));
});

describe('bad network specs are rejected with a clear error', () => {
  const container = threeLayerContainer(0);
  const spec = (layers: unknown[], extra: object = {}) =>
    ({ inputSize: 4, layers, loss: { kind: 'squared-error' }, ...extra }) as unknown as NetworkSpec;

  it.each([
    [0, 'dense at layers[0]: units must be a positive integer, got number 0'],
    [-3, 'dense at layers[0]: units must be a positive integer, got number -3'],
    [2.5, 'dense at layers[0]: units must be a positive integer, got number 2.5'],
    ['20', 'dense at layers[0]: units must be a positive integer, got the string "20"'],
    [undefined, 'dense at layers[0]: units must be a positive integer, got undefined'],
  ])('dense units %j', (units, message) => {
    expect(() => buildNetwork(container, spec([{ kind: 'dense', units }]))).toThrow(message);
  });

  it('input size, layer list, options and initializers', () => {
    expect(() => buildNetwork(container, spec([{ kind: 'dense', units: 3 }], { inputSize: 0 }))).toThrow(
      'Network spec: inputSize must be a positive integer, got number 0',
    );
    expect(() => buildNetwork(container, spec([]))).toThrow(
      'Network spec: layers must be a non-empty array of { kind, ...options }',
    );
    expect(() => buildNetwork(container, spec([{ units: 3 }]))).toThrow(
      "Network spec: layers[0]: kind must be a non-empty string, e.g. { kind: 'dense', units: 20 }",
    );
    expect(() => buildNetwork(container, spec([{ kind: 'dense', unit: 3 }]))).toThrow(
      "dense at layers[0]: unknown option 'unit'; expected one of: units, weightInitializer, biasInitializer",
    );
    expect(() => buildNetwork(container, spec([{ kind: 'sigmoid', units: 3 }]))).toThrow(
      "sigmoid at layers[0]: unknown option 'units'; it takes no options",
    );
    expect(() => buildNetwork(container, spec([{ kind: 'dense', units: 3, weightInitializer: 'glorot' }]))).toThrow(
      "layers[0].weights: unknown initializer kind 'glorot'; " +
        'known initializer kinds: constant, gaussian, he, xavier, zeros.',
    );
    expect(() =>
      buildNetwork(container, spec([{ kind: 'dense', units: 3, weightInitializer: { kind: 'gaussian', std: -1 } }])),
    ).toThrow('gaussian initializer of layers[0].weights: std must be ≥ 0, got -1');
    expect(() =>
      buildNetwork(container, spec([{ kind: 'dense', units: 3, weightInitializer: { kind: 'constant' } }])),
    ).toThrow('constant initializer of layers[0].weights: value must be a finite number, got undefined');
  });
});

describe('divergence', () => {
  function caughtError(action: () => unknown): unknown {
    try {
      action();
    } catch (error) {
      return error;
    }
    throw new Error('expected the action to throw');
  }

  it('names the iteration and the update that would overflow under a too-high learning rate', () => {
    // Tiny first-layer weights on large inputs keep the hidden sigmoids unsaturated and make ∂J/∂W1 large (≈ 1e4).
    const network = buildNetwork(threeLayerContainer(0), {
      inputSize: 4,
      layers: [
        { kind: 'dense', units: 5, weightInitializer: { kind: 'gaussian', std: 1e-7 } },
        { kind: 'sigmoid' },
        { kind: 'dense', units: 3, weightInitializer: { kind: 'gaussian', std: 1 } },
        { kind: 'sigmoid' },
      ],
      loss: { kind: 'squared-error' },
    });
    const large = inputs.map((row) => row.map((x) => x * 1e6));
    const before = snapshotParameters(network);
    const error = caughtError(() =>
      train(network, large, labels, { learningRate: 1e306, iterations: 50, batchSize: 3 }),
    );
    expect(error).toBeInstanceOf(DivergenceError);
    expect(error).toMatchObject({
      iteration: 1,
      quantity: 'the update of layers[0].weights',
      layer: 0,
      value: Infinity,
    });
    expect((error as Error).message).toBe(
      'Training diverged at iteration 1: the update of ' +
        'layers[0].weights is Infinity. The step was not applied, so the ' +
        'parameters keep their values from before it; try a learning rate smaller than 1e+306.',
    );
    expect(snapshotParameters(network)).toEqual(before);
  });

  it('names a NaN loss produced inside a custom layer, at the iteration it first appears', () => {
    const container = threeLayerContainer(0, layerModule(nanAfterRegistration(3)));
    const network = buildNetwork(container, {
      inputSize: 4,
      layers: [{ kind: 'dense', units: 3 }, { kind: 'test/nan-after' }, { kind: 'sigmoid' }],
      loss: { kind: 'squared-error' },
    });
    const error = caughtError(() =>
      train(network, inputs, labels, { learningRate: 0.1, iterations: 10, batchSize: 3 }),
    );
    // Full batches: each iteration runs one forward pass for backprop and one for the epoch's batch accuracy, so the
    // 4th forward call (NaN) is iteration 2's accuracy and the first NaN loss is iteration 3's.
    expect(error).toMatchObject({
      name: 'DivergenceError',
      iteration: 3,
      quantity: 'the output of layers[1] (test/nan-after)',
      detail: 'the loss is NaN',
    });
    for (const parameter of network.parameters()) expect(parameter.value.data.every(Number.isFinite)).toBe(true);
  });
});

describe('divergence in a backward pass', () => {
  it('names the first parameter whose gradient holds a NaN, with the loss still finite', () => {
    const nanBackward: LayerRegistration = {
      kind: 'test/nan-backward',
      create: (_config, { inputSize }) => ({
        kind: 'test/nan-backward',
        inputSize,
        outputSize: inputSize,
        parameters: () => [],
        forward: (input) => input,
        backward: (sensitivity) =>
          new Matrix(
            sensitivity.rows,
            sensitivity.cols,
            sensitivity.data.map((v, i) => (i === 1 ? NaN : v)),
          ),
      }),
    };
    const network = buildNetwork(threeLayerContainer(0, layerModule(nanBackward)), {
      inputSize: 4,
      layers: [{ kind: 'dense', units: 3 }, { kind: 'test/nan-backward' }, { kind: 'sigmoid' }],
      loss: { kind: 'squared-error' },
    });
    const before = snapshotParameters(network);
    expect(() => train(network, inputs, labels, { learningRate: 0.1, iterations: 5, batchSize: 3 })).toThrow(
      'Training diverged at iteration 1: the gradient of layers[0].weights is NaN.',
    );
    expect(snapshotParameters(network)).toEqual(before);
  });
});

describe('divergence inside an optimizer', () => {
  it('undoes an update that produced a NaN and names it', () => {
    const network = threeLayerNetwork(threeLayerContainer(0), 4, 5, 3);
    let steps = 0;
    const faulty: Optimizer = {
      kind: 'test/faulty',
      step(parameters, learningRate) {
        for (const { value, grad } of parameters)
          value.data.forEach((w, i) => (value.data[i] = w - learningRate * grad.data[i]));
        if (++steps === 3) parameters[2].value.data[4] = NaN;
      },
      saveState: () => ({ kind: 'test/faulty', config: {}, step: steps, slots: {} }),
      loadState: () => {},
    };
    let afterTwoSteps: number[][] = [];
    let error: unknown;
    try {
      train(network, inputs, labels, {
        learningRate: 0.1,
        iterations: 10,
        batchSize: 3,
        optimizer: faulty,
        onProgress: ({ iteration }) => iteration === 2 && (afterTwoSteps = snapshotParameters(network)),
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({
      name: 'DivergenceError',
      iteration: 3,
      quantity: 'the update of layers[2].weights',
      layer: 2,
    });
    expect(snapshotParameters(network)).toEqual(afterTwoSteps);
  });
});

/** A pass-through layer that starts returning NaN after `calls` forward passes. */
function nanAfterRegistration(calls: number): LayerRegistration {
  return {
    kind: 'test/nan-after',
    create: (_config, { inputSize }) => {
      let forwardCalls = 0;
      return {
        kind: 'test/nan-after',
        inputSize,
        outputSize: inputSize,
        forward: (input) =>
          ++forwardCalls > calls
            ? new Matrix(
                input.rows,
                input.cols,
                input.data.map(() => NaN),
              )
            : input,
        backward: (sensitivity) => sensitivity,
        parameters: () => [],
      };
    },
  };
}
