import { type Network, Matrix, SeededRandom } from '@bpnet/core';
import * as ort from 'onnxruntime-node';

/** Test support (not exported by the package): random inputs, ONNX Runtime runs and their comparison with bpnet. */

/** `rows` × `columns` values uniform in [−2, 2), from a seeded generator. */
export function randomRows(rows: number, columns: number, seed: number): number[][] {
  const random = new SeededRandom(seed);
  return Array.from({ length: rows }, () => Array.from({ length: columns }, () => random.uniform() * 4 - 2));
}

/**
 * The model's output for `rows`, run by ONNX Runtime on a float64 or float32 tensor of them fed to `names.input`
 * (default `'input'`); `names.output` defaults to the model's first output.
 */
export async function runOnnx(
  model: Uint8Array,
  rows: readonly (readonly number[])[],
  precision: 'float64' | 'float32',
  names: { readonly input?: string; readonly output?: string } = {},
): Promise<{ readonly data: Float64Array; readonly dims: readonly number[] }> {
  const session = await ort.InferenceSession.create(model);
  const flat = rows.flat();
  const tensor =
    precision === 'float64'
      ? new ort.Tensor('float64', Float64Array.from(flat), [rows.length, rows[0].length])
      : new ort.Tensor('float32', Float32Array.from(flat), [rows.length, rows[0].length]);
  const results = await session.run({ [names.input ?? 'input']: tensor });
  const output = results[names.output ?? session.outputNames[0]];
  await session.release();
  return { data: Float64Array.from(output.data as Float64Array | Float32Array), dims: output.dims };
}

/** bpnet's inference output for `rows`, with the softmax of a softmax-cross-entropy loss applied in float64. */
export function bpnetOutput(network: Network, rows: readonly (readonly number[])[]): Float64Array {
  const output = network.forward(Matrix.fromRows(rows));
  const values = Float64Array.from(output.data);
  if (network.loss.kind !== 'softmax-cross-entropy') return values;
  for (let n = 0; n < output.rows; n++) {
    const row = values.subarray(n * output.cols, (n + 1) * output.cols);
    const largest = Math.max(...row);
    let sum = 0;
    for (let k = 0; k < row.length; k++) sum += row[k] = Math.exp(row[k] - largest);
    for (let k = 0; k < row.length; k++) row[k] /= sum;
  }
  return values;
}

/** max |a − b| / max(1, |b|) over the elements. */
export function largestDifference(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) throw new Error(`lengths ${actual.length} and ${expected.length} differ`);
  let largest = 0;
  for (let i = 0; i < expected.length; i++) {
    const difference = Math.abs(actual[i] - expected[i]) / Math.max(1, Math.abs(expected[i]));
    if (!(difference <= largest)) largest = difference;
  }
  return largest;
}
