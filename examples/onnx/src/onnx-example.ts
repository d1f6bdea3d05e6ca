import { argmaxRows, type ContainerModule, createContainer, Matrix, type Network } from '@bpnet/core';
import { denseModule } from '@bpnet/dense';
import { runMnist } from '@bpnet/example-mnist/mnist';
import { fromOnnx, toOnnx } from '@bpnet/onnx';
import { sigmoidModule } from '@bpnet/sigmoid';
import { squaredErrorModule } from '@bpnet/squared-error';
import * as ort from 'onnxruntime-node';

/** Settings of the ONNX example. */
export interface OnnxExampleOptions {
  /** Epochs of MNIST training (default 2). */
  readonly epochs?: number;
  /** A kernels module for training and bpnet's predictions (core's JavaScript kernels when absent). */
  readonly kernels?: ContainerModule;
  /** Rows per prediction call, the same for bpnet and ONNX Runtime (default 256). */
  readonly batchSize?: number;
  /** Least seconds each throughput is measured over (default 1). */
  readonly seconds?: number;
}

/** What the ONNX example measured. */
export interface OnnxExampleResult {
  readonly network: Network;
  /** The exported model file's bytes. */
  readonly model: Uint8Array;
  readonly testAccuracy: number;
  /** The held-out digits both runtimes predicted. */
  readonly rows: number;
  /** max over every output of |ONNX Runtime − bpnet|, and the same relative to max(1, |bpnet|). */
  readonly largestDifference: number;
  readonly largestRelativeDifference: number;
  /** Digits whose predicted class (the largest output) differs between the runtimes. */
  readonly differentPredictions: number;
  /** Predictions per second at `batchSize` rows per call: bpnet's forward, and ONNX Runtime's `run`. */
  readonly bpnetPerSecond: number;
  readonly onnxRuntimePerSecond: number;
  readonly batchSize: number;
  /** Whether the model imported back with `fromOnnx` gives bpnet's outputs bit for bit. */
  readonly reimportedSameBits: boolean;
}

/** The rows [from, from + count) of a matrix, as a matrix of the same precision. */
function rowsOf(matrix: Matrix, from: number, count: number): Matrix {
  const cols = matrix.cols;
  return new Matrix(count, cols, matrix.data.slice(from * cols, (from + count) * cols));
}

/** Calls `run` on batch after batch of the rows until `seconds` have passed; returns rows predicted per second. */
async function throughput(
  rows: number,
  batchSize: number,
  seconds: number,
  run: (from: number, count: number) => Promise<void> | void,
): Promise<number> {
  await run(0, Math.min(batchSize, rows)); // warm-up
  let predicted = 0;
  const start = performance.now();
  while (performance.now() - start < seconds * 1000) {
    for (let from = 0; from < rows; from += batchSize) {
      const count = Math.min(batchSize, rows - from);
      await run(from, count);
      predicted += count;
    }
  }
  return predicted / ((performance.now() - start) / 1000);
}

/**
 * Trains the MNIST network of `pnpm example:mnist` (784-64-10, sigmoid, squared error), exports it with `toOnnx`,
 * runs the model in ONNX Runtime on the held-out digits and compares every output with bpnet's forward pass; then
 * measures both throughputs at the same batch size, and imports the model back with `fromOnnx`.
 */
export async function runOnnxExample(options: OnnxExampleOptions = {}): Promise<OnnxExampleResult> {
  const batchSize = options.batchSize ?? 256;
  const seconds = options.seconds ?? 1;
  const trained = await runMnist({ epochs: options.epochs ?? 2, kernels: options.kernels });
  const { network, testInputs } = trained;
  const model = toOnnx(network);
  const session = await ort.InferenceSession.create(model);
  const [inputName] = session.inputNames;
  const [outputName] = session.outputNames;
  // The model computes in the network's precision (float32 after wasm-f32 training), and takes inputs in it.
  const float32 = network.parameters()[0].value.data instanceof Float32Array;
  const predictOnnx = async (inputs: Matrix): Promise<ArrayLike<number>> => {
    const data = float32 ? Float32Array.from(inputs.data) : Float64Array.from(inputs.data);
    const tensor = new ort.Tensor(float32 ? 'float32' : 'float64', data, [inputs.rows, inputs.cols]);
    const results = await session.run({ [inputName]: tensor });
    return results[outputName].data as Float64Array | Float32Array;
  };

  const rows = testInputs.rows;
  const expected = network.forward(testInputs).clone();
  const actual = await predictOnnx(testInputs);
  const classes = expected.cols;
  let largestDifference = 0;
  let largestRelativeDifference = 0;
  for (let i = 0; i < expected.data.length; i++) {
    const difference = Math.abs(actual[i] - expected.data[i]);
    largestDifference = Math.max(largestDifference, difference);
    largestRelativeDifference = Math.max(
      largestRelativeDifference,
      difference / Math.max(1, Math.abs(expected.data[i])),
    );
  }
  const classesOnnx = argmaxRows(new Matrix(rows, classes, Float64Array.from(actual)));
  const classesBpnet = argmaxRows(expected);
  const differentPredictions = classesOnnx.filter((k, n) => k !== classesBpnet[n]).length;

  const batches = Array.from({ length: Math.ceil(rows / batchSize) }, (_, b) =>
    rowsOf(testInputs, b * batchSize, Math.min(batchSize, rows - b * batchSize)),
  );
  const bpnetPerSecond = await throughput(rows, batchSize, seconds, (from) => {
    network.forward(batches[from / batchSize]);
  });
  const onnxRuntimePerSecond = await throughput(rows, batchSize, seconds, async (from) => {
    await predictOnnx(batches[from / batchSize]);
  });

  const modules = [denseModule, sigmoidModule, squaredErrorModule, ...(options.kernels ? [options.kernels] : [])];
  const reimported = fromOnnx(createContainer(...modules), model, { loss: 'squared-error' });
  const again = reimported.forward(testInputs);
  const reimportedSameBits = again.data.every((value, i) => Object.is(value, expected.data[i]));

  return {
    network,
    model,
    testAccuracy: trained.testAccuracy,
    rows,
    largestDifference,
    largestRelativeDifference,
    differentPredictions,
    bpnetPerSecond,
    onnxRuntimePerSecond,
    batchSize,
    reimportedSameBits,
  };
}
