import {
  buildNetwork,
  loadModel,
  MODEL_FORMAT,
  ModelFileError,
  modelToJson,
  type Network,
  type Optimizer,
  saveModel,
  TRAINER,
} from '@bpnet/core';
import { adamRegistration } from '@bpnet/adam';
import { momentumRegistration } from '@bpnet/momentum';
import { wasmFloat32KernelsModule, wasmKernelsModule } from '@bpnet/wasm';
import type { ContainerModule } from 'inversify';
import { describe, expect, it } from 'vitest';
import { acmeInitializersModule } from './fixtures/outside-plugins/acme-modules.js';
import { acmeContainer, acmeData, snapshot, stochasticStateSpec } from './fixtures/outside-plugins/acme-problem.js';

const { inputs, labels } = acmeData();

function trainedNetwork(seed = 5, ...extra: ContainerModule[]): Network {
  const container = acmeContainer(seed, ...extra);
  const network = buildNetwork(container, stochasticStateSpec());
  container.get(TRAINER).train(network, inputs, labels, { learningRate: 0.3, iterations: 25, batchSize: 8, seed: 2 });
  return network;
}

function expectModelError(load: () => unknown, message: string | RegExp): void {
  let error: unknown;
  let result: unknown;
  try {
    result = load();
  } catch (caught) {
    error = caught;
  }
  expect(result).toBeUndefined();
  expect(error).toBeInstanceOf(ModelFileError);
  if (typeof message === 'string') expect((error as Error).message).toBe(message);
  else expect((error as Error).message).toMatch(message);
}

describe('state in the network', () => {
  it('lists every state buffer by path, nested ones too, and keeps them out of the parameters', () => {
    const network = buildNetwork(acmeContainer(5), stochasticStateSpec());
    expect(network.namedState().map(({ path }) => path)).toEqual([
      'layers[1].runningMean',
      'layers[5].first.runningMean',
      'layers[5].second.runningMean',
    ]);
    expect(network.namedParameters().map(({ path }) => path)).toEqual([
      'layers[0].weights',
      'layers[0].bias',
      'layers[7].weights',
      'layers[7].bias',
    ]);
    expect(network.state()).toEqual(network.namedState().map(({ state }) => state));
    const stateMatrices = new Set(network.state().map(({ value }) => value));
    expect(network.parameters()).toHaveLength(4);
    for (const parameter of network.parameters()) {
      expect(stateMatrices.has(parameter.value)).toBe(false);
      expect(stateMatrices.has(parameter.grad)).toBe(false);
    }
    expect(
      network.state().every(({ value }) => value.rows === 1 && value.cols === 6 && value.data.every((v) => v === 0)),
    ).toBe(true);
  });

  // No optimizer with weight decay ships with bpnet (only sgd, momentum, adam), so adam and momentum stand for
  // optimizers with slots.
  it.each([
    ['adam', () => adamRegistration.create({ kind: 'adam' })],
    ['momentum', () => momentumRegistration.create({ kind: 'momentum', momentum: 0.9 })],
  ])('%s never sees or changes state: only training forwards move the running means', (_, create) => {
    const container = acmeContainer(5);
    const network = buildNetwork(container, stochasticStateSpec());
    const stateMatrices = new Set(network.state().map(({ value }) => value));
    const inner: Optimizer = create();
    let steps = 0;
    const watched: Optimizer = {
      kind: inner.kind,
      step(parameters, learningRate, kernels) {
        expect(parameters.some(({ value, grad }) => stateMatrices.has(value) || stateMatrices.has(grad))).toBe(false);
        const before = snapshot(network).state;
        inner.step(parameters, learningRate, kernels);
        expect(snapshot(network).state).toEqual(before);
        steps++;
      },
      saveState: () => inner.saveState(),
      loadState: (state, parameters) => inner.loadState(state, parameters),
    };
    const initial = snapshot(network);
    container.get(TRAINER).train(network, inputs, labels, {
      learningRate: 0.01,
      iterations: 20,
      batchSize: 8,
      seed: 2,
      optimizer: watched,
    });
    expect(steps).toBe(20);
    const after = snapshot(network);
    expect(after.parameters).not.toEqual(initial.parameters);
    for (const path of Object.keys(after.state)) expect(after.state[path]).not.toEqual(initial.state[path]);
  });
});

describe('state in model files', () => {
  it(
    'saveModel → JSON → loadModel restores state and ' + 'predictions bit for bit, in a container with another seed',
    () => {
      const network = trainedNetwork();
      const text = modelToJson(network);
      expect(JSON.parse(text).state.map((s: { path: string }) => s.path)).toEqual(
        network.namedState().map(({ path }) => path),
      );
      const loaded = loadModel(acmeContainer(123), text);
      expect(snapshot(loaded)).toEqual(snapshot(network));
      expect(Array.from(loaded.forward(inputs).data)).toEqual(Array.from(network.forward(inputs).data));
      expect(loaded.predict(inputs)).toEqual(network.predict(inputs));
    },
  );

  it.each([
    [
      'the wrong shape',
      (s: { rows: number; cols: number; values: number[] }) => Object.assign(s, { rows: 2, cols: 3 }),
      'Model: layers[5].first.runningMean is 2×3, expected 1×6',
    ],
    [
      'too few values',
      (s: { values: number[] }) => Object.assign(s, { values: s.values.slice(1) }),
      'Model: layers[5].first.runningMean must hold 6 values, got an array of length 5',
    ],
    [
      'a value that is not finite',
      (s: { values: (number | null)[] }) => Object.assign(s, { values: [0, 0, null, 0, 0, 0] }),
      'Model: layers[5].first.runningMean value 2 is null; expected a finite number',
    ],
  ])(
    'a model file whose state has %s is refused with a ModelFileError saying which buffer and what was expected',
    (_, damage, message) => {
      const file = JSON.parse(modelToJson(trainedNetwork()));
      damage(file.state[1]);
      expectModelError(() => loadModel(acmeContainer(1), JSON.stringify(file)), message);
    },
  );

  it('a model file without the state its network needs, or with state it does not, is refused', () => {
    const file = JSON.parse(modelToJson(trainedNetwork()));
    expectModelError(
      () => loadModel(acmeContainer(1), { ...file, state: file.state.slice(0, 2) }),
      'Model: state layers[5].second.runningMean is missing (the file has 2 state buffers, the network 3)',
    );
    const extra = { path: 'layers[9].runningMean', rows: 1, cols: 1, values: [0] };
    expectModelError(
      () => loadModel(acmeContainer(1), { ...file, state: [...file.state, extra] }),
      'Model: the file has 4 state buffers, the network 3 (extra: "layers[9].runningMean")',
    );
  });

  it('a version 1 file (no state field) of a network without state still loads and predicts bit for bit', () => {
    const container = acmeContainer(5);
    const spec = {
      inputSize: 4,
      layers: [
        { kind: 'dense', units: 5 },
        { kind: 'acme/swish' },
        { kind: 'acme/twice', body: { kind: 'dense', units: 3 } },
        { kind: 'sigmoid' },
      ],
      loss: { kind: 'squared-error' },
    };
    const network = buildNetwork(container, spec);
    container.get(TRAINER).train(network, inputs, labels, { learningRate: 0.3, iterations: 10, seed: 1 });
    const saved = saveModel(network);
    expect(saved.state).toEqual([]);
    const version1 = { format: MODEL_FORMAT, version: 1, spec, modules: saved.modules, parameters: saved.parameters };
    const loaded = loadModel(acmeContainer(6), JSON.stringify(version1));
    expect(snapshot(loaded)).toEqual(snapshot(network));
    expect(Array.from(loaded.forward(inputs).data)).toEqual(Array.from(network.forward(inputs).data));
    expectModelError(
      () => loadModel(acmeContainer(6), { ...version1, state: [] }),
      "Model: a version 1 file has no 'state' field",
    );
  });

  it(
    'a version 1 file of a network with state is refused, ' +
      'saying that version 1 holds no state and naming the buffers',
    () => {
      const saved = saveModel(trainedNetwork());
      const version1 = {
        format: MODEL_FORMAT,
        version: 1,
        spec: saved.spec,
        modules: saved.modules,
        parameters: saved.parameters,
      };
      expectModelError(
        () => loadModel(acmeContainer(1), JSON.stringify(version1)),
        'Model: a version 1 model file holds no state, but this network has ' +
          'state (layers[1].runningMean, layers[5].first.runningMean, ' +
          'layers[5].second.runningMean); version 1 files come from networks without state',
      );
    },
  );

  it.each<[string, ContainerModule[], 'Float64Array' | 'Float32Array']>([
    ['wasm float64', [wasmKernelsModule], 'Float64Array'],
    ['wasm float32', [wasmFloat32KernelsModule], 'Float32Array'],
  ])('state round-trips bit for bit on the %s backend', (_, backend, type) => {
    const network = trainedNetwork(5, ...backend);
    expect(network.state().every(({ value }) => value.data.constructor.name === type)).toBe(true);
    expect(
      network.state().every(({ value }) => value.data.every(Number.isFinite) && value.data.some((v) => v !== 0)),
    ).toBe(true);
    const loaded = loadModel(acmeContainer(9, ...backend), modelToJson(network));
    expect(snapshot(loaded)).toEqual(snapshot(network));
    expect(Array.from(loaded.forward(inputs).data)).toEqual(Array.from(network.forward(inputs).data));
    // the same training in float64 JS agrees to float32 rounding at worst
    const reference = snapshot(trainedNetwork(5)).state;
    for (const [path, values] of Object.entries(snapshot(network).state)) {
      values.forEach((v, i) =>
        expect(Math.abs(v - reference[path][i])).toBeLessThan(type === 'Float32Array' ? 1e-4 : 1e-12),
      );
    }
  });
});

describe('loading a stochastic network', () => {
  it(
    "seeds network.random from the loading container's source: " +
      'the same seed gives the same stream, another seed another',
    () => {
      const text = modelToJson(trainedNetwork());
      const a = loadModel(acmeContainer(1), text).random?.saveState();
      const b = loadModel(acmeContainer(1), text).random?.saveState();
      const c = loadModel(acmeContainer(2), text).random?.saveState();
      expect(a).toBeDefined();
      expect(a).toEqual(b);
      expect(c).not.toEqual(a);
    },
  );
});

describe('loading needs no initializer modules', () => {
  it('a network built with the third-party initializer acme/ones loads without it and predicts bit for bit', () => {
    const container = acmeContainer(5, acmeInitializersModule);
    const spec = {
      inputSize: 4,
      layers: [
        { kind: 'dense', units: 3, weightInitializer: 'acme/ones', biasInitializer: { kind: 'acme/ones' } },
        { kind: 'acme/running-center' },
        { kind: 'sigmoid' },
      ],
      loss: { kind: 'squared-error' },
    };
    const network = buildNetwork(container, spec);
    expect(network.parameters().every(({ value }) => value.data.every((v) => v === 1))).toBe(true);
    container.get(TRAINER).train(network, inputs, labels, { learningRate: 0.3, iterations: 10, seed: 1 });
    const text = modelToJson(network);
    const without = acmeContainer(5);
    expect(() => buildNetwork(without, spec)).toThrow("layers[0].weights: unknown initializer kind 'acme/ones'");
    const loaded = loadModel(without, text);
    expect(snapshot(loaded)).toEqual(snapshot(network));
    expect(Array.from(loaded.forward(inputs).data)).toEqual(Array.from(network.forward(inputs).data));
  });
});
