import {
  buildNetwork,
  EarlyStopping,
  type NetworkSpec,
  loadModel,
  Matrix,
  type Network,
  resumeTraining,
  saveModel,
  TRAINER,
  train,
  type TrainOptions,
  validateNetworkSpec,
} from '@bpnet/core';
import { describe, expect, it } from 'vitest';
import { snapshotParameters, threeLayerContainer, threeLayerNetwork } from './fixtures/three-layer.js';

const inputs = [
  [1, 2, 3, 4],
  [0, -1, 2, 5],
  [3, 3, -3, 1],
];
const labels = [0, 2, 1];

/** 50 MiB of one letter, built once: a name no message may echo whole. */
const huge = 'k'.repeat(50 * 2 ** 20);
/** How `huge` shows in a message: its first 80 characters JSON-quoted, then its length. */
const hugeShown = `"${'k'.repeat(80)}"… (${huge.length} characters)`;
/** A name that would colour a terminal red, break the line, move the cursor (C1 CSI) and split a log line. */
const garbling = 'evil\u001b[31m\nkind\u009b2J\u2028end';
const garblingShown = '"evil\\u001b[31m\\nkind\\u009b2J\\u2028end"';
/** Characters a terminal could act on: C0 and C1 controls, DEL, line and paragraph separators. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

const specWith = (layers: object[], loss: object = { kind: 'squared-error' }) =>
  ({ inputSize: 4, layers, loss }) as unknown as NetworkSpec;

/** The error `action` throws (failing the test when it throws none). */
function errorOf(action: () => unknown): Error {
  try {
    action();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error, none was thrown');
}

/** A saved model whose second layer's kind is `kind`, with `module` recorded as its package. */
function modelWithKind(kind: string, module?: string): Record<string, unknown> {
  const file = JSON.parse(JSON.stringify(saveModel(threeLayerNetwork(threeLayerContainer(0), 4, 5, 3)))) as {
    spec: { layers: { kind: string }[] };
    modules: Record<string, string>;
  };
  file.spec.layers[1].kind = kind;
  if (module !== undefined) file.modules = { ...file.modules, [kind]: module };
  return file;
}

describe('a 50 MB name gives a short message that says where', () => {
  const container = threeLayerContainer(0);
  it.each<[string, () => unknown, string]>([
    [
      'a layer kind',
      () => buildNetwork(container, specWith([{ kind: huge }])),
      `layers[0]: unknown layer kind ${hugeShown}; known layer kinds: dense, sigmoid.`,
    ],
    [
      'a loss kind',
      () => buildNetwork(container, specWith([{ kind: 'sigmoid' }], { kind: huge })),
      `loss: unknown loss kind ${hugeShown}; known loss kinds: squared-error.`,
    ],
    [
      'an initializer kind',
      () => buildNetwork(container, specWith([{ kind: 'dense', units: 2, weightInitializer: { kind: huge } }])),
      `layers[0].weights: unknown initializer kind ${hugeShown}; known initializer kinds:`,
    ],
    [
      'an option name',
      () => buildNetwork(container, specWith([{ kind: 'dense', units: 2, [huge]: 1 }])),
      `dense at layers[0]: unknown option ${hugeShown}; expected one of: units,`,
    ],
    [
      'a spec field',
      () => validateNetworkSpec({ ...specWith([{ kind: 'sigmoid' }]), [huge]: 1 }),
      `Network spec: unknown field ${hugeShown}; expected inputSize, layers and loss`,
    ],
    [
      'a model file field',
      () => loadModel(container, { ...modelWithKind('sigmoid'), [huge]: 1 }),
      `Model: unknown field ${hugeShown}; expected format, version,`,
    ],
    [
      'a kind in a model file',
      () => loadModel(container, modelWithKind(huge)),
      `Model: layer kind ${hugeShown} at layers[1] is not registered in this container (known: dense, sigmoid).`,
    ],
    [
      'the package of a kind in a model file',
      () => loadModel(container, modelWithKind('acme/x', huge)),
      `Load the module of ${hugeShown} into the container to load this model.`,
    ],
    [
      'an optimizer kind (free train)',
      () =>
        train(threeLayerNetwork(container, 4, 5, 3), inputs, labels, { learningRate: 1, optimizer: { kind: huge } }),
      `train: optimizer: unknown optimizer kind ${hugeShown}; known optimizer kinds: sgd. The free train()`,
    ],
    [
      'a sampling',
      () =>
        train(threeLayerNetwork(container, 4, 5, 3), inputs, labels, { learningRate: 1, sampling: huge as 'epoch' }),
      `train: sampling must be 'random-batch' or 'epoch', got "${'k'.repeat(79)}… (${huge.length + 2} characters)`,
    ],
    [
      'a learning rate',
      () => train(threeLayerNetwork(container, 4, 5, 3), inputs, labels, { learningRate: huge as unknown as number }),
      `train: learningRate must be a positive finite number, got the string "${'k'.repeat(40)}…"`,
    ],
    [
      'an object key',
      () => Matrix.fromRows([{ [huge]: 1 } as unknown as number[]]),
      `Matrix.fromRows: row 0 is an object with keys ["${'k'.repeat(40)}…"], expected an array of numbers`,
    ],
    [
      'a matrix size',
      () => new Matrix(huge as unknown as number, 2),
      `Matrix: size the string "${'k'.repeat(40)}…"×2 is invalid; expected non-negative integers`,
    ],
  ])('%s', (_, action, expected) => {
    const { message } = errorOf(action);
    expect(message.length).toBeLessThan(1000);
    expect(message).toContain(expected);
  });
});

describe('escapes and line breaks in a name reach no message raw', () => {
  const container = threeLayerContainer(0);
  it.each<[string, () => unknown, string]>([
    [
      'a layer kind',
      () => buildNetwork(container, specWith([{ kind: garbling }])),
      `layers[0]: unknown layer kind ${garblingShown}; known layer kinds: dense, sigmoid. ` +
        `Load the module that registers it into the container (createContainer(..., itsModule)).`,
    ],
    [
      'an option name',
      () => buildNetwork(container, specWith([{ kind: 'dense', units: 2, [garbling]: 1 }])),
      `dense at layers[0]: unknown option ${garblingShown}; expected one of: units, weightInitializer, biasInitializer`,
    ],
    [
      'a kind and its package in a model file',
      () => loadModel(container, modelWithKind(garbling, garbling)),
      `Model: layer kind ${garblingShown} at layers[1] is not registered in this container (known: ` +
        `dense, sigmoid). Load the module of ${garblingShown} into the container to load this model.`,
    ],
    [
      'a kind that imitates the list of known kinds',
      () => loadModel(container, modelWithKind('x; known layer kinds: evil. Load')),
      `Model: layer kind 'x; known layer kinds: evil. Load' at layers[1] is not ` +
        `registered in this container (known: dense, sigmoid). Load the module ` +
        `of the package that registers it into the container to load this model.`,
    ],
    [
      'a spec path',
      () => validateNetworkSpec({ ...specWith([{ kind: 'sigmoid', [garbling]: () => 1 }]) }),
      `Network spec: layers[0].evil\\u001b[31m\\nkind\\u009b2J\\u2028end: ` +
        `a spec holds plain JSON values, got a function`,
    ],
    [
      'a string value',
      () => Matrix.fromRows([[garbling as unknown as number]]),
      `Matrix.fromRows: row 0, column 0 is the string ${garblingShown}, expected a number`,
    ],
  ])('%s', (_, action, expected) => {
    const { message } = errorOf(action);
    expect(message).toBe(expected);
    expect(message).not.toMatch(CONTROL);
  });

  it('an ordinary name keeps its single quotes', () => {
    expect(errorOf(() => buildNetwork(container, specWith([{ kind: 'conv2d' }]))).message).toContain(
      "layers[0]: unknown layer kind 'conv2d'; known layer kinds",
    );
  });
});

describe('options of the wrong type give a clear Error, not a TypeError, and change nothing', () => {
  const base = { learningRate: 0.1, iterations: 5, batchSize: 2 };
  const validation = { inputs, labels };
  const optimizerShape =
    'an optimizer instance (with step, saveState and loadState methods) or a spec { kind, ...options }';
  const signalShape = "an AbortSignal (an object with a boolean 'aborted')";
  it.each<[string, Record<string, unknown>, string]>([
    ['checkpoint: null', { checkpoint: null }, 'train: checkpoint must be an object, got null'],
    ['checkpoint: 7', { checkpoint: 7 }, 'train: checkpoint must be an object, got number 7'],
    ['earlyStopping: null', { earlyStopping: null, validation }, 'train: earlyStopping must be an object, got null'],
    [
      'earlyStopping: null without validation',
      { earlyStopping: null },
      'train: earlyStopping must be an object, got null',
    ],
    [
      'earlyStopping: "3"',
      { earlyStopping: '3', validation },
      'train: earlyStopping must be an object, got the string "3"',
    ],
    ['random: {}', { random: {} }, 'train: random.uniform must be a function, got undefined'],
    [
      'random: null',
      { random: null },
      'train: random must be a RandomSource (an object with methods uniform, ' +
        'normal, integer, shuffle, sample), got null',
    ],
    [
      'random without sample',
      { random: { uniform: () => 0, normal: () => 0, integer: () => 0, shuffle: () => undefined } },
      'train: random.sample must be a function, got undefined',
    ],
    [
      'random with a saveState that is no function',
      {
        random: {
          uniform: () => 0,
          normal: () => 0,
          integer: () => 0,
          shuffle: () => undefined,
          sample: () => new Int32Array(0),
          saveState: 1,
        },
      },
      'train: random.saveState must be a function when given, got number 1',
    ],
    ['validation: null', { validation: null }, 'train: validation must be an object, got null'],
    ['optimizer: null', { optimizer: null }, `train: optimizer must be ${optimizerShape}, got null`],
    ['optimizer: "adam"', { optimizer: 'adam' }, `train: optimizer must be ${optimizerShape}, got the string "adam"`],
    ['optimizer: {}', { optimizer: {} }, `train: optimizer must be ${optimizerShape}, got an object with keys []`],
    [
      'optimizer without saveState',
      { optimizer: { kind: 'mine', step: () => undefined, loadState: () => undefined } },
      'train: optimizer.saveState must be a function (an optimizer instance has step, saveState and loadState methods)',
    ],
    ['signal: {}', { signal: {} }, `train: signal must be ${signalShape}, got an object with keys []`],
    ['signal: null', { signal: null }, `train: signal must be ${signalShape}, got null`],
    ['signal: true', { signal: true }, `train: signal must be ${signalShape}, got boolean true`],
    ['resumeFrom: null', { resumeFrom: null }, 'train: resumeFrom must be an object, got null'],
    ['resumeFrom: 42', { resumeFrom: 42 }, 'train: resumeFrom must be an object, got number 42'],
  ])('train with %s', (_, options, message) => {
    for (const run of [
      (network: Network) => train(network, inputs, labels, { ...base, ...options } as unknown as TrainOptions),
      (network: Network) =>
        threeLayerContainer(0)
          .get(TRAINER)
          .train(network, inputs, labels, { ...base, ...options } as unknown as TrainOptions),
    ]) {
      const network = threeLayerNetwork(threeLayerContainer(0), 4, 5, 3);
      const before = snapshotParameters(network);
      const error = errorOf(() => run(network));
      expect(error).not.toBeInstanceOf(TypeError);
      expect(error.message).toBe(message);
      expect(snapshotParameters(network)).toEqual(before);
    }
  });

  it.each<[string, unknown, string]>([
    ['null', null, 'resume: checkpoint must be an object, got null'],
    ['42', 42, 'resume: checkpoint must be an object, got number 42'],
    ["'x'", 'x', 'resume: checkpoint must be an object, got the string "x"'],
  ])('resumeTraining with the checkpoint %s', async (_, checkpoint, message) => {
    const error = errorOf(() => resumeTraining(threeLayerContainer(0), checkpoint as never, inputs, labels, base));
    expect(error).not.toBeInstanceOf(TypeError);
    expect(error.message).toBe(message);
  });

  it.each<[unknown, string]>([
    [null, 'train: earlyStopping must be an object, got null'],
    [{ patience: 0 }, 'train: earlyStopping.patience must be a positive integer, got number 0'],
    [{ patience: 2, minDelta: -1 }, 'train: earlyStopping.minDelta must be ≥ 0, got -1'],
  ])('new EarlyStopping(%j)', (options, message) => {
    const error = errorOf(() => new EarlyStopping(options as never));
    expect(error).not.toBeInstanceOf(TypeError);
    expect(error.message).toBe(message);
  });
});

describe('a matrix holds only float64 or float32 data', () => {
  it.each<[string, unknown, string]>([
    ['a BigInt64Array', new BigInt64Array(4), 'a BigInt64Array of length 4'],
    ['an Int32Array', new Int32Array(4), 'an Int32Array of length 4'],
    ['a Uint8Array', new Uint8Array(4), 'a Uint8Array of length 4'],
    ['a plain array of numbers', [1, 2, 3, 4], 'an array of length 4'],
    ['an array of strings', ['1', '2', '3', '4'], 'an array of length 4'],
    ['a string of length 4', 'abcd', 'the string "abcd"'],
    ['null', null, 'null'],
    ['an array-like object', { length: 4 }, 'an object with keys ["length"]'],
  ])('new Matrix(2, 2, %s) is refused', (_, data, got) => {
    const error = errorOf(() => new Matrix(2, 2, data as Float64Array));
    expect(error).not.toBeInstanceOf(TypeError);
    expect(error.message).toBe(`Matrix: data must be a Float64Array or Float32Array, got ${got}`);
  });

  it('accepts Float64Array and Float32Array data as they are', () => {
    const float64 = new Float64Array([1, 2, 3, 4]);
    const float32 = new Float32Array([1, 2, 3, 4]);
    expect(new Matrix(2, 2, float64).data).toBe(float64);
    expect(new Matrix(2, 2, float32).data).toBe(float32);
  });

  it.each<[string, unknown, string]>([
    ['a string', '1', 'the string "1"'],
    ['a bigint', 1n, 'bigint 1'],
    ['null', null, 'null'],
    ['a nested array', [1], 'an array of length 1'],
  ])('Matrix.fromRows with %s in a cell is refused', (_, cell, got) => {
    const error = errorOf(() => Matrix.fromRows([[0, cell as number]]));
    expect(error.message).toBe(`Matrix.fromRows: row 0, column 1 is ${got}, expected a number`);
  });
});
