import {
  buildNetwork,
  createContainer,
  Matrix,
  type Network,
  SeededRandom,
  seededRandomModule,
  train,
} from '@bpnet/core';
import { denseModule } from '@bpnet/dense';
import { toOnnx } from '@bpnet/onnx';
import { softmaxCrossEntropyModule } from '@bpnet/softmax-cross-entropy';
import onnxProto from 'onnx-proto';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { type PreluLayer, preluModule } from './prelu-layer.js';

const { onnx } = onnxProto;
import { makeRings } from './rings.js';

/** bpnet's class probabilities: the inference forward, then softmax per row in float64. */
function probabilities(network: Network, inputs: Matrix): Float64Array {
  const z = network.forward(inputs);
  const p = Float64Array.from(z.data);
  for (let n = 0; n < z.rows; n++) {
    const row = p.subarray(n * z.cols, (n + 1) * z.cols);
    const largest = Math.max(...row);
    let sum = 0;
    for (let k = 0; k < row.length; k++) sum += row[k] = Math.exp(row[k] - largest);
    for (let k = 0; k < row.length; k++) row[k] /= sum;
  }
  return p;
}

async function runOnnx(model: Uint8Array, inputs: Matrix, type: 'float64' | 'float32'): Promise<Float64Array> {
  const session = await ort.InferenceSession.create(model);
  const data = type === 'float64' ? Float64Array.from(inputs.data) : Float32Array.from(inputs.data);
  const { output } = await session.run({ input: new ort.Tensor(type, data, [inputs.rows, inputs.cols]) });
  await session.release();
  return Float64Array.from(output.data as Float64Array | Float32Array);
}

/** max |a − b| / max(1, |b|). */
function largestDifference(actual: Float64Array, expected: Float64Array): number {
  expect(actual.length).toBe(expected.length);
  return expected.reduce((most, b, i) => Math.max(most, Math.abs(actual[i] - b) / Math.max(1, Math.abs(b))), 0);
}

describe('acme/prelu exported to ONNX', () => {
  const container = createContainer(denseModule, softmaxCrossEntropyModule, preluModule, seededRandomModule(4));
  const network = buildNetwork(container, {
    inputSize: 2,
    layers: [{ kind: 'dense', units: 12 }, { kind: 'acme/prelu' }, { kind: 'dense', units: 3 }],
    loss: { kind: 'softmax-cross-entropy' },
  });
  const { inputs, labels } = makeRings(new SeededRandom(5), 40, 3);
  train(network, inputs, labels, { learningRate: 0.1, iterations: 150, batchSize: 30, seed: 1 });
  const prelu = network.layers[1] as PreluLayer;

  it('trains the slopes apart, then exports with the container and matches ONNX Runtime to 1e-12', async () => {
    expect(new Set(prelu.slope.value.data).size).toBe(12);
    const model = toOnnx(network, { container });
    const ops = onnx.ModelProto.decode(model).graph?.node?.map((node) => node.opType);
    expect(ops).toEqual(['Gemm', 'Greater', 'Mul', 'Where', 'Gemm', 'Softmax']);
    for (const rows of [1, 7, 120]) {
      const batch = new Matrix(rows, 2, inputs.data.slice(0, rows * 2));
      expect(largestDifference(await runOnnx(model, batch, 'float64'), probabilities(network, batch))).toBeLessThan(
        1e-12,
      );
    }
  });

  it("is ONNX's PRelu, slope [units], in a float32 graph", async () => {
    const model = toOnnx(network, { container, precision: 'float32' });
    const graph = onnx.ModelProto.decode(model).graph;
    expect(graph?.node?.map((node) => node.opType)).toEqual(['Gemm', 'PRelu', 'Gemm', 'Softmax']);
    expect(graph?.initializer?.find((tensor) => tensor.name === 'layers.1.slope')?.dims?.map(Number)).toEqual([12]);
    expect(largestDifference(await runOnnx(model, inputs, 'float32'), probabilities(network, inputs))).toBeLessThan(
      1e-5,
    );
  });

  it('without the container, the export says which lowering is missing', () => {
    expect(() => toOnnx(network)).toThrow(
      "layers[1]: no ONNX lowering for the layer kind 'acme/prelu'; bind an OnnxLowering for 'acme/prelu'",
    );
  });
});
