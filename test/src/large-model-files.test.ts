import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildNetwork,
  createContainer,
  jsKernels,
  type Kernels,
  loadModel,
  ModelFileError,
  modelToJson,
} from '@bpnet/core';
import { createParameter, KERNELS, LAYER_REGISTRATION, type LayerRegistration } from '@bpnet/core/plugin';
import { denseModule } from '@bpnet/dense';
import { squaredErrorModule } from '@bpnet/squared-error';
import { ContainerModule } from 'inversify';
import { afterAll, describe, expect, it } from 'vitest';
import { acmeLayersModule } from './fixtures/softsign-layer.js';
import { threeLayerContainer } from './fixtures/three-layer.js';

const directory = mkdtempSync(join(tmpdir(), 'bpnet-large-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** Runs a fixture in a child process with its JavaScript heap capped at `heapMb`, returning what it printed. */
function runCapped(heapMb: number, fixture: string, ...args: string[]): string {
  return execFileSync(
    process.execPath,
    [
      `--max-old-space-size=${heapMb}`,
      '--conditions=source',
      '--import',
      'tsx',
      join(import.meta.dirname, 'fixtures', 'programs', fixture),
      ...args,
    ],
    { encoding: 'utf8', cwd: import.meta.dirname, stdio: ['ignore', 'pipe', 'pipe'] },
  );
}

/** A container whose kernels record the size of every matrix they are asked for, with one plug-in layer kind. */
function recordingContainer(plugin: LayerRegistration): {
  container: ReturnType<typeof createContainer>;
  sizes: number[];
} {
  const sizes: number[] = [];
  const kernels: Kernels = Object.assign(Object.create(jsKernels) as Kernels, {
    matrix: (rows: number, cols: number, reuse?: Parameters<Kernels['matrix']>[2]) => {
      sizes.push(rows * cols);
      return jsKernels.matrix(rows, cols, reuse);
    },
  });
  const module = new ContainerModule(({ bind, rebind }) => {
    rebind(KERNELS).toConstantValue(kernels);
    bind(LAYER_REGISTRATION).toConstantValue(plugin);
  });
  return { container: createContainer(denseModule, squaredErrorModule, module), sizes };
}

/** A plug-in layer that allocates a 1 × (inputSize · factor) parameter through its context's kernels. */
function wideLayer(factor: number, created: { count: number }): LayerRegistration {
  return {
    kind: 'test/wide',
    create(_config, context) {
      created.count++;
      const parameter = createParameter('weights', 1, context.inputSize * factor, context.kernels);
      return {
        kind: 'test/wide',
        inputSize: context.inputSize,
        outputSize: context.inputSize,
        parameters: () => [parameter],
        forward: (input) => input,
        backward: (sensitivity) => sensitivity,
      };
    },
  };
}

const modelText = (inputSize: number, layers: string) =>
  `{"format":"bpnet-model","version":2,"spec":{"inputSize":${inputSize},"layers":[${layers}],` +
  `"loss":{"kind":"squared-error"}},"modules":{},"parameters":[],"state":[]}`;

describe('large and oversized model files', () => {
  it(
    'refuses a 272 MB file of one bare array of 136 million numbers ' +
      'with a ModelFileError, in a process with a 512 MB heap',
    () => {
      const path = join(directory, 'bare-array.json');
      expect(runCapped(512, 'load-large-hostile-file.ts', path, 'bare-array', '136000000')).toBe(
        `ModelFileError: Model file ${path}: more than 1000000 JSON values (objects, arrays, ` +
          `strings and numbers outside parameter values) at position 1999999; refusing to read further`,
      );
      rmSync(path);
    },
  );

  it('refuses text of two million empty objects at the millionth value, before reading the rest', () => {
    const text = modelText(1, '{},'.repeat(2_000_000).slice(0, -1));
    expect(() => loadModel(threeLayerContainer(0), text)).toThrow(
      new ModelFileError(
        'Model: more than 1000000 JSON values (objects, arrays, strings and numbers ' +
          'outside parameter values) at position 3000050; refusing to read further',
        'Model',
      ),
    );
  });

  it('scales the bounds with the limits given: structure values and parameter values', () => {
    const container = threeLayerContainer(0);
    expect(() => loadModel(container, `[${'0,'.repeat(99)}0]`, { maxStructureValues: 50 })).toThrow(
      'Model: more than 50 JSON values (objects, arrays, strings and numbers ' +
        'outside parameter values) at position 99; refusing to read further',
    );
    const network = buildNetwork(container, {
      inputSize: 3,
      layers: [{ kind: 'dense', units: 4 }],
      loss: { kind: 'squared-error' },
    });
    expect(() => loadModel(container, modelToJson(network), { maxParameterValues: 15 })).toThrow(
      /^Model: more than 15 parameter and state values at position \d+; refusing to read further$/,
    );
    expect(
      loadModel(container, modelToJson(network), { maxParameterValues: 16 })
        .parameters()
        .map((p) => p.value.data),
    ).toEqual(network.parameters().map((p) => p.value.data));
  });

  it('refuses inputSize 1e8 in front of a plug-in layer before the layer is created', () => {
    const created = { count: 0 };
    const { container, sizes } = recordingContainer(wideLayer(1, created));
    expect(() => loadModel(container, modelText(1e8, '{"kind":"test/wide"}'))).toThrow(
      new ModelFileError(
        'Model: its spec does not build: layers[0]: an input width of 100000000 ' +
          'is over the limit of 50000000 parameter values; refusing to build it',
        'Model',
      ),
    );
    expect(created.count).toBe(0);
    expect(sizes).toEqual([]);
  });

  it("refuses, before allocating it, a matrix a plug-in layer asks its context's kernels for beyond the limit", () => {
    const created = { count: 0 };
    const { container, sizes } = recordingContainer(wideLayer(100_000, created));
    expect(() => loadModel(container, modelText(1000, '{"kind":"test/wide"}'))).toThrow(
      new ModelFileError(
        'Model: its spec does not build: layers[0]: a 1×100000000 matrix ' +
          'is over the limit of 50000000 values; refusing to allocate it',
        'Model',
      ),
    );
    expect(created.count).toBe(1);
    expect(sizes).toEqual([]);
    // The same mechanism at a small limit: a value and its gradient fit, a third matrix of the same size does not.
    const small = recordingContainer(wideLayer(1, { count: 0 }));
    expect(() =>
      loadModel(small.container, modelText(40, '{"kind":"test/wide"},{"kind":"test/wide"}'), {
        maxParameterValues: 50,
      }),
    ).toThrow(
      'Model: its spec does not build: layers[1]: a 1×40 matrix would take ' +
        'the layers past 150 values allocated (3 × the limit of 50 parameter values, ' +
        'for values, gradients and buffers); refusing to allocate it',
    );
    expect(small.sizes).toEqual([40, 40, 40]);
  });

  it("refuses a plug-in layer of a width over the limit even when it allocates outside its context's kernels", () => {
    const container = threeLayerContainer(0, acmeLayersModule);
    expect(() => loadModel(container, modelText(2 ** 31, '{"kind":"acme/scaled-softsign"}'))).toThrow(
      'Model: its spec does not build: layers[0]: an input width of 2147483648 ' +
        'is over the limit of 50000000 parameter values; refusing to build it',
    );
  });

  it(
    'saves with saveModelFile and loads back bit for bit a model ' +
      'whose text a 48 MB heap could not hold, in a child process',
    () => {
      const path = join(directory, 'large-model.json');
      // 1000 inputs, 1999 units: 2,000,999 values, about 41 MB of text.
      const result = JSON.parse(runCapped(48, 'save-load-large-model.ts', path, '2000000', '1000')) as Record<
        string,
        unknown
      >;
      expect(result).toMatchObject({ parameters: 2_000_999, same: true });
      expect(result.bytes as number).toBeGreaterThan(40_000_000);
      rmSync(path);
    },
  );
});
