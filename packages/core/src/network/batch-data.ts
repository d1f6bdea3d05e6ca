import type { Kernels } from '../kernels/kernels.js';
import { type FloatArray, Matrix } from '../kernels/matrix.js';
import { describeValue } from '../validation/describe-value.js';

/** Inputs as a matrix or as rows of numbers (one row per sample). */
export type InputData = Matrix | readonly (readonly number[])[];

/**
 * Targets: integer class labels (one per sample; made into one-hot rows) or a target matrix / rows of numbers
 * (one row of `classes` values per sample).
 */
export type TargetData = Matrix | readonly (readonly number[])[] | readonly number[] | Int32Array;

/**
 * The precision kernels compute in: `'float32'` for kernels that declare `precision: 'float32'` (the float32 wasm
 * kernels), else `'float64'`.
 */
export type Precision = 'float64' | 'float32';

/** The largest finite float32, (2 − 2⁻²³) · 2¹²⁷. */
export const FLOAT32_MAX = 3.4028234663852886e38;

/** The precision `kernels` compute in: `'float32'` when they declare `precision: 'float32'`, else `'float64'`. */
export function precisionOf(kernels: Kernels): Precision {
  return (kernels as { readonly precision?: unknown }).precision === 'float32' ? 'float32' : 'float64';
}

/**
 * Converts and checks inputs: at least one row, `inputSize` columns, every value finite in `precision` (in
 * float32, |x| must round to at most the largest float32, 3.4028234663852886e38: 1e39 is finite in float64 but
 * infinite in float32).
 * @param where - the calling entry point, e.g. `'Network.backprop: inputs'`.
 * @param precision - the precision the network computes in (`precisionOf(kernels)`); default float64.
 * @throws Error saying what was wrong, where, and what was expected.
 */
export function toInputMatrix(
  inputs: InputData,
  inputSize: number,
  where: string,
  precision: Precision = 'float64',
): Matrix {
  const matrix = toMatrix(inputs, where);
  if (matrix.rows === 0) throw new Error(`${where}: no samples; expected at least one row of ${inputSize} values`);
  if (matrix.cols !== inputSize) {
    throw new Error(`${where}: has ${matrix.cols} columns, expected ${inputSize} (the network's inputSize)`);
  }
  expectAllFinite(matrix, where);
  if (precision === 'float32') expectFiniteInFloat32(matrix, where);
  return matrix;
}

/**
 * Checks that every element of a finite matrix stays finite when rounded to float32.
 * @throws Error naming the first element beyond float32's range by row and column.
 */
export function expectFiniteInFloat32(matrix: Matrix, where: string): void {
  const { data, cols } = matrix;
  if (data instanceof Float32Array) return; // already float32, and finite
  for (let index = 0; index < data.length; index++) {
    if (Number.isFinite(Math.fround(data[index]))) continue;
    const row = Math.floor(index / cols);
    throw new Error(
      `${where}: row ${row}, column ${index - row * cols} is ${data[index]}, ` +
        `which is infinite in float32 (the network computes in ` +
        `float32, whose largest finite value is ${FLOAT32_MAX}); scale the data or use float64 kernels`,
    );
  }
}

/**
 * Checks a network's outputs before they are turned into classes: a sample whose output holds NaN or Infinity
 * has no largest output.
 * @param where - the calling entry point, e.g. `'Network.predict'`.
 * @throws Error naming the first such sample, its column and value.
 */
export function expectFiniteOutputs(outputs: Matrix, where: string): void {
  const { data, cols } = outputs;
  if (allFinite(data)) return;
  for (let index = 0; index < data.length; index++) {
    if (Number.isFinite(data[index])) continue;
    const sample = Math.floor(index / cols);
    throw new Error(
      `${where}: the output for sample ${sample} is ${data[index]} at column ` +
        `${index - sample * cols}, so it has no predicted class; ` +
        `the network's parameters are not usable for it (has training diverged?)`,
    );
  }
}

/**
 * Converts and checks targets for `samples` samples and `classes` outputs. Labels must be integers in
 * [0, classes); they become one-hot rows (t_k = 1 for the labelled class, 0 elsewhere). A target matrix must be
 * finite in `precision`, as inputs must (see {@link toInputMatrix}).
 * @throws Error saying what was wrong, where, and what was expected.
 */
export function toTargetMatrix(
  targets: TargetData,
  samples: number,
  classes: number,
  where: string,
  precision: Precision = 'float64',
): Matrix {
  if (isLabelArray(targets)) return oneHot(checkLabels(targets, samples, classes, where), classes);
  const matrix = toMatrix(targets as InputData, where);
  if (matrix.rows !== samples || matrix.cols !== classes) {
    throw new Error(
      `${where}: target matrix is ${matrix.shape}, expected ${samples}×${classes} (samples × network outputs)`,
    );
  }
  expectAllFinite(matrix, where);
  if (precision === 'float32') expectFiniteInFloat32(matrix, where);
  return matrix;
}

/**
 * Checks integer class labels: one per sample, each an integer in [0, classes).
 * @throws Error naming the first bad label and its index.
 */
export function checkLabels(
  labels: readonly number[] | Int32Array,
  samples: number,
  classes: number,
  where: string,
): Int32Array {
  if (labels.length !== samples) {
    throw new Error(`${where}: ${labels.length} labels for ${samples} samples; expected one label per sample`);
  }
  const checked = new Int32Array(samples);
  for (let i = 0; i < samples; i++) {
    const label = labels[i];
    if (typeof label !== 'number' || !Number.isInteger(label) || label < 0 || label >= classes) {
      throw new Error(
        `${where}: label ${i} is ${describeValue(label)}; expected an integer class in 0..${classes - 1}`,
      );
    }
    checked[i] = label;
  }
  return checked;
}

/** The one-hot matrix of `labels`: row n has 1 in column labels[n] and 0 elsewhere. */
export function oneHot(labels: Int32Array, classes: number): Matrix {
  const matrix = Matrix.zeros(labels.length, classes);
  labels.forEach((label, row) => (matrix.data[row * classes + label] = 1));
  return matrix;
}

/** The column index of the largest value in each row (the first one on ties): predict = argmax. */
export function argmaxRows(matrix: Matrix, out: Int32Array = new Int32Array(matrix.rows)): Int32Array {
  for (let i = 0; i < matrix.rows; i++) out[i] = argmaxOfRow(matrix, i);
  return out;
}

/** How many rows have their argmax (as {@link argmaxRows} finds it) equal to their label; allocates nothing. */
export function countArgmaxMatches(matrix: Matrix, labels: Int32Array): number {
  let matches = 0;
  for (let i = 0; i < matrix.rows; i++) if (argmaxOfRow(matrix, i) === labels[i]) matches++;
  return matches;
}

function argmaxOfRow(matrix: Matrix, i: number): number {
  const { cols, data } = matrix;
  let best = 0;
  for (let j = 1; j < cols; j++) if (data[i * cols + j] > data[i * cols + best]) best = j;
  return best;
}

/**
 * Checks that every element is finite.
 * @throws Error naming the first NaN or Infinity by row and column.
 */
export function expectAllFinite(matrix: Matrix, where: string): void {
  const { data, cols } = matrix;
  if (allFinite(data)) return;
  for (let index = 0; index < data.length; index++) {
    if (!Number.isFinite(data[index])) {
      const row = Math.floor(index / cols);
      throw new Error(`${where}: row ${row}, column ${index - row * cols} is ${data[index]}; expected finite numbers`);
    }
  }
}

/**
 * Whether every element is finite, without a branch per element: x − x is 0 for a finite x and NaN for ±∞ and NaN,
 * so four running sums of it stay 0 exactly when all are finite (about 8 million values in a few milliseconds).
 */
function allFinite(data: FloatArray): boolean {
  let s0 = 0,
    s1 = 0,
    s2 = 0,
    s3 = 0;
  const end = data.length - (data.length % 4);
  for (let i = 0; i < end; i += 4) {
    const a = data[i],
      b = data[i + 1],
      c = data[i + 2],
      d = data[i + 3];
    s0 += a - a;
    s1 += b - b;
    s2 += c - c;
    s3 += d - d;
  }
  for (let i = end; i < data.length; i++) s0 += data[i] - data[i];
  return s0 + s1 + s2 + s3 === 0;
}

function toMatrix(data: InputData, where: string): Matrix {
  if (data instanceof Matrix) return data;
  if (!Array.isArray(data))
    throw new Error(`${where}: expected a Matrix or an array of rows, got ${describeValue(data)}`);
  try {
    return Matrix.fromRows(data);
  } catch (error) {
    throw new Error(`${where}: ${(error as Error).message}`);
  }
}

function isLabelArray(targets: TargetData): targets is readonly number[] | Int32Array {
  if (targets instanceof Int32Array) return true;
  return Array.isArray(targets) && targets.length > 0 && !Array.isArray(targets[0]);
}
