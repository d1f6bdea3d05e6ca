import { createContainer, SeededRandom } from '@bpnet/core';
import { denseModule } from '@bpnet/dense';
import { squaredErrorModule } from '@bpnet/squared-error';
import { describe, expect, it } from 'vitest';
import { ElementType, onnx, type OnnxTypes } from '../onnx-schema.js';
import { fromOnnx } from './from-onnx.js';
import { OnnxFileError } from './onnx-file-error.js';
import type { OnnxLimits } from './onnx-limits.js';
import {
  encodeModel,
  importContainer,
  type ModelSpec,
  modelBytes,
  modelProto,
  type NodeSpec,
  type TensorSpec,
} from './onnx-test-models.js';

const random = new SeededRandom(5);
const values = (n: number) => Array.from({ length: n }, () => random.normal());

const gemm = (name: string, input: string, output: string, transB = 1): NodeSpec => ({
  op: 'Gemm',
  name,
  inputs: [input, `${name}.weight`, `${name}.bias`],
  outputs: [output],
  attributes: { transB: { i: transB } },
});
const weights = (name: string, out: number, inp: number): TensorSpec[] => [
  { name: `${name}.weight`, dims: [out, inp], values: values(out * inp) },
  { name: `${name}.bias`, dims: [out], values: values(out) },
];

/** input.1 [*, 3] → fc1 (Gemm 3→4) → Relu → fc2 (Gemm 4→2) → output. */
function mlp(overrides: Partial<ModelSpec> = {}): ModelSpec {
  return {
    type: 'double',
    input: 'input.1',
    width: 3,
    output: 'output',
    outputWidth: 2,
    nodes: [
      gemm('fc1', 'input.1', 'h'),
      { op: 'Relu', name: 'relu', inputs: ['h'], outputs: ['r'] },
      gemm('fc2', 'r', 'output'),
    ],
    initializers: [...weights('fc1', 4, 3), ...weights('fc2', 2, 4)],
    ...overrides,
  };
}

function refusal(
  bytes: Uint8Array,
  loss = 'squared-error',
  limits?: OnnxLimits,
  container = importContainer(),
): string {
  try {
    fromOnnx(container, bytes, { loss, limits });
  } catch (error) {
    expect(error).toBeInstanceOf(OnnxFileError);
    return (error as Error).message;
  }
  throw new Error('expected an OnnxFileError');
}

const refuses = (spec: ModelSpec, loss?: string, limits?: OnnxLimits) => refusal(modelBytes(spec), loss, limits);

describe('fromOnnx refuses', () => {
  it('the base model imports', () => {
    expect(fromOnnx(importContainer(), modelBytes(mlp()), { loss: 'squared-error' }).spec.layers).toHaveLength(3);
  });

  it('a Dropout in training mode (its training_mode input true); false is the identity', () => {
    const withDropout = (mode: number) => {
      const model = modelProto(
        mlp({
          nodes: [
            gemm('fc1', 'input.1', 'h'),
            { op: 'Dropout', name: 'drop', inputs: ['h', '', 'mode'], outputs: ['d'] },
            gemm('fc2', 'd', 'output'),
          ],
        }),
      );
      model.graph?.initializer?.push(
        onnx.TensorProto.create({ name: 'mode', dataType: 9, dims: [], int32Data: [mode] }),
      );
      return encodeModel(model);
    };
    expect(refusal(withDropout(1))).toBe(
      "node 1 'drop' (Dropout): training_mode is true; only inference (the identity) is supported",
    );
    expect(fromOnnx(importContainer(), withDropout(0), { loss: 'squared-error' }).spec.layers).toHaveLength(2);
  });

  it('long Concat branches in time proportional to their length, and Concats nested past maxDepth', () => {
    const relus = (prefix: string, from: string, count: number): NodeSpec[] =>
      Array.from({ length: count }, (_, i) => ({
        op: 'Relu',
        inputs: [i === 0 ? from : `${prefix}${i - 1}`],
        outputs: [`${prefix}${i}`],
      }));
    const long = 4_900;
    const branches = mlp({
      nodes: [
        gemm('fc1', 'input.1', 'h'),
        ...relus('a', 'h', long),
        ...relus('b', 'h', long),
        {
          op: 'Concat',
          name: 'cat',
          inputs: [`a${long - 1}`, `b${long - 1}`],
          outputs: ['c'],
          attributes: { axis: { i: 1 } },
        },
        gemm('fc2', 'c', 'output'),
      ],
      initializers: [...weights('fc1', 4, 3), ...weights('fc2', 2, 8)],
    });
    const start = performance.now();
    const network = fromOnnx(importContainer(), modelBytes(branches), { loss: 'squared-error' });
    expect(performance.now() - start).toBeLessThan(5_000);
    expect(JSON.stringify(network.spec.layers[1]).match(/relu/g)).toHaveLength(2 * long);
    const nested = mlp({
      nodes: [
        gemm('fc1', 'input.1', 'c0'),
        ...Array.from(
          { length: 40 },
          (_, k): NodeSpec => ({
            op: 'Concat',
            name: `cat${k + 1}`,
            inputs: [`c${k}`, 'c0'],
            outputs: [`c${k + 1}`],
            attributes: { axis: { i: 1 } },
          }),
        ),
        gemm('fc2', 'c40', 'output'),
      ],
      initializers: [...weights('fc1', 4, 3), ...weights('fc2', 2, 4 * 41)],
    });
    expect(refusal(encodeModel(modelProto(nested)))).toMatch(
      /\(Concat\): containers nest more than 8 deep \(limits.maxDepth\)$/,
    );
  });

  it('unknown options and limits, naming the known ones', () => {
    const bytes = modelBytes(mlp());
    const load = (options: unknown) => () => fromOnnx(importContainer(), bytes, options as { loss: string });
    expect(load({ loss: 'squared-error', limit: {} })).toThrow(
      "options: unknown option 'limit'; expected one of: loss, limits",
    );
    expect(load({ loss: 'squared-error', limits: { maxNode: 1 } })).toThrow(
      "limits: unknown option 'maxNode'; expected one of: maxBytes, maxParameterValues, maxStructureValues, " +
        'maxNodes, maxDepth',
    );
    expect(load({ loss: 'squared-error', limits: { maxNode: 1 } })).toThrow(OnnxFileError);
  });

  it('bytes that are not a model, truncated ones, and more bytes than maxBytes (checked first)', () => {
    const bytes = modelBytes(mlp());
    expect(refusal(bytes.subarray(0, bytes.length - 7))).toMatch(/^not a valid ONNX model: /);
    expect(refusal(new TextEncoder().encode('{"format":"bpnet-model"}'))).toMatch(/^not a valid ONNX model: /);
    expect(refusal(new Uint8Array(0))).toMatch(/no graph/);
    expect(refusal(new Uint8Array(10), 'squared-error', { maxBytes: 9 })).toBe(
      'the model is 10 bytes, over the limit of 9 (limits.maxBytes)',
    );
  });

  it('an unsupported operator, naming the node by name or index', () => {
    const spec = mlp();
    const nodes = [...spec.nodes];
    nodes[1] = { op: 'Conv', name: 'Conv_7', inputs: ['h'], outputs: ['r'] };
    expect(refuses({ ...spec, nodes })).toBe(
      "node 1 'Conv_7' (Conv): unsupported operator; supported: Gemm, MatMul, Add, Sigmoid, Tanh, Relu, Softmax, " +
        'BatchNormalization, Identity, Dropout, Concat',
    );
    nodes[1] = { op: 'LeakyRelu', inputs: ['h'], outputs: ['r'] };
    expect(refuses({ ...spec, nodes })).toMatch(/^node 1 \(LeakyRelu\): unsupported operator/);
    nodes[1] = { op: 'Relu', domain: 'com.microsoft', inputs: ['h'], outputs: ['r'] };
    expect(refuses({ ...spec, nodes })).toMatch(/^node 1 \(com.microsoft.Relu\): unsupported operator/);
  });

  it('unsupported attributes and Gemm settings', () => {
    const spec = mlp();
    const withAttributes = (attributes: NodeSpec['attributes']) => ({
      ...spec,
      nodes: [{ ...(spec.nodes[0] as NodeSpec), attributes }, ...spec.nodes.slice(1)],
    });
    expect(refuses(withAttributes({ transB: { i: 1 }, alpha: { f: 2 } }))).toBe("node 0 'fc1' (Gemm): alpha must be 1");
    expect(refuses(withAttributes({ transB: { i: 1 }, transA: { i: 1 } }))).toMatch(/transA must be 0/);
    expect(refuses(withAttributes({ transB: { f: 1 } }))).toMatch(/attribute 'transB' must be an INT/);
    expect(refuses(withAttributes({ transB: { i: 1 }, foo: { i: 1 } }))).toMatch(/unsupported attribute 'foo'/);
  });

  it('wrong element types, naming the initializer and its type', () => {
    const spec = mlp();
    const model = modelProto(spec);
    const weight = model.graph?.initializer?.[0] as OnnxTypes.TensorProto;
    weight.dataType = ElementType.INT64;
    expect(refusal(encodeModel(model))).toBe(
      "initializer 'fc1.weight' has element type INT64 (7); supported: FLOAT (1), DOUBLE (11)",
    );
    weight.dataType = 10;
    expect(refusal(encodeModel(model))).toMatch(/'fc1.weight' has element type FLOAT16 \(10\)/);
    weight.dataType = 8;
    expect(refusal(encodeModel(model))).toMatch(/'fc1.weight' has element type STRING \(8\)/);
  });

  it('absurd and inconsistent tensor sizes, before allocating', () => {
    const model = modelProto(mlp());
    const weight = model.graph?.initializer?.[0] as OnnxTypes.TensorProto;
    weight.dims = [4_000_000_000, 4_000_000_000];
    expect(refusal(encodeModel(model))).toMatch(
      /initializer 'fc1.weight' \[4000000000, 4000000000\] would take the model past 50000000 parameter values/,
    );
    weight.dims = [-4, 3];
    expect(refusal(encodeModel(model))).toMatch(/'fc1.weight' has a dimension of -4/);
    weight.dims = [4, 3];
    weight.rawData = weight.rawData.subarray(0, 40);
    expect(refusal(encodeModel(model))).toMatch(/'fc1.weight' holds 40 bytes of raw data; its dims need 12 × 8 = 96/);
    expect(refuses(mlp(), 'squared-error', { maxParameterValues: 20 })).toMatch(/past 20 parameter values/);
  });

  it('non-finite weights', () => {
    const spec = mlp();
    const initializers = [...spec.initializers];
    initializers[1] = { name: 'fc1.bias', dims: [4], values: [0, Number.NaN, 1, 2] };
    expect(refuses({ ...spec, initializers })).toBe(
      "initializer 'fc1.bias' holds NaN at index 1; values must be finite",
    );
  });

  it('cycles, without looping', () => {
    const spec = mlp();
    const nodes = [...spec.nodes];
    nodes[0] = { ...(nodes[0] as NodeSpec), inputs: ['r', 'fc1.weight', 'fc1.bias'] };
    expect(refuses({ ...spec, nodes })).toMatch(/the graph has a cycle through this node$/);
    nodes[0] = { op: 'Add', name: 'loop', inputs: ['input.1', 'r'], outputs: ['h'] };
    expect(refuses({ ...spec, nodes })).toMatch(/cycle/);
  });

  it('missing initializers and undefined inputs', () => {
    const spec = mlp();
    expect(refuses({ ...spec, initializers: spec.initializers.slice(1) })).toBe(
      "node 0 'fc1' (Gemm): its input B 'fc1.weight' is not defined (no node, graph input or initializer gives it)",
    );
    const nodes = [...spec.nodes];
    nodes[1] = { op: 'Relu', name: 'relu', inputs: ['nowhere'], outputs: ['r'] };
    expect(refuses({ ...spec, nodes })).toMatch(/its input X 'nowhere' is not defined/);
  });

  it('several outputs or inputs, a graph output nobody computes', () => {
    const model = modelProto(mlp());
    model.graph?.output?.push(onnx.ValueInfoProto.create({ name: 'h' }));
    expect(refusal(encodeModel(model))).toBe('the graph has 2 outputs; exactly one is supported');
    const two = modelProto(mlp());
    two.graph?.input?.push(onnx.ValueInfoProto.create({ name: 'other' }));
    expect(refusal(encodeModel(two))).toBe('the graph has 2 inputs besides its initializers; exactly one is supported');
    expect(refuses(mlp({ output: 'nothing' }))).toBe("the graph output 'nothing' is not computed by any node");
  });

  it('shape mismatches between layers', () => {
    const spec = mlp();
    const initializers = [...spec.initializers];
    initializers[2] = { name: 'fc2.weight', dims: [2, 5], values: values(10) };
    expect(refuses({ ...spec, initializers })).toBe(
      "node 2 'fc2' (Gemm): B 'fc2.weight' is [2, 5] with transB = 1, so it takes 5 columns, but its input has 4",
    );
    initializers[2] = { name: 'fc2.weight', dims: [2, 4], values: values(8) };
    initializers[3] = { name: 'fc2.bias', dims: [3], values: values(3) };
    expect(refuses({ ...spec, initializers })).toMatch(/bias 'fc2.bias' is \[3\]; expected \[2\] for 2 units/);
    expect(refuses(mlp({ width: 5 }))).toMatch(/so it takes 3 columns, but its input has 5/);
  });

  it('a Softmax elsewhere than last, or with another loss', () => {
    const spec = mlp();
    const last = {
      ...spec,
      output: 'p',
      nodes: [...spec.nodes, { op: 'Softmax', inputs: ['output'], outputs: ['p'] }],
    };
    expect(refuses(last)).toBe(
      "node 3 (Softmax): a Softmax is supported only as the graph's last node with the loss 'softmax-cross-entropy' " +
        "(which applies it); the loss is 'squared-error'",
    );
    const nodes = [...spec.nodes];
    nodes[1] = { op: 'Softmax', inputs: ['h'], outputs: ['r'] };
    expect(refuses({ ...spec, nodes }, 'softmax-cross-entropy')).toBe(
      "node 1 (Softmax): a Softmax is supported only as the graph's last node",
    );
  });

  it('Adds that are not residual blocks, and residuals nested past maxDepth', () => {
    const spec = mlp();
    const sum: NodeSpec = { op: 'Add', name: 'sum', inputs: ['h', 'h2'], outputs: ['s'] };
    const notChain = {
      ...spec,
      nodes: [
        gemm('fc1', 'input.1', 'h'),
        gemm('fc3', 'input.1', 'h2'),
        sum,
        { op: 'Relu', name: 'relu', inputs: ['s'], outputs: ['r'] },
        gemm('fc2', 'r', 'output'),
      ],
      initializers: [...spec.initializers, ...weights('fc3', 4, 3)],
    };
    expect(refuses(notChain)).toMatch(/^node 2 'sum' \(Add\): adds two activations, but neither is computed from/);
    const nested = (depth: number): ModelSpec => {
      const nodes: NodeSpec[] = [gemm('fc1', 'input.1', 'v0')];
      const inits = [...weights('fc1', 4, 3)];
      for (let i = 0; i < depth; i++)
        nodes.push({ op: 'Relu', name: `r${i}`, inputs: [`v${i}`], outputs: [`v${i + 1}`] });
      for (let i = depth; i > 0; i--) {
        const from = i === depth ? `v${depth}` : `a${i + 1}`;
        nodes.push({ op: 'Add', name: `add${i}`, inputs: [`v${i - 1}`, from], outputs: [`a${i}`] });
      }
      nodes.push(gemm('fc2', 'a1', 'output'));
      return { ...spec, nodes, initializers: [...inits, ...weights('fc2', 2, 4)] };
    };
    expect(fromOnnx(importContainer(), modelBytes(nested(3)), { loss: 'squared-error' }).spec.layers).toHaveLength(3);
    expect(refuses(nested(3), 'squared-error', { maxDepth: 2 })).toBe(
      "node 4 'add3' (Add): residual blocks nest more than 2 deep (limits.maxDepth)",
    );
  });

  it('more nodes than maxNodes', () => {
    expect(refuses(mlp(), 'squared-error', { maxNodes: 2 })).toBe(
      'the graph has 3 nodes, over the limit of 2 (limits.maxNodes)',
    );
  });

  it('more protobuf fields than maxStructureValues, before decoding', () => {
    // 100,000 empty nodes cost 2 bytes each on the wire and far more once decoded.
    const graphBytes = new Uint8Array(200_000);
    for (let i = 0; i < graphBytes.length; i += 2) graphBytes[i] = 0x0a; // field 1 (node), length 0
    const header = [0x3a, ...varint(graphBytes.length)]; // ModelProto field 7 (graph)
    const bytes = new Uint8Array([...header, ...graphBytes]);
    expect(refusal(bytes, 'squared-error', { maxStructureValues: 1000 })).toMatch(
      /^the model holds more than 1000 protobuf fields and integers \(limits.maxStructureValues/,
    );
    expect(refusal(bytes)).toBe('the graph has 100000 nodes, over the limit of 10000 (limits.maxNodes)');
  });

  it('deeply nested messages, before decoding', () => {
    // A node attribute holding a graph holding a node holding an attribute holding a graph … 400 levels.
    let inner = new Uint8Array(0);
    for (let i = 0; i < 400; i++) {
      // graph.node (1), node.attribute (5), attribute.g (6)
      const fieldTag = i % 3 === 0 ? 0x0a : i % 3 === 2 ? 0x2a : 0x32;
      inner = new Uint8Array([fieldTag, ...varint(inner.length), ...inner]);
    }
    const bytes = new Uint8Array([0x3a, ...varint(inner.length), ...inner]);
    expect(refusal(bytes)).toMatch(/^not a valid ONNX model: messages nest more than 32 deep/);
  });

  it('a kind the container lacks, naming its package', () => {
    const spec = mlp();
    const bytes = modelBytes(spec);
    const container = createContainer(denseModule, squaredErrorModule);
    expect(refusal(bytes, 'squared-error', undefined, container)).toMatch(
      /layer kind 'relu' \(at layers\[1\]\), which is not registered .*Load the module of @bpnet\/relu \(reluModule\)/,
    );
  });

  it('a bad loss option', () => {
    expect(() => fromOnnx(importContainer(), modelBytes(mlp()), { loss: '' })).toThrow(OnnxFileError);
    expect(refusal(modelBytes(mlp()), 'hinge')).toMatch(/loss kind 'hinge'/);
  });
});

function varint(value: number): number[] {
  const out: number[] = [];
  let v = value;
  while (v >= 128) {
    out.push((v & 127) | 128);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return out;
}
