import { buildNetwork, type LayerSpec, Matrix, type Network, SeededRandom } from '@bpnet/core';
import { wasmFloat32KernelsModule } from '@bpnet/wasm';
import { describe, expect, it } from 'vitest';
import { exactBatchNormKey } from '../batch-norm-metadata.js';
import { toOnnx } from '../export/index.js';
import { onnx } from '../onnx-schema.js';
import { fromOnnx } from './from-onnx.js';
import { importContainer } from './onnx-test-models.js';

/** Gives every state buffer (running statistics) values other than its initial ones. */
function perturbState(network: Network, random: SeededRandom): void {
  for (const { state } of network.namedState()) {
    const data = state.value.data;
    for (let i = 0; i < data.length; i++)
      data[i] = state.name === 'runningVariance' ? 0.2 + random.uniform() : random.normal();
  }
}

const SPECS: { name: string; layers: LayerSpec[]; inputSize: number }[] = [
  {
    name: 'dense / sigmoid / tanh',
    inputSize: 4,
    layers: [
      { kind: 'dense', units: 6 },
      { kind: 'sigmoid' },
      { kind: 'dense', units: 5 },
      { kind: 'tanh' },
      { kind: 'dense', units: 3 },
    ],
  },
  {
    name: 'relu, dropout, batch-norm',
    inputSize: 3,
    layers: [
      { kind: 'dense', units: 8 },
      { kind: 'batch-norm' },
      { kind: 'relu' },
      { kind: 'dropout', rate: 0.3 },
      { kind: 'dense', units: 2 },
    ],
  },
  {
    name: 'nested residuals',
    inputSize: 5,
    layers: [
      { kind: 'dense', units: 4 },
      { kind: 'tanh' },
      {
        kind: 'residual',
        body: [
          { kind: 'dense', units: 4 },
          { kind: 'relu' },
          {
            kind: 'residual',
            body: [{ kind: 'batch-norm', epsilon: 0.001 }, { kind: 'dense', units: 4 }, { kind: 'sigmoid' }],
          },
        ],
      },
      { kind: 'dense', units: 3 },
    ],
  },
  {
    name: 'concat with identity branches, nested in sequential and residual',
    inputSize: 3,
    layers: [
      { kind: 'concat', branches: [[], [], [{ kind: 'relu' }]] },
      { kind: 'dense', units: 4 },
      {
        kind: 'sequential',
        layers: [
          {
            kind: 'residual',
            body: [
              {
                kind: 'concat',
                branches: [[{ kind: 'dense', units: 2 }, { kind: 'tanh' }], [{ kind: 'dense', units: 2 }]],
              },
            ],
          },
          { kind: 'concat', branches: [[{ kind: 'sigmoid' }], [], [{ kind: 'batch-norm' }, { kind: 'relu' }]] },
        ],
      },
      { kind: 'dense', units: 2 },
    ],
  },
];

describe.each(['squared-error', 'softmax-cross-entropy'])('fromOnnx(toOnnx(network)) with %s', (loss) => {
  describe.each(['float64', 'float32'])('%s', (precision) => {
    it.each(SPECS)('predicts bit for bit: $name', ({ layers, inputSize }) => {
      const make = () => (precision === 'float32' ? importContainer(wasmFloat32KernelsModule) : importContainer());
      const random = new SeededRandom(17);
      const network = buildNetwork(make(), { inputSize, layers, loss: { kind: loss } });
      perturbState(network, random);
      const imported = fromOnnx(make(), toOnnx(network), { loss });
      // The graph keeps no trace of a sequential (its layers are lowered in line) nor of dropout (the identity).
      const inLine = (specs: LayerSpec[]): LayerSpec[] =>
        specs.flatMap((l) =>
          l.kind === 'sequential' ? inLine(l.layers as LayerSpec[]) : l.kind === 'dropout' ? [] : [l],
        );
      expect(imported.spec.layers.map((l) => l.kind)).toEqual(inLine(layers).map((l) => l.kind));
      const rows = Array.from({ length: 16 }, () => Array.from({ length: inputSize }, () => 2 * random.normal()));
      const expected = network.forward(Matrix.fromRows(rows)).data;
      const actual = imported.forward(Matrix.fromRows(rows)).data;
      expect(actual.length).toBe(expected.length);
      const different = Array.from(actual).findIndex((x, i) => !Object.is(x, expected[i]));
      expect(different).toBe(-1);
    });
  });
});

describe('batch normalization keeps its exact ε and variance through a float64 graph', () => {
  const epsilon = 1e-5;
  const shift = epsilon - Math.fround(epsilon);
  /** Variances v for which (v + shift) + fround(ε) ≠ v + ε: the graph's values alone cannot give √(v + ε) back. */
  const hard: number[] = [];
  const random = new SeededRandom(5);
  while (hard.length < 3) {
    const v = 10 * random.uniform();
    if (v + shift + Math.fround(epsilon) !== v + epsilon) hard.push(v);
  }
  const build = () =>
    buildNetwork(importContainer(), {
      inputSize: 3,
      layers: [{ kind: 'batch-norm', epsilon }],
      loss: { kind: 'squared-error' },
    });

  it('restores them from the metadata toOnnx writes, so the outputs are the same bits', () => {
    const network = build();
    network
      .namedState()
      .find(({ path }) => path.endsWith('runningVariance'))
      ?.state.value.data.set(hard);
    const bytes = toOnnx(network);
    const model = onnx.ModelProto.decode(bytes);
    expect(model.metadataProps.map((entry) => entry.key)).toEqual([exactBatchNormKey('layers.0.runningVariance')]);
    const imported = fromOnnx(importContainer(), bytes, { loss: 'squared-error' });
    expect(Array.from(imported.namedState()[1].state.value.data)).toEqual(hard);
    expect(imported.spec.layers[0]).toEqual({ kind: 'batch-norm', epsilon, momentum: 0.9 });
    const rows = [[0.5, -1, 2]];
    const expected = network.forward(Matrix.fromRows(rows)).data;
    expect(Array.from(imported.forward(Matrix.fromRows(rows)).data)).toEqual(Array.from(expected));
  });

  it("ignores metadata that disagrees with the graph (the graph's values stand)", () => {
    const network = build();
    network.namedState()[1].state.value.data.set(hard);
    const model = onnx.ModelProto.decode(toOnnx(network));
    const entry = model.metadataProps[0];
    entry.value = JSON.stringify({ epsilon, runningVariance: [1, 2, 3] });
    const imported = fromOnnx(importContainer(), onnx.ModelProto.encode(model).finish(), { loss: 'squared-error' });
    expect(imported.spec.layers[0]).toEqual({
      kind: 'batch-norm',
      epsilon: Math.fround(epsilon),
      momentum: Math.fround(0.9),
    });
    expect(Array.from(imported.namedState()[1].state.value.data)).toEqual(hard.map((v) => v + shift));
  });
});

describe('batch normalization options that are not float32 values', () => {
  it.each([
    ['float64', 0.37, 0.3],
    ['float32', 0.37, 0.3],
    ['float64', 1e-300, 0.5],
    ['float32', 1e-300, 0.1],
  ])('%s, epsilon %s, momentum %s: restored exactly, the outputs the same bits', (precision, epsilon, momentum) => {
    const make = () => (precision === 'float32' ? importContainer(wasmFloat32KernelsModule) : importContainer());
    const random = new SeededRandom(3);
    const network = buildNetwork(make(), {
      inputSize: 3,
      layers: [
        { kind: 'dense', units: 6 },
        { kind: 'batch-norm', epsilon, momentum },
      ],
      loss: { kind: 'squared-error' },
    });
    perturbState(network, random);
    const imported = fromOnnx(make(), toOnnx(network), { loss: 'squared-error' });
    expect(imported.spec.layers[1]).toEqual({ kind: 'batch-norm', epsilon, momentum });
    const rows = Array.from({ length: 200 }, () => Array.from({ length: 3 }, () => 2 * random.normal()));
    const expected = network.forward(Matrix.fromRows(rows)).data;
    const actual = imported.forward(Matrix.fromRows(rows)).data;
    expect(Array.from(actual).findIndex((x, i) => !Object.is(x, expected[i]))).toBe(-1);
  });
});
