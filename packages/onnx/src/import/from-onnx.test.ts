import { Matrix, SeededRandom } from '@bpnet/core';
import { wasmFloat32KernelsModule } from '@bpnet/wasm';
import { afterAll, describe, expect, it } from 'vitest';
import { fromOnnx } from './from-onnx.js';
import {
  type ElementKind,
  importContainer,
  type ModelSpec,
  maxRelativeError,
  modelBytes,
  type NodeSpec,
  randomValues,
  runOrt,
  softmaxRows,
  type TensorSpec,
} from './onnx-test-models.js';

const random = new SeededRandom(2024);
const worst: Record<string, number> = {};
afterAll(() => {
  // The measured differences, for the record.
  console.log('max relative error vs ONNX Runtime:', JSON.stringify(worst));
});

/** A PyTorch `nn.Linear(inputs, outputs)` as `torch.onnx.export` writes it: Gemm, transB = 1, weight [out, in]. */
function linear(name: string, input: string, output: string, inputs: number, outputs: number, nodeName?: string) {
  const weight: TensorSpec = {
    name: `${name}.weight`,
    dims: [outputs, inputs],
    values: randomValues(outputs * inputs, random, 0.7),
  };
  const bias: TensorSpec = { name: `${name}.bias`, dims: [outputs], values: randomValues(outputs, random, 0.3) };
  const node: NodeSpec = {
    op: 'Gemm',
    name: nodeName ?? `/${name}/Gemm`,
    inputs: [input, weight.name, bias.name],
    outputs: [output],
    attributes: { alpha: { f: 1 }, beta: { f: 1 }, transB: { i: 1 } },
  };
  return { node, initializers: [weight, bias] };
}

/** `x @ W + b` as older exporters write a Linear: MatMul of W [in, out], then Add of b [out]. */
function matMulAdd(name: string, input: string, output: string, inputs: number, outputs: number, withBias = true) {
  const weight: TensorSpec = {
    name: `onnx::MatMul_${name}`,
    dims: [inputs, outputs],
    values: randomValues(inputs * outputs, random, 0.7),
  };
  const bias: TensorSpec = { name: `${name}.bias`, dims: [outputs], values: randomValues(outputs, random, 0.3) };
  if (!withBias)
    return {
      nodes: [{ op: 'MatMul', name: `/${name}/MatMul`, inputs: [input, weight.name], outputs: [output] }],
      initializers: [weight],
    };
  const nodes: NodeSpec[] = [
    { op: 'MatMul', name: `/${name}/MatMul`, inputs: [input, weight.name], outputs: [`/${name}/MatMul_output_0`] },
    { op: 'Add', name: `/${name}/Add`, inputs: [bias.name, `/${name}/MatMul_output_0`], outputs: [output] },
  ];
  return { nodes, initializers: [weight, bias] };
}

function batchNorm(name: string, input: string, output: string, width: number, epsilon?: number) {
  const tensors: TensorSpec[] = [
    { name: `${name}.weight`, dims: [width], values: randomValues(width, random, 1) },
    { name: `${name}.bias`, dims: [width], values: randomValues(width, random, 0.5) },
    { name: `${name}.running_mean`, dims: [width], values: randomValues(width, random, 0.5) },
    { name: `${name}.running_var`, dims: [width], values: randomValues(width, random).map((v) => 0.5 + v * v) },
  ];
  const node: NodeSpec = {
    op: 'BatchNormalization',
    name: `/${name}/BatchNormalization`,
    inputs: [input, ...tensors.map((t) => t.name)],
    outputs: [output],
    attributes: { epsilon: { f: epsilon ?? 1e-5 }, momentum: { f: 0.9 } },
  };
  return { node, initializers: tensors };
}

const act = (op: string, input: string, output: string): NodeSpec => ({
  op,
  name: `/${op}_${output}`,
  inputs: [input],
  outputs: [output],
});

/** Imports `spec`, runs it and ONNX Runtime on random rows, returns the max relative error. */
async function compare(
  label: string,
  spec: ModelSpec,
  loss: string,
  options: { softmax?: boolean; float32Network?: boolean } = {},
): Promise<number> {
  const bytes = modelBytes(spec);
  const container = options.float32Network === true ? importContainer(wasmFloat32KernelsModule) : importContainer();
  const network = fromOnnx(container, bytes, { loss });
  const rows = Array.from({ length: 9 }, () => randomValues(spec.width, random, 1.5));
  const inputRows = spec.type === 'float' ? rows.map((row) => row.map(Math.fround)) : rows;
  const expected = await runOrt(bytes, spec.type, spec.input, inputRows);
  const output = network.forward(Matrix.fromRows(inputRows));
  let actual = Array.from({ length: output.rows }, (_, r) =>
    Array.from(output.data.slice(r * output.cols, (r + 1) * output.cols)),
  );
  if (options.softmax === true) actual = softmaxRows(actual);
  // float64: relative error; float32 data (ORT computes in float32): relative to max(|expected|, 1), since outputs
  // near zero come out of float32 sums that cancel.
  const error = maxRelativeError(actual, expected, spec.type === 'double' ? 1e-6 : 1);
  worst[label] = Math.max(worst[label] ?? 0, error);
  return error;
}

const tolerance = (type: ElementKind) => (type === 'double' ? 1e-12 : 1e-5);

function pytorchMlp(type: ElementKind, variant: 'gemm' | 'legacy'): ModelSpec {
  const legacy = variant === 'legacy';
  const input = legacy ? 'onnx::Gemm_0' : 'input.1';
  const fc1 = linear('fc1', input, legacy ? '5' : '/fc1/Gemm_output_0', 4, 8, legacy ? 'Gemm_0' : undefined);
  const fc2 = linear(
    'fc2',
    legacy ? '6' : '/relu/Relu_output_0',
    legacy ? '7' : 'output',
    8,
    3,
    legacy ? 'Gemm_2' : undefined,
  );
  const relu: NodeSpec = {
    op: 'Relu',
    name: legacy ? 'Relu_1' : '/relu/Relu',
    inputs: [fc1.node.outputs[0] as string],
    outputs: [fc2.node.inputs[0] as string],
  };
  const initializers = [...fc1.initializers, ...fc2.initializers].map((t) => ({ ...t, raw: !legacy }));
  return {
    type,
    input,
    width: 4,
    output: fc2.node.outputs[0] as string,
    outputWidth: 3,
    nodes: [fc1.node, relu, fc2.node],
    initializers,
    initializersAsInputs: legacy,
    opset: legacy ? 9 : 13,
  };
}

describe.each<ElementKind>(['double', 'float'])('fromOnnx against ONNX Runtime, %s models', (type) => {
  it('imports a PyTorch MLP (Gemm, transB = 1, Relu)', async () => {
    expect(await compare(`mlp ${type}`, pytorchMlp(type, 'gemm'), 'squared-error')).toBeLessThanOrEqual(
      tolerance(type),
    );
  });

  it('imports the legacy layout: initializers listed as graph inputs, typed data, onnx::Gemm_0 input', async () => {
    const error = await compare(`legacy mlp ${type}`, pytorchMlp(type, 'legacy'), 'squared-error');
    expect(error).toBeLessThanOrEqual(tolerance(type));
  });

  it('imports MatMul + Add (weights [in, out]), MatMul alone, Tanh and Sigmoid', async () => {
    const a = matMulAdd('l1', 'input.1', 'h1', 5, 7);
    const b = matMulAdd('l2', 'a1', 'h2', 7, 6, false);
    const c = matMulAdd('l3', 'a2', 'out', 6, 2);
    const spec: ModelSpec = {
      type,
      input: 'input.1',
      width: 5,
      output: 'out',
      outputWidth: 2,
      nodes: [...a.nodes, act('Tanh', 'h1', 'a1'), ...b.nodes, act('Sigmoid', 'h2', 'a2'), ...c.nodes],
      initializers: [...a.initializers, ...b.initializers, ...c.initializers],
    };
    expect(await compare(`matmul ${type}`, spec, 'squared-error')).toBeLessThanOrEqual(tolerance(type));
  });

  it('leaves a final Softmax to the softmax-cross-entropy loss', async () => {
    const base = pytorchMlp(type, 'gemm');
    const spec: ModelSpec = {
      ...base,
      output: 'probs',
      nodes: [
        ...base.nodes,
        {
          op: 'Softmax',
          name: '/softmax/Softmax',
          inputs: ['output'],
          outputs: ['probs'],
          attributes: { axis: { i: 1 } },
        },
      ],
    };
    const error = await compare(`softmax ${type}`, spec, 'softmax-cross-entropy', { softmax: true });
    expect(error).toBeLessThanOrEqual(tolerance(type));
  });

  it('imports BatchNormalization, Dropout and Identity', async () => {
    const fc1 = linear('fc1', 'input.1', 'h', 3, 6);
    const bn = batchNorm('bn', 'h', 'n', 6);
    const fc2 = linear('fc2', 'd', 'y', 6, 2);
    const spec: ModelSpec = {
      type,
      input: 'input.1',
      width: 3,
      output: 'out',
      outputWidth: 2,
      nodes: [
        fc1.node,
        bn.node,
        act('Relu', 'n', 'r'),
        { op: 'Dropout', name: '/drop/Dropout', inputs: ['r'], outputs: ['d'] },
        fc2.node,
        { op: 'Identity', name: 'Identity_9', inputs: ['y'], outputs: ['out'] },
      ],
      initializers: [...fc1.initializers, ...bn.initializers, ...fc2.initializers],
    };
    expect(await compare(`batch-norm ${type}`, spec, 'squared-error')).toBeLessThanOrEqual(tolerance(type));
  });

  it('imports residual Adds, nested, either operand order', async () => {
    const stem = linear('stem', 'input.1', 'h', 4, 6);
    const b1 = linear('b1', 'r', 'u1', 6, 6);
    const inner = linear('inner', 't1', 'u2', 6, 6);
    const b2 = linear('b2', 'v', 'u3', 6, 6);
    const head = linear('head', 'w', 'out', 6, 2);
    const spec: ModelSpec = {
      type,
      input: 'input.1',
      width: 4,
      output: 'out',
      outputWidth: 2,
      nodes: [
        stem.node,
        act('Relu', 'h', 'r'),
        b1.node,
        act('Tanh', 'u1', 't1'),
        inner.node,
        act('Sigmoid', 'u2', 's2'),
        { op: 'Add', name: '/inner/Add', inputs: ['s2', 't1'], outputs: ['v'] },
        b2.node,
        { op: 'Add', name: '/block/Add', inputs: ['r', 'u3'], outputs: ['w'] },
        head.node,
      ],
      initializers: [
        ...stem.initializers,
        ...b1.initializers,
        ...inner.initializers,
        ...b2.initializers,
        ...head.initializers,
      ],
    };
    const container = importContainer();
    const network = fromOnnx(container, modelBytes(spec), { loss: 'squared-error' });
    expect(network.spec.layers.map((l) => l.kind)).toEqual(['dense', 'relu', 'residual', 'dense']);
    expect(JSON.stringify(network.spec.layers[2])).toContain('"kind":"residual","body":[{"kind":"dense","units":6}');
    expect(await compare(`residual ${type}`, spec, 'squared-error')).toBeLessThanOrEqual(tolerance(type));
  });
});

describe.each(['double', 'float'] as const)('fromOnnx of Concat branches (%s)', (type) => {
  it('imports Concat(f_1(v), v, f_2(v)) on axis 1 as a concat layer, identity branch included', async () => {
    const stem = linear('stem', 'input.1', 'h', 3, 4);
    const left = linear('left', 'h', 'l1', 4, 2);
    const right = linear('right', 'r1', 'r2', 4, 3);
    const head = linear('head', 'c', 'out', 9, 2);
    const spec: ModelSpec = {
      type,
      input: 'input.1',
      width: 3,
      output: 'out',
      outputWidth: 2,
      nodes: [
        stem.node,
        left.node,
        act('Tanh', 'h', 'r1'),
        right.node,
        { op: 'Concat', name: '/Concat', inputs: ['l1', 'h', 'r2'], outputs: ['c'], attributes: { axis: { i: 1 } } },
        head.node,
      ],
      initializers: [...stem.initializers, ...left.initializers, ...right.initializers, ...head.initializers],
    };
    const network = fromOnnx(importContainer(), modelBytes(spec), { loss: 'squared-error' });
    expect(network.spec.layers.map((l) => l.kind)).toEqual(['dense', 'concat', 'dense']);
    expect(network.spec.layers[1]).toEqual({
      kind: 'concat',
      branches: [[{ kind: 'dense', units: 2 }], [], [{ kind: 'tanh' }, { kind: 'dense', units: 3 }]],
    });
    expect(await compare(`concat ${type}`, spec, 'squared-error')).toBeLessThanOrEqual(tolerance(type));
  });

  it('refuses a Concat on the batch axis or of a constant; operands that meet at one value import', () => {
    const a = linear('a', 'input.1', 'ha', 3, 2);
    const spec = (axis: number, inputs: string[]): ModelSpec => ({
      type,
      input: 'input.1',
      width: 3,
      output: 'c',
      outputWidth: 5,
      nodes: [
        a.node,
        act('Relu', 'ha', 'ra'),
        { op: 'Concat', name: 'cat', inputs, outputs: ['c'], attributes: { axis: { i: axis } } },
      ],
      initializers: [...a.initializers, { name: 'k', dims: [1, 3], values: [1, 2, 3] }],
    });
    const load = (s: ModelSpec) => () => fromOnnx(importContainer(), modelBytes(s), { loss: 'squared-error' });
    expect(load(spec(0, ['ha', 'input.1']))).toThrow("node 2 'cat' (Concat): axis must be 1 or -1 (the features)");
    expect(load(spec(1, ['ha', 'k']))).toThrow(
      "node 2 'cat' (Concat): its input 'k' is an initializer; expected activations",
    );
    expect(load(spec(1, ['ra', 'ha', 'input.1']))().spec.layers).toEqual([
      {
        kind: 'concat',
        branches: [[{ kind: 'dense', units: 2 }, { kind: 'relu' }], [{ kind: 'dense', units: 2 }], []],
      },
    ]);
  });
});

describe('fromOnnx into a float32 network', () => {
  it('copies FLOAT weights exactly and agrees with ONNX Runtime to float32 precision', async () => {
    const spec = pytorchMlp('float', 'gemm');
    const network = fromOnnx(importContainer(wasmFloat32KernelsModule), modelBytes(spec), { loss: 'squared-error' });
    const weights = network.namedParameters()[0]?.parameter.value;
    expect(weights?.data).toBeInstanceOf(Float32Array);
    const fc1 = spec.initializers[0] as TensorSpec;
    // fc1.weight is [8, 4]; bpnet's weights are 4 × 8: W[i][j] = fc1.weight[j][i].
    expect(weights?.data[1 * 8 + 5]).toBe(Math.fround(fc1.values[5 * 4 + 1] as number));
    expect(await compare('float32 network', spec, 'squared-error', { float32Network: true })).toBeLessThanOrEqual(1e-5);
  });

  it('rounds DOUBLE weights to float32', () => {
    const spec = pytorchMlp('double', 'gemm');
    const network = fromOnnx(importContainer(wasmFloat32KernelsModule), modelBytes(spec), { loss: 'squared-error' });
    const bias = network.namedParameters()[1]?.parameter.value;
    expect(bias?.data[2]).toBe(Math.fround(spec.initializers[1]?.values[2] as number));
  });
});

describe('fromOnnx values', () => {
  it('stores Gemm transB = 1 weights transposed (inputs × units), BN in scale, shift and state', () => {
    const fc = linear('fc', 'x', 'h', 2, 3);
    const bn = batchNorm('bn', 'h', 'y', 3, 0.001);
    const spec: ModelSpec = {
      type: 'double',
      input: 'x',
      width: 2,
      output: 'y',
      outputWidth: 3,
      nodes: [fc.node, bn.node],
      initializers: [...fc.initializers, ...bn.initializers],
    };
    const network = fromOnnx(importContainer(), modelBytes(spec), { loss: 'squared-error' });
    const parameters = new Map(network.namedParameters().map(({ path, parameter }) => [path, parameter.value]));
    const state = new Map(network.namedState().map(({ path, state: s }) => [path, s.value]));
    const w = fc.initializers[0]?.values as number[];
    expect(Array.from(parameters.get('layers[0].weights')?.data ?? [])).toEqual([w[0], w[2], w[4], w[1], w[3], w[5]]);
    expect(Array.from(parameters.get('layers[0].bias')?.data ?? [])).toEqual(fc.initializers[1]?.values);
    expect(Array.from(parameters.get('layers[1].scale')?.data ?? [])).toEqual(bn.initializers[0]?.values);
    expect(Array.from(parameters.get('layers[1].shift')?.data ?? [])).toEqual(bn.initializers[1]?.values);
    expect(Array.from(state.get('layers[1].runningMean')?.data ?? [])).toEqual(bn.initializers[2]?.values);
    expect(Array.from(state.get('layers[1].runningVariance')?.data ?? [])).toEqual(bn.initializers[3]?.values);
    expect(network.spec.layers[1]).toEqual({
      kind: 'batch-norm',
      epsilon: Math.fround(0.001),
      momentum: Math.fround(0.9),
    });
  });
});
