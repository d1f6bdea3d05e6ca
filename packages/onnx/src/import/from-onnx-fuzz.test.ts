import { Matrix, type Network, SeededRandom } from '@bpnet/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromOnnx } from './from-onnx.js';
import { OnnxFileError } from './onnx-file-error.js';
import { importContainer, type ModelSpec, modelBytes, type NodeSpec, type TensorSpec } from './onnx-test-models.js';

/**
 * Damaged and hostile ONNX bytes. The only allowed outcomes of fromOnnx are a network (whose inference forward runs)
 * or an OnnxFileError. Any other error type, a crash or a hang fails.
 */

const random = new SeededRandom(11);
const values = (n: number) => Array.from({ length: n }, () => random.normal());
const linear = (name: string, input: string, output: string, out: number, inp: number, raw = true) => ({
  node: {
    op: 'Gemm',
    name: `/${name}/Gemm`,
    inputs: [input, `${name}.weight`, `${name}.bias`],
    outputs: [output],
    attributes: { alpha: { f: 1 }, beta: { f: 1 }, transB: { i: 1 } },
  } as NodeSpec,
  initializers: [
    { name: `${name}.weight`, dims: [out, inp], values: values(out * inp), raw },
    { name: `${name}.bias`, dims: [out], values: values(out), raw },
  ] as TensorSpec[],
});

function bases(): { bytes: Uint8Array; loss: string }[] {
  const a = linear('fc1', 'input.1', 'h', 4, 3);
  const b = linear('fc2', 'r', 'output', 2, 4);
  const mlp: ModelSpec = {
    type: 'float',
    input: 'input.1',
    width: 3,
    output: 'output',
    outputWidth: 2,
    nodes: [a.node, { op: 'Relu', name: '/relu/Relu', inputs: ['h'], outputs: ['r'] }, b.node],
    initializers: [...a.initializers, ...b.initializers],
  };
  const c = linear('fc1', 'x', 'h', 4, 2, false);
  const d = linear('block', 'n', 'u', 4, 4, false);
  const e = linear('head', 's', 'y', 3, 4, false);
  const deeper: ModelSpec = {
    type: 'double',
    input: 'x',
    width: 2,
    output: 'p',
    outputWidth: 3,
    nodes: [
      c.node,
      {
        op: 'BatchNormalization',
        name: 'bn',
        inputs: ['h', 'bn.w', 'bn.b', 'bn.m', 'bn.v'],
        outputs: ['n'],
        attributes: { epsilon: { f: 1e-5 } },
      },
      d.node,
      { op: 'Tanh', inputs: ['u'], outputs: ['t'] },
      { op: 'Add', name: 'add', inputs: ['n', 't'], outputs: ['s'] },
      e.node,
      { op: 'Softmax', inputs: ['y'], outputs: ['p'], attributes: { axis: { i: -1 } } },
    ],
    initializers: [
      ...c.initializers,
      ...d.initializers,
      ...e.initializers,
      ...['w', 'b', 'm'].map((k) => ({ name: `bn.${k}`, dims: [4], values: values(4) })),
      { name: 'bn.v', dims: [4], values: [0.5, 1, 2, 3] },
    ],
    initializersAsInputs: true,
  };
  // Plain copies: protobufjs gives Node Buffers, whose slice() is a view, so a mutation would change the base.
  return [
    { bytes: Uint8Array.from(modelBytes(mlp)), loss: 'squared-error' },
    { bytes: Uint8Array.from(modelBytes(deeper)), loss: 'softmax-cross-entropy' },
  ];
}

const models = bases();

type Mutation =
  | { readonly op: 'truncate'; readonly at: number }
  | { readonly op: 'flip'; readonly at: number; readonly value: number }
  | { readonly op: 'insert'; readonly at: number; readonly junk: Uint8Array }
  | { readonly op: 'duplicate'; readonly from: number; readonly length: number; readonly at: number };

const position = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
const junk = fc.oneof(
  fc.uint8Array({ minLength: 1, maxLength: 16 }),
  // varints of large values: lengths, dims and counts past every bound
  fc.constantFrom(
    Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0x0f),
    Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01),
    Uint8Array.of(0x0a, 0x80, 0x80, 0x80, 0x80, 0x08),
    Uint8Array.of(0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f),
    Uint8Array.of(0x0b, 0x0c),
  ),
);
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('truncate' as const), at: position }),
  fc.record({ op: fc.constant('flip' as const), at: position, value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ op: fc.constant('insert' as const), at: position, junk }),
  fc.record({
    op: fc.constant('duplicate' as const),
    from: position,
    length: fc.integer({ min: 1, max: 64 }),
    at: position,
  }),
) as fc.Arbitrary<Mutation>;

function mutate(bytes: Uint8Array, mutations: readonly Mutation[]): Uint8Array {
  let out = bytes;
  for (const m of mutations) {
    const index = (p: number) => Math.floor(p * out.length);
    if (m.op === 'truncate') out = out.slice(0, index(m.at));
    else if (m.op === 'flip') {
      out = out.slice();
      if (out.length > 0) out[index(m.at)] = m.value;
    } else if (m.op === 'insert') {
      const at = index(m.at);
      out = Uint8Array.from([...out.subarray(0, at), ...m.junk, ...out.subarray(at)]);
    } else {
      const from = index(m.from);
      const piece = out.slice(from, from + m.length);
      const at = index(m.at);
      out = Uint8Array.from([...out.subarray(0, at), ...piece, ...out.subarray(at)]);
    }
  }
  return out;
}

function outcome(bytes: Uint8Array, loss: string): 'network' | 'refused' {
  let network: Network;
  try {
    network = fromOnnx(importContainer(), bytes, { loss, limits: { maxParameterValues: 100_000 } });
  } catch (error) {
    if (error instanceof OnnxFileError) return 'refused';
    throw error;
  }
  const input = new Matrix(
    2,
    network.inputSize,
    Float64Array.from({ length: 2 * network.inputSize }, (_, i) => Math.sin(i)),
  );
  network.forward(input);
  return 'network';
}

describe('fromOnnx on damaged and hostile bytes', () => {
  it('the base models import', () => {
    for (const { bytes, loss } of models) expect(outcome(bytes, loss)).toBe('network');
  });

  it('returns a network or throws OnnxFileError for 3,000 mutated models', () => {
    const counts = { network: 0, refused: 0 };
    fc.assert(
      fc.property(
        fc.nat({ max: models.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        (which, mutations) => {
          const base = models[which] as (typeof models)[number];
          counts[outcome(mutate(base.bytes, mutations), base.loss)]++;
        },
      ),
      { seed: 20240611, numRuns: 3000 },
    );
    // Both outcomes occur: some damage is harmless (a flipped weight byte), most is refused.
    expect(counts.network).toBeGreaterThan(0);
    expect(counts.refused).toBeGreaterThan(1000);
  });

  it('every truncation of each base model is refused or imports', () => {
    // outcome() throws on anything but a network or an OnnxFileError.
    for (const { bytes, loss } of models) {
      let refused = 0;
      for (let length = 0; length < bytes.length; length++) {
        if (outcome(bytes.subarray(0, length), loss) === 'refused') refused++;
      }
      expect(refused).toBeGreaterThan(bytes.length / 2);
      expect(outcome(bytes, loss)).toBe('network');
    }
  });

  it('random bytes are refused', () => {
    const rng = new SeededRandom(3);
    for (let i = 0; i < 500; i++) {
      const bytes = Uint8Array.from({ length: 1 + rng.integer(300) }, () => rng.integer(256));
      expect(outcome(bytes, 'squared-error')).toBe('refused');
    }
  });
});
