/**
 * Test helpers (not exported by the package): ONNX models written from the schema the way PyTorch's exporter writes
 * them, a container with every kind the importer builds, and ONNX Runtime as the reference.
 */
import { batchNormModule } from '@bpnet/batch-norm';
import { containersModule } from '@bpnet/containers';
import { type BpnetContainer, type ContainerModule, createContainer, seededRandomModule } from '@bpnet/core';
import { denseModule } from '@bpnet/dense';
import { dropoutModule } from '@bpnet/dropout';
import { reluModule } from '@bpnet/relu';
import { sigmoidModule } from '@bpnet/sigmoid';
import { softmaxCrossEntropyModule } from '@bpnet/softmax-cross-entropy';
import { squaredErrorModule } from '@bpnet/squared-error';
import { tanhModule } from '@bpnet/tanh';
import { ElementType, onnx, type OnnxTypes } from '../onnx-schema.js';
import { runOnnx } from '../test-fixtures/onnx-runtime.js';

/** A container with every kind the importer may build (and `extra` modules). */
export function importContainer(...extra: ContainerModule[]): BpnetContainer {
  return createContainer(
    denseModule,
    sigmoidModule,
    tanhModule,
    reluModule,
    batchNormModule,
    containersModule,
    dropoutModule,
    squaredErrorModule,
    softmaxCrossEntropyModule,
    seededRandomModule(7),
    ...extra,
  );
}

export type ElementKind = 'float' | 'double';

/** An initializer; `raw` stores it as little-endian rawData (PyTorch's way), else in floatData / doubleData. */
export interface TensorSpec {
  readonly name: string;
  readonly dims: readonly number[];
  readonly values: ArrayLike<number>;
  readonly type?: ElementKind;
  readonly raw?: boolean;
}

export function tensorProto(spec: TensorSpec, fallback: ElementKind): OnnxTypes.TensorProto {
  const type = spec.type ?? fallback;
  const values = Array.from(spec.values);
  const dataType = type === 'float' ? ElementType.FLOAT : ElementType.DOUBLE;
  if (spec.raw === false) {
    return onnx.TensorProto.create({
      name: spec.name,
      dims: [...spec.dims],
      dataType,
      ...(type === 'float' ? { floatData: values } : { doubleData: values }),
    });
  }
  const array = type === 'float' ? Float32Array.from(values) : Float64Array.from(values);
  return onnx.TensorProto.create({
    name: spec.name,
    dims: [...spec.dims],
    dataType,
    rawData: new Uint8Array(array.buffer),
  });
}

export type AttributeValue = { readonly f: number } | { readonly i: number } | { readonly ints: number[] };

export interface NodeSpec {
  readonly op: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly name?: string;
  readonly attributes?: Readonly<Record<string, AttributeValue>>;
  readonly domain?: string;
}

export function nodeProto(spec: NodeSpec): OnnxTypes.NodeProto {
  const attribute = Object.entries(spec.attributes ?? {}).map(([name, value]) =>
    onnx.AttributeProto.create(
      'f' in value
        ? { name, type: 1, f: value.f }
        : 'i' in value
          ? { name, type: 2, i: value.i }
          : { name, type: 7, ints: value.ints },
    ),
  );
  return onnx.NodeProto.create({
    opType: spec.op,
    input: [...spec.inputs],
    output: [...spec.outputs],
    name: spec.name ?? '',
    attribute,
    domain: spec.domain ?? '',
  });
}

export interface ModelSpec {
  readonly type: ElementKind;
  readonly input: string;
  readonly width: number;
  readonly output: string;
  readonly outputWidth: number;
  readonly nodes: readonly NodeSpec[];
  readonly initializers: readonly TensorSpec[];
  /** List every initializer as a graph input too (exporters before IR version 4 did). */
  readonly initializersAsInputs?: boolean;
  readonly opset?: number;
}

function valueInfo(name: string, type: ElementKind, dims: readonly (number | string)[]): OnnxTypes.ValueInfoProto {
  return onnx.ValueInfoProto.create({
    name,
    type: {
      tensorType: {
        elemType: type === 'float' ? ElementType.FLOAT : ElementType.DOUBLE,
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  });
}

/** The protobuf model of `spec`, as `torch.onnx.export` lays it out (batch dimension dynamic). */
export function modelProto(spec: ModelSpec): OnnxTypes.ModelProto {
  const inputs = [valueInfo(spec.input, spec.type, ['batch_size', spec.width])];
  if (spec.initializersAsInputs === true)
    for (const init of spec.initializers) inputs.push(valueInfo(init.name, init.type ?? spec.type, init.dims));
  return onnx.ModelProto.create({
    irVersion: spec.initializersAsInputs === true ? 3 : 7,
    producerName: 'pytorch',
    producerVersion: '1.13.1',
    opsetImport: [{ domain: '', version: spec.opset ?? 13 }],
    graph: {
      name: 'torch_jit',
      node: spec.nodes.map(nodeProto),
      initializer: spec.initializers.map((t) => tensorProto(t, spec.type)),
      input: inputs,
      output: [valueInfo(spec.output, spec.type, ['batch_size', spec.outputWidth])],
    },
  });
}

export function encodeModel(model: OnnxTypes.ModelProto): Uint8Array {
  return onnx.ModelProto.encode(model).finish();
}

export function modelBytes(spec: ModelSpec): Uint8Array {
  return encodeModel(modelProto(spec));
}

/** A random [rows, cols] matrix's values (row-major) from `random`, scaled. */
export function randomValues(count: number, random: { normal(): number }, scale = 1): number[] {
  return Array.from({ length: count }, () => random.normal() * scale);
}

/** Runs `bytes` in ONNX Runtime on `rows` (as float32 or float64 per `type`); returns the output's rows. */
export async function runOrt(
  bytes: Uint8Array,
  type: ElementKind,
  input: string,
  rows: number[][],
): Promise<number[][]> {
  const { data } = await runOnnx(bytes, rows, type === 'float' ? 'float32' : 'float64', { input });
  const cols = data.length / rows.length;
  return rows.map((_, r) => Array.from(data.subarray(r * cols, (r + 1) * cols)));
}

/** Softmax of each row (stable), in float64. */
export function softmaxRows(rows: number[][]): number[][] {
  return rows.map((row) => {
    const top = Math.max(...row);
    const e = row.map((x) => Math.exp(x - top));
    const sum = e.reduce((a, b) => a + b, 0);
    return e.map((x) => x / sum);
  });
}

/** max |a − b| / max(|b|, floor) over every entry. */
export function maxRelativeError(actual: number[][], expected: number[][], floor = 1e-6): number {
  let worst = 0;
  expected.forEach((row, r) =>
    row.forEach((b, c) => {
      const a = actual[r]?.[c] as number;
      const error = Math.abs(a - b) / Math.max(Math.abs(b), floor);
      worst = Number.isNaN(error) ? Number.POSITIVE_INFINITY : Math.max(worst, error);
    }),
  );
  return worst;
}
