import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildNetwork,
  loadModel,
  ModelFileError,
  modelToJson,
  type Network,
  saveModel,
  SeededRandom,
  train,
} from '@bpnet/core';
import { loadModelFile, saveModelFile } from '@bpnet/core/node';
import { randomMatrix } from '@bpnet/core/testing';
import { describe, expect, it } from 'vitest';
import { acmeLayersModule } from './fixtures/softsign-layer.js';
import { threeLayerContainer, threeLayerNetwork } from './fixtures/three-layer.js';

const random = new SeededRandom(21);
const inputs = randomMatrix(25, 4, random, 3);
const labels = Array.from({ length: 25 }, () => random.integer(3));

function trainedNetworkWithPlugin(): Network {
  const network = buildNetwork(threeLayerContainer(3, acmeLayersModule), {
    inputSize: 4,
    layers: [
      { kind: 'dense', units: 7 },
      { kind: 'acme/scaled-softsign' },
      { kind: 'dense', units: 3 },
      { kind: 'sigmoid' },
    ],
    loss: { kind: 'squared-error' },
  });
  train(network, inputs, labels, { learningRate: 1, iterations: 200, batchSize: 10, seed: 2 });
  return network;
}

const temporaryDirectory = () => mkdtempSync(join(tmpdir(), 'bpnet-'));

describe('saving and loading a model', () => {
  it('reproduces the outputs bit for bit, custom layers included, through a file', () => {
    const network = trainedNetworkWithPlugin();
    const path = join(temporaryDirectory(), 'model.json');
    saveModelFile(network, path);
    const loaded = loadModelFile(threeLayerContainer(99, acmeLayersModule), path);
    expect(loaded.spec).toEqual(network.spec);
    expect(loaded.forward(inputs).data).toEqual(network.forward(inputs).data);
    expect(loaded.parameters().map((p) => p.value.data)).toEqual(network.parameters().map((p) => p.value.data));
    expect(loaded.backprop(inputs, labels)).toBe(network.backprop(inputs, labels));
    expect(loaded.parameters().map((p) => p.grad.data)).toEqual(network.parameters().map((p) => p.grad.data));
  });

  it('reproduces the outputs bit for bit in another process', () => {
    const network = trainedNetworkWithPlugin();
    const directory = temporaryDirectory();
    saveModelFile(network, join(directory, 'model.json'));
    writeFileSync(join(directory, 'inputs.json'), JSON.stringify(inputs.toRows()));
    const output = execFileSync(
      process.execPath,
      [
        '--conditions=source',
        '--import',
        'tsx',
        join(import.meta.dirname, 'fixtures', 'programs', 'predict-from-file.ts'),
        join(directory, 'model.json'),
        join(directory, 'inputs.json'),
      ],
      { encoding: 'utf8', cwd: import.meta.dirname },
    );
    expect(Float64Array.from(JSON.parse(output))).toEqual(network.forward(inputs).data);
  });

  it("draws nothing from the container's random source while loading", () => {
    const json = modelToJson(threeLayerNetwork(threeLayerContainer(1), 4, 5, 3));
    const fresh = threeLayerContainer(8);
    loadModel(fresh, json);
    expect(threeLayerNetwork(fresh, 4, 5, 3).parameters()[0].value.data).toEqual(
      threeLayerNetwork(threeLayerContainer(8), 4, 5, 3).parameters()[0].value.data,
    );
  });

  it('names the package to load when a kind is missing', () => {
    const json = modelToJson(trainedNetworkWithPlugin());
    expect(() => loadModel(threeLayerContainer(0), json)).toThrow(
      "Model: layer kind 'acme/scaled-softsign' at layers[1] is not registered in this container (known: " +
        "dense, sigmoid). Load the module of 'acme-layers' into the container to load this model.",
    );
  });

  it(
    'writes atomically: the file is replaced whole, and a failed ' +
      'rename leaves the target as it was and no temporary file',
    () => {
      const directory = temporaryDirectory();
      const path = join(directory, 'model.json');
      const first = threeLayerNetwork(threeLayerContainer(1), 2, 3, 2);
      const second = threeLayerNetwork(threeLayerContainer(2), 2, 3, 2);
      expect(modelToJson(second)).not.toBe(modelToJson(first));
      saveModelFile(first, path);
      saveModelFile(second, path);
      expect(readFileSync(path, 'utf8')).toBe(modelToJson(second));
      // A non-empty directory cannot be replaced by a file: the rename fails after the temporary file was written.
      const occupied = join(directory, 'occupied');
      mkdirSync(occupied);
      writeFileSync(join(occupied, 'keep.txt'), 'kept');
      expect(() => saveModelFile(first, occupied)).toThrow();
      expect(readFileSync(join(occupied, 'keep.txt'), 'utf8')).toBe('kept');
      expect(readdirSync(directory).sort()).toEqual(['model.json', 'occupied']);
      expect(readFileSync(path, 'utf8')).toBe(modelToJson(second));
    },
  );
});

/** A parsed model file as the cases below damage it. */
// biome-ignore lint/suspicious/noExplicitAny: the cases write values of the wrong type into the parsed file on purpose
type DamagedFile = Record<string, any>;

describe('damaged and hostile model files', () => {
  const container = threeLayerContainer(0);
  const valid = saveModel(threeLayerNetwork(container, 3, 4, 2));
  const text = JSON.stringify(valid);
  const mutate = (change: (file: DamagedFile) => void) => {
    const file = JSON.parse(text);
    change(file);
    return JSON.stringify(file);
  };

  it('loads the valid file', () => {
    expect(loadModel(container, text).parameters()).toHaveLength(4);
  });

  it.each(Array.from({ length: 24 }, (_, i) => Math.floor(((i + 1) * text.length) / 25)))(
    'rejects the file truncated at %i characters',
    (length) => {
      expect(() => loadModel(container, text.slice(0, length))).toThrow(
        /^Model: not valid JSON \(truncated or damaged\?\)/,
      );
    },
  );

  it.each<[string, (file: DamagedFile) => void, string | RegExp]>([
    ['a wrong shape', (f) => (f.parameters[0].rows = 4), 'Model: layers[0].weights is 4×4, expected 3×4'],
    [
      'too few values',
      (f) => f.parameters[1].values.pop(),
      'Model: layers[0].bias must hold 4 values, got an array of length 3',
    ],
    [
      'a missing parameter',
      (f) => f.parameters.pop(),
      'Model: parameter layers[2].bias is missing (the file has 3 parameters, the network 4)',
    ],
    [
      'an extra parameter',
      (f) => f.parameters.push(f.parameters[0]),
      'Model: the file has 5 parameters, the network 4 (extra: "layers[0].weights")',
    ],
    [
      'parameters out of order',
      (f) => f.parameters.reverse(),
      'Model: parameters[0] is "layers[2].bias", expected layers[0].weights',
    ],
    [
      'a string value',
      (f) => (f.parameters[2].values[3] = '0.5'),
      'Model: layers[2].weights value 3 is the string "0.5"; expected a finite number',
    ],
    [
      'a null value',
      (f) => (f.parameters[2].values[0] = null),
      'Model: layers[2].weights value 0 is null; expected a finite number',
    ],
    ['a wrong format', (f) => (f.format = 'keras'), 'Model: format is "keras", expected \'bpnet-model\''],
    ['a newer version', (f) => (f.version = 3), 'Model: version 3 is not supported; this bpnet reads versions 1 and 2'],
    [
      'an unknown field',
      (f) => (f.optimizer = {}),
      "Model: unknown field 'optimizer'; expected format, version, spec, modules, parameters, state",
    ],
    [
      'parameters not an array',
      (f) => (f.parameters = {}),
      'Model: parameters must be an array, got an object with keys []',
    ],
    [
      'a spec with absurd sizes',
      (f) => (f.spec.layers[0].units = 1e9),
      'Model: the spec asks for over 50000000 parameter values; refusing to allocate it',
    ],
    ['a spec without layers', (f) => (f.spec.layers = []), 'Network spec: layers must be a non-empty array'],
    [
      'a spec with bad units',
      (f) => (f.spec.layers[0].units = -4),
      'Model: its spec does not build: dense at layers[0]: units must be a positive integer, got number -4',
    ],
    [
      'an unknown kind',
      (f) => (f.spec.layers[1].kind = 'evil'),
      "Model: layer kind 'evil' at layers[1] is not registered in this container (known: " +
        'dense, sigmoid). Load the module of the package that registers it',
    ],
    [
      'not an object',
      (f) => Object.keys(f).forEach((k) => delete f[k]),
      "Model: format is undefined, expected 'bpnet-model'",
    ],
  ])('rejects %s', (_, change, message) => {
    expect(() => loadModel(container, mutate(change))).toThrow(message);
    expect(() => loadModel(container, mutate(change))).toThrow(ModelFileError);
  });

  it.each([
    [
      'Infinity written as 1e999',
      text.replace(/("values":\[)(-?[\d.e-]+)/, '$11e999'),
      'Model: layers[0].weights value 0 is number Infinity; expected a finite number',
    ],
    [
      'a __proto__ key',
      text.replace('"format"', '"__proto__":{"polluted":true},"format"'),
      "Model: the key '__proto__' is not allowed",
    ],
    [
      'a constructor key',
      text.replace('"inputSize"', '"constructor":{"prototype":{}},"inputSize"'),
      /Model: the key '(constructor|prototype)' is not allowed/,
    ],
    ['a JSON array', '[1,2,3]', 'Model must be an object, got an array of length 3'],
    ['deep nesting', '['.repeat(20000) + ']'.repeat(20000), /Model: (nested too deeply|not valid JSON)/],
    ['an empty file', '', /^Model: not valid JSON/],
  ])('rejects %s', (_, hostile, message) => {
    expect(() => loadModel(container, hostile)).toThrow(message);
    expect(() => loadModel(container, hostile)).toThrow(ModelFileError);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('rejects text over the size limit before parsing it', () => {
    expect(() => loadModel(container, text, { maxLength: 100 })).toThrow(
      `Model: ${text.length} characters is over the limit of 100`,
    );
  });

  it('rejects forbidden keys in an object given directly', () => {
    const file = JSON.parse(text);
    Object.defineProperty(file.spec, '__proto__', { value: {}, enumerable: true });
    expect(() => loadModel(container, file)).toThrow("Model: the key '__proto__' is not allowed");
  });
});

describe('error messages about hostile files stay short', () => {
  it('cuts long values in messages', () => {
    const container = threeLayerContainer(0);
    const file = JSON.parse(modelToJson(threeLayerNetwork(container, 2, 2, 2)));
    file.version = Array.from({ length: 200_000 }, () => 7);
    let message = '';
    try {
      loadModel(container, JSON.stringify(file));
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(
      /^Model: version \[7,7,.*… \(400001 characters\) is not supported; this bpnet reads versions 1 and 2$/,
    );
    expect(message.length).toBeLessThan(200);
  });
});
