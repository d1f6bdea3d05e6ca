import { batchNormModule } from '@bpnet/batch-norm';
import { containersModule } from '@bpnet/containers';
import {
  buildNetwork,
  type ContainerModule,
  createContainer,
  type Layer,
  type LayerSpec,
  type Network,
  seededRandomModule,
  train,
} from '@bpnet/core';
import { activationRegistration, LAYER_REGISTRATION, layerModule } from '@bpnet/core/plugin';
import { denseModule } from '@bpnet/dense';
import { dropoutModule } from '@bpnet/dropout';
import { reluModule } from '@bpnet/relu';
import { sigmoidModule } from '@bpnet/sigmoid';
import { softmaxCrossEntropyModule } from '@bpnet/softmax-cross-entropy';
import { squaredErrorModule } from '@bpnet/squared-error';
import { tanhModule } from '@bpnet/tanh';
import { wasmFloat32KernelsModule } from '@bpnet/wasm';
import { afterAll, describe, expect, it } from 'vitest';
import { ElementType, IR_VERSION, OPSET_VERSION, onnx, type OnnxTypes } from '../onnx-schema.js';
import {
  builtinLowerings,
  type OnnxLowering,
  OnnxExportError,
  onnxLoweringModule,
  type OnnxGraphBuilder,
  toOnnx,
  type OnnxExportOptions,
} from './index.js';
import { bpnetOutput, largestDifference, randomRows, runOnnx } from '../test-fixtures/onnx-runtime.js';

const layerModules = [
  denseModule,
  sigmoidModule,
  tanhModule,
  reluModule,
  dropoutModule,
  batchNormModule,
  containersModule,
  softmaxCrossEntropyModule,
  squaredErrorModule,
];

const FLOAT64_TOLERANCE = 1e-12;
const FLOAT32_TOLERANCE = 1e-5;
const largest = { float64: 0, float32: 0 };

afterAll(() => {
  console.log(`largest difference from ONNX Runtime: float64 ${largest.float64}, float32 ${largest.float32}`);
});

interface NetOptions {
  readonly inputSize?: number;
  readonly loss?: 'squared-error' | 'softmax-cross-entropy';
  readonly float32?: boolean;
  readonly extra?: readonly ContainerModule[];
  readonly trainSteps?: number;
}

/** A network of `layers` on a seeded container, trained a few steps so batch-norm's running statistics move. */
function network(layers: readonly LayerSpec[], options: NetOptions = {}): Network {
  const inputSize = options.inputSize ?? 5;
  const modules = [...layerModules, ...(options.extra ?? []), seededRandomModule(7)];
  if (options.float32) modules.push(wasmFloat32KernelsModule);
  const net = buildNetwork(createContainer(...modules), {
    inputSize,
    layers,
    loss: { kind: options.loss ?? 'squared-error' },
  });
  const steps = options.trainSteps ?? 12;
  if (steps > 0) {
    const inputs = randomRows(24, inputSize, 11);
    const labels = inputs.map((row) => (row[0] > 0 ? 1 : 0) % net.outputSize);
    train(net, inputs, labels, { learningRate: 0.05, iterations: steps, batchSize: 8, seed: 3 });
  }
  return net;
}

/** Exports `net`, runs it in ONNX Runtime on batches of 1 and 7 and compares with bpnet's inference forward. */
async function expectMatches(net: Network, options: Parameters<typeof toOnnx>[1] = {}): Promise<Uint8Array> {
  const model = toOnnx(net, options);
  const precision =
    options.precision ?? (net.parameters()[0]?.value.data instanceof Float32Array ? 'float32' : 'float64');
  const tolerance = precision === 'float64' ? FLOAT64_TOLERANCE : FLOAT32_TOLERANCE;
  for (const [batch, seed] of [
    [1, 21],
    [7, 22],
  ]) {
    const rows = randomRows(batch, net.inputSize, seed);
    const actual = await runOnnx(model, rows, precision);
    expect(actual.dims).toEqual([batch, net.outputSize]);
    const difference = largestDifference(actual.data, bpnetOutput(net, rows));
    largest[precision] = Math.max(largest[precision], difference);
    expect(difference, `batch of ${batch}`).toBeLessThanOrEqual(tolerance);
  }
  return model;
}

const dense = (units: number): LayerSpec => ({ kind: 'dense', units });

describe('toOnnx: every layer kind alone matches ONNX Runtime (float64, to 1e-12)', () => {
  const cases: [string, LayerSpec[]][] = [
    ['dense', [dense(3)]],
    ['sigmoid', [{ kind: 'sigmoid' }]],
    ['tanh', [{ kind: 'tanh' }]],
    ['relu', [{ kind: 'relu' }]],
    ['dropout', [{ kind: 'dropout', rate: 0.3 }]],
    ['batch-norm', [{ kind: 'batch-norm' }]],
    ['sequential', [{ kind: 'sequential', layers: [dense(4), { kind: 'tanh' }] }]],
    ['residual', [{ kind: 'residual', body: [dense(5), { kind: 'sigmoid' }] }]],
    ['concat', [{ kind: 'concat', branches: [[dense(2)], [{ kind: 'relu' }, dense(3)]] }]],
  ];
  for (const [kind, layers] of cases) {
    it(kind, async () => {
      // A parameter-free net has nothing to train; the rest train a few steps (batch-norm on a dense layer's output).
      const trained = layers.some(
        (layer) => layer.kind !== 'sigmoid' && layer.kind !== 'tanh' && layer.kind !== 'relu',
      );
      const net = network(kind === 'batch-norm' ? [dense(4), ...layers] : layers, {
        trainSteps: trained ? 12 : 0,
      });
      await expectMatches(net);
    });
  }

  it('batch-norm with running statistics away from 0 and 1, and a large epsilon', async () => {
    const net = network([dense(6), { kind: 'batch-norm', epsilon: 1e-3, momentum: 0.5 }], { trainSteps: 20 });
    const [mean, variance] = net.state().map((state) => Array.from(state.value.data));
    expect(mean.every((value) => value !== 0)).toBe(true);
    expect(variance.every((value) => value !== 1)).toBe(true);
    await expectMatches(net);
  });

  it('concat with empty (identity) branches, first, between and last', async () => {
    const net = network([{ kind: 'concat', branches: [[], [dense(2)], [], [{ kind: 'tanh' }], [], []] }]);
    expect(net.outputSize).toBe(5 * 4 + 2 + 5);
    await expectMatches(net);
  });

  it('a network of only dropout: the output is the input through an Identity node', async () => {
    const model = await expectMatches(network([{ kind: 'dropout' }], { trainSteps: 0 }));
    expect(onnx.ModelProto.decode(model).graph?.node?.map((node) => node.opType)).toEqual(['Identity']);
  });
});

describe('toOnnx: mixed networks', () => {
  const mixed: LayerSpec[] = [
    dense(8),
    { kind: 'batch-norm' },
    { kind: 'relu' },
    { kind: 'dropout', rate: 0.2 },
    { kind: 'residual', body: [dense(8), { kind: 'tanh' }] },
    { kind: 'concat', branches: [[dense(3)], [dense(4), { kind: 'sigmoid' }]] },
    dense(3),
  ];

  it('dense-batchnorm-relu-dropout-residual-concat-dense with softmax cross-entropy gives probabilities', async () => {
    const net = network(mixed, { loss: 'softmax-cross-entropy', trainSteps: 30 });
    const model = await expectMatches(net);
    const graph = onnx.ModelProto.decode(model).graph;
    expect(graph?.node?.map((node) => node.opType)).toEqual([
      'Gemm',
      'BatchNormalization',
      'Relu',
      'Gemm',
      'Tanh',
      'Add',
      'Gemm',
      'Gemm',
      'Sigmoid',
      'Concat',
      'Gemm',
      'Softmax',
    ]);
    const rows = randomRows(7, 5, 30);
    const probabilities = (await runOnnx(model, rows, 'float64')).data;
    for (let n = 0; n < 7; n++) {
      const sum = probabilities.subarray(n * 3, n * 3 + 3).reduce((a, b) => a + b, 0);
      expect(Math.abs(sum - 1)).toBeLessThan(1e-14);
    }
  });

  it('the same with squared error: the output is the forward output, no Softmax', async () => {
    const net = network(mixed, { loss: 'squared-error', trainSteps: 30 });
    const model = await expectMatches(net);
    expect(onnx.ModelProto.decode(model).graph?.node?.some((node) => node.opType === 'Softmax')).toBe(false);
  });

  it('nested containers: sequential in residual in concat', async () => {
    const net = network([
      {
        kind: 'concat',
        branches: [
          [{ kind: 'residual', body: [{ kind: 'sequential', layers: [dense(5), { kind: 'batch-norm' }] }] }],
          [{ kind: 'sequential', layers: [dense(2), { kind: 'relu' }] }],
        ],
      },
      dense(2),
    ]);
    await expectMatches(net);
  });
});

describe('toOnnx: float32 networks (wasmFloat32KernelsModule)', () => {
  it('the mixed network matches to 1e-5 and is exported as FLOAT', async () => {
    const net = network(
      [
        dense(8),
        { kind: 'batch-norm' },
        { kind: 'relu' },
        { kind: 'dropout' },
        { kind: 'residual', body: [dense(8), { kind: 'tanh' }] },
        { kind: 'concat', branches: [[dense(3)], [dense(4), { kind: 'sigmoid' }]] },
        dense(3),
      ],
      { loss: 'softmax-cross-entropy', float32: true, trainSteps: 20 },
    );
    expect(net.parameters()[0].value.data).toBeInstanceOf(Float32Array);
    const model = await expectMatches(net);
    const graph = onnx.ModelProto.decode(model).graph;
    expect(graph?.input?.[0].type?.tensorType?.elemType).toBe(ElementType.FLOAT);
    expect(graph?.initializer?.every((tensor) => tensor.dataType === ElementType.FLOAT)).toBe(true);
  });

  it('a parameter-free float32 network takes its precision from the kernels', async () => {
    const net = network([{ kind: 'sigmoid' }], { float32: true, trainSteps: 0 });
    const model = await expectMatches(net, { precision: 'float32' });
    expect(onnx.ModelProto.decode(model).graph?.output?.[0].type?.tensorType?.elemType).toBe(ElementType.FLOAT);
    expect(toOnnx(net)).toEqual(model);
  });

  it('precision forces a float64 network to float32 (values rounded) and a float32 one to float64', async () => {
    const net64 = network([dense(4), { kind: 'tanh' }, dense(2)]);
    const model = toOnnx(net64, { precision: 'float32' });
    const decoded = onnx.ModelProto.decode(model);
    expect(decoded.graph?.initializer?.[0].dataType).toBe(ElementType.FLOAT);
    const rows = randomRows(7, 5, 40);
    expect(largestDifference((await runOnnx(model, rows, 'float32')).data, bpnetOutput(net64, rows))).toBeLessThan(
      FLOAT32_TOLERANCE,
    );
    const net32 = network([dense(4), { kind: 'tanh' }, dense(2)], { float32: true });
    // Every float32 value is a float64: the float64 graph computes the same function, more precisely.
    const wide = await runOnnx(toOnnx(net32, { precision: 'float64' }), rows, 'float64');
    expect(largestDifference(wide.data, bpnetOutput(net32, rows))).toBeLessThan(FLOAT32_TOLERANCE);
  });
});

describe('toOnnx: the model', () => {
  it('has IR 8, opset 15, producer bpnet, the input and output names, element type and dims [N, size]', () => {
    const net = network([dense(4), { kind: 'sigmoid' }, dense(3)]);
    const model = onnx.ModelProto.decode(toOnnx(net));
    expect(Number(model.irVersion)).toBe(IR_VERSION);
    expect(model.opsetImport.map(({ domain, version }) => [domain, Number(version)])).toEqual([['', OPSET_VERSION]]);
    expect(model.producerName).toBe('bpnet');
    const graph = model.graph;
    const describe = (info: OnnxTypes.IValueInfoProto | undefined) => ({
      name: info?.name,
      elemType: info?.type?.tensorType?.elemType,
      dims: info?.type?.tensorType?.shape?.dim?.map((dim) => dim.dimParam || Number(dim.dimValue)),
    });
    expect(describe(graph?.input?.[0])).toEqual({ name: 'input', elemType: ElementType.DOUBLE, dims: ['N', 5] });
    expect(describe(graph?.output?.[0])).toEqual({ name: 'output', elemType: ElementType.DOUBLE, dims: ['N', 3] });
    expect(graph?.initializer?.map((tensor) => [tensor.name, tensor.dims?.map(Number)])).toEqual([
      ['layers.0.weights', [5, 4]],
      ['layers.0.bias', [4]],
      ['layers.2.weights', [4, 3]],
      ['layers.2.bias', [3]],
    ]);
    expect(graph?.node?.map((node) => [node.name, node.opType, node.input, node.output])).toEqual([
      ['layers.0/Gemm', 'Gemm', ['input', 'layers.0.weights', 'layers.0.bias'], ['layers.0/Gemm']],
      ['layers.1/Sigmoid', 'Sigmoid', ['layers.0/Gemm'], ['layers.1/Sigmoid']],
      ['layers.2/Gemm', 'Gemm', ['layers.1/Sigmoid', 'layers.2.weights', 'layers.2.bias'], ['output']],
    ]);
    const gemm = graph?.node?.[0].attribute?.map((attribute) => [attribute.name, attribute.type]);
    const { FLOAT, INT } = onnx.AttributeProto.AttributeType;
    expect(gemm).toEqual([
      ['alpha', FLOAT],
      ['beta', FLOAT],
      ['transA', INT],
      ['transB', INT],
    ]);
  });

  it('takes other input and output names, and is deterministic', async () => {
    const net = network([dense(2)]);
    const model = toOnnx(net, { inputName: 'x', outputName: 'probabilities' });
    expect(toOnnx(net, { inputName: 'x', outputName: 'probabilities' })).toEqual(model);
    const rows = randomRows(3, 5, 50);
    const actual = await runOnnx(model, rows, 'float64', { input: 'x', output: 'probabilities' });
    expect(largestDifference(actual.data, bpnetOutput(net, rows))).toBeLessThanOrEqual(FLOAT64_TOLERANCE);
  });

  it('names nested layers by their paths', () => {
    const net = network([
      { kind: 'residual', body: [dense(5)] },
      { kind: 'concat', branches: [[], [dense(1)]] },
    ]);
    const graph = onnx.ModelProto.decode(toOnnx(net)).graph;
    expect(graph?.initializer?.map((tensor) => tensor.name)).toEqual([
      'layers.0.body.0.weights',
      'layers.0.body.0.bias',
      'layers.1.branches.1.0.weights',
      'layers.1.branches.1.0.bias',
    ]);
    expect(graph?.node?.map((node) => node.name)).toEqual([
      'layers.0.body.0/Gemm',
      'layers.0/Add',
      'layers.1.branches.1.0/Gemm',
      'layers.1/Concat',
    ]);
  });

  it('returns a plain Uint8Array of its own (not a view into a shared buffer)', () => {
    const bytes = toOnnx(network([dense(3), { kind: 'sigmoid' }], { trainSteps: 0 }));
    expect(Object.getPrototypeOf(bytes)).toBe(Uint8Array.prototype);
    expect(bytes.byteOffset).toBe(0);
    expect(bytes.buffer.byteLength).toBe(bytes.length);
  });

  it("has a built-in lowering for every layer kind bpnet's packages register", () => {
    const registered = createContainer(...layerModules)
      .getAll(LAYER_REGISTRATION)
      .map((registration) => registration.kind);
    expect(builtinLowerings.map((lowering) => lowering.kind).sort()).toEqual(registered.sort());
  });
});

// A plug-in kind: softsign, y = x/(1 + |x|), as an activation registered outside bpnet.
const softsignRegistration = activationRegistration(
  {
    kind: 'acme/softsign',
    name: 'Softsign',
    apply: (x) => x / (1 + Math.abs(x)),
    backwardFromInput: (s, x) => s / (1 + Math.abs(x)) ** 2,
  },
  'acme-softsign',
);
// ONNX Runtime has no float64 Softsign: x / (1 + |x|) from Abs, Add and Div computes it as bpnet does.
const softsignLowering: OnnxLowering = {
  kind: 'acme/softsign',
  lower(_layer, graph, input) {
    const one = graph.initializer('one', Float64Array.of(1), []);
    return graph.node('Div', [input, graph.node('Add', [one, graph.node('Abs', [input])])]);
  },
};

describe('toOnnx: plug-in kinds', () => {
  const specs: LayerSpec[] = [dense(4), { kind: 'residual', body: [{ kind: 'acme/softsign' }] }, dense(2)];

  it('refuses a kind without a lowering, naming its path, its kind and what to bind', () => {
    const net = network(specs, { extra: [layerModule(softsignRegistration)] });
    expect(() => toOnnx(net)).toThrow(OnnxExportError);
    expect(() => toOnnx(net)).toThrow(
      "layers[1].body[0]: no ONNX lowering for the layer kind 'acme/softsign'; bind an OnnxLowering for " +
        "'acme/softsign' with onnxLoweringModule(...) in the container passed as toOnnx's options.container",
    );
    const top = network([{ kind: 'acme/softsign' }], { extra: [layerModule(softsignRegistration)], trainSteps: 0 });
    expect(() => toOnnx(top)).toThrow("layers[0]: no ONNX lowering for the layer kind 'acme/softsign'");
  });

  it('exports with the lowering bound in the container and matches ONNX Runtime', async () => {
    const container = createContainer(
      ...layerModules,
      layerModule(softsignRegistration),
      onnxLoweringModule(softsignLowering),
      seededRandomModule(1),
    );
    const net = buildNetwork(container, { inputSize: 5, layers: specs, loss: { kind: 'squared-error' } });
    await expectMatches(net, { container });
  });

  it("a container's lowering replaces a built-in one", () => {
    const identityTanh: OnnxLowering = {
      kind: 'tanh',
      lower: (_layer, graph, input) => graph.node('Identity', [input]),
    };
    const container = createContainer(...layerModules, onnxLoweringModule(identityTanh));
    const net = buildNetwork(container, { inputSize: 2, layers: [{ kind: 'tanh' }], loss: { kind: 'squared-error' } });
    const graph = onnx.ModelProto.decode(toOnnx(net, { container })).graph;
    expect(graph?.node?.map((node) => node.opType)).toEqual(['Identity']);
    expect(graph?.node?.[0].name).toBe('layers.0/Identity');
  });

  it('refuses two lowerings of one kind in the container', () => {
    const container = createContainer(...layerModules, onnxLoweringModule(softsignLowering, softsignLowering));
    const net = buildNetwork(container, { inputSize: 2, layers: [dense(1)], loss: { kind: 'squared-error' } });
    expect(() => toOnnx(net, { container })).toThrow(
      "toOnnx: the container binds two ONNX lowerings for the kind 'acme/softsign'",
    );
  });
});

describe('toOnnx: refusals', () => {
  const net = network([dense(3), { kind: 'sigmoid' }], { trainSteps: 0 });

  it('refuses an unknown precision and bad names', () => {
    expect(() => toOnnx(net, { precision: 'float16' as 'float32' })).toThrow(
      `toOnnx: precision must be 'float64' or 'float32', got the string "float16"`,
    );
    expect(() => toOnnx(net, { inputName: '' })).toThrow('toOnnx: inputName must be a non-empty string');
    expect(() => toOnnx(net, { outputName: 3 as unknown as string })).toThrow('toOnnx: outputName must be');
    expect(() => toOnnx(net, { inputName: 'x', outputName: 'x' })).toThrow(
      "toOnnx: inputName and outputName are both 'x'; they must differ",
    );
    expect(() => toOnnx(net, { inputName: 'a\u0000b' })).toThrow(
      'toOnnx: inputName must be a non-empty string without surrounding spaces or control characters, got',
    );
    expect(() => toOnnx(net, { precison: 'float32' } as unknown as OnnxExportOptions)).toThrow(
      "toOnnx: unknown option 'precison'; expected one of: inputName, outputName, precision, container, allowNonFinite",
    );
    for (const refusal of [
      () => toOnnx(net, { precision: 'int8' as 'float32' }),
      () => toOnnx(net, { inputName: ' ' }),
    ])
      expect(refusal).toThrow(OnnxExportError);
  });

  it('refuses NaN and Infinity in parameters unless allowNonFinite, and float32 overflow', () => {
    const broken = network([dense(3), { kind: 'sigmoid' }], { trainSteps: 0 });
    broken.parameters()[1].value.data[2] = Number.NaN;
    expect(() => toOnnx(broken)).toThrow(
      'layers[0]: bias: value 2 of 3 is NaN; ONNX can hold it, but a network with non-finite numbers computes ' +
        'nothing useful (pass allowNonFinite: true to toOnnx to export it anyway)',
    );
    const model = onnx.ModelProto.decode(toOnnx(broken, { allowNonFinite: true }));
    const raw = model.graph?.initializer?.[1].rawData as Uint8Array;
    expect(new DataView(raw.buffer, raw.byteOffset, raw.byteLength).getFloat64(16, true)).toBeNaN();
    broken.parameters()[1].value.data[2] = 1e39;
    expect(() => toOnnx(broken)).not.toThrow();
    expect(() => toOnnx(broken, { precision: 'float32' })).toThrow(
      "layers[0]: bias: value 2 of 3 is 1e+39, beyond float32's range",
    );
  });

  it("refuses a lowering's misuse of the graph builder, naming the layer", () => {
    const lowerWith = (lower: OnnxLowering['lower']) => {
      const container = createContainer(
        ...layerModules,
        layerModule(softsignRegistration),
        onnxLoweringModule({ kind: 'acme/softsign', lower }),
      );
      const built = buildNetwork(container, {
        inputSize: 2,
        layers: [{ kind: 'sequential', layers: [{ kind: 'acme/softsign' }] }],
        loss: { kind: 'squared-error' },
      });
      return () => toOnnx(built, { container });
    };
    expect(lowerWith((_l, graph) => graph.node('Softsign', ['nowhere']))).toThrow(
      'layers[0].layers[0]: node Softsign: input 0 is the string "nowhere", not a tensor of the graph',
    );
    expect(lowerWith(() => 'made-up')).toThrow(
      'layers[0].layers[0] (acme/softsign): the ONNX lowering returned the string "made-up", ' +
        'not the name of a tensor in the graph',
    );
    expect(lowerWith((_l, graph, input) => graph.node('Elu', [input], { alpha: Number.NaN }))).toThrow(
      "layers[0].layers[0]: node Elu: attribute 'alpha': a FLOAT must be a finite number, got number NaN",
    );
    expect(lowerWith((_l, graph, input) => graph.node('Softmax', [input], { axis: { int: 1.5 } }))).toThrow(
      "layers[0].layers[0]: node Softmax: attribute 'axis': an INT must be a safe integer, got number 1.5",
    );
    expect(lowerWith((_l, graph: OnnxGraphBuilder) => graph.initializer('w', new Float64Array(3), [2, 2]))).toThrow(
      "layers[0].layers[0]: initializer 'w': dims [2, 2] hold 4 values, but 3 were given",
    );
    expect(
      lowerWith(() => {
        throw new Error('boom');
      }),
    ).toThrow('layers[0].layers[0] (acme/softsign): its ONNX lowering failed: boom');
  });

  it('infers attribute types and takes explicit ones', () => {
    let names: string[] = [];
    const container = createContainer(
      ...layerModules,
      layerModule(softsignRegistration),
      onnxLoweringModule({
        kind: 'acme/softsign',
        lower(_layer: Layer, graph, input) {
          names = [graph.initializer('scalar', Float64Array.of(2), [])];
          return graph.node('Softsign', [input], {
            a: 1,
            b: 0.5,
            epsilon: 1,
            c: [1, 2],
            d: [1, 2.5],
            e: 'text',
            f: { float: 2 },
            g: { ints: [3] },
            h: { floats: [3] },
            i: { string: 's' },
            j: { int: 4 },
          });
        },
      }),
    );
    const built = buildNetwork(container, {
      inputSize: 2,
      layers: [{ kind: 'acme/softsign' }],
      loss: { kind: 'squared-error' },
    });
    const node = onnx.ModelProto.decode(toOnnx(built, { container })).graph?.node?.[0];
    const T = onnx.AttributeProto.AttributeType;
    expect(node?.attribute?.map((attribute) => attribute.type)).toEqual([
      T.INT,
      T.FLOAT,
      T.FLOAT,
      T.INTS,
      T.FLOATS,
      T.STRING,
      T.FLOAT,
      T.INTS,
      T.FLOATS,
      T.STRING,
      T.INT,
    ]);
    expect(names).toEqual(['layers.0.scalar']);
  });
});
