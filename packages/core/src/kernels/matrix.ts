import { describeValue } from '../validation/describe-value.js';

/**
 * The element storage of a {@link Matrix}: float64 (the default and the reference) or float32 (see `Kernels.matrix`).
 */
export type FloatArray = Float64Array | Float32Array;

/**
 * A dense row-major matrix of float64 numbers (or float32, when a float32 backend allocated it). A batch is a matrix
 * whose rows are samples and whose columns are features ("one row is one sample").
 *
 * Element (i, j) lives at `data[i * cols + j]`.
 */
export class Matrix {
  /** Number of rows (samples, for a batch). */
  readonly rows: number;
  /** Number of columns (features or units). */
  readonly cols: number;
  /** The elements in row-major order; its length is `rows * cols`. */
  readonly data: FloatArray;

  /**
   * Wraps `data` (or a new zero-filled array) as a `rows × cols` matrix.
   * @throws Error if a size is not a non-negative integer, `data` is not a Float64Array or Float32Array (no other
   *   array is coerced), or `data` has the wrong length.
   */
  constructor(rows: number, cols: number, data?: FloatArray) {
    if (!Number.isSafeInteger(rows) || rows < 0 || !Number.isSafeInteger(cols) || cols < 0) {
      throw new Error(
        `Matrix: size ${describeSize(rows)}×${describeSize(cols)} is invalid; expected non-negative integers`,
      );
    }
    if (data !== undefined && !(data instanceof Float64Array) && !(data instanceof Float32Array)) {
      throw new Error(`Matrix: data must be a Float64Array or Float32Array, got ${describeValue(data)}`);
    }
    if (data !== undefined && data.length !== rows * cols) {
      throw new Error(`Matrix: data has ${data.length} values, expected ${rows}×${cols} = ${rows * cols}`);
    }
    this.rows = rows;
    this.cols = cols;
    this.data = data ?? new Float64Array(rows * cols);
  }

  /** A `rows × cols` matrix of zeros. */
  static zeros(rows: number, cols: number): Matrix {
    return new Matrix(rows, cols);
  }

  /**
   * Builds a matrix from an array of rows, e.g. `Matrix.fromRows([[1, 2], [3, 4]])`.
   * @throws Error if the rows are ragged or hold something other than numbers.
   */
  static fromRows(rows: readonly (readonly number[])[]): Matrix {
    if (!Array.isArray(rows)) {
      throw new Error(`Matrix.fromRows: expected an array of rows, got ${describeValue(rows)}`);
    }
    const cols = rows.length === 0 ? 0 : arrayLength(rows[0], 0);
    const matrix = new Matrix(rows.length, cols);
    rows.forEach((row, i) => {
      const length = arrayLength(row, i);
      if (length !== cols) {
        throw new Error(`Matrix.fromRows: row ${i} has ${length} values, expected ${cols} (the length of row 0)`);
      }
      for (let j = 0; j < cols; j++) {
        const value = row[j];
        if (typeof value !== 'number') {
          throw new Error(`Matrix.fromRows: row ${i}, column ${j} is ${describeValue(value)}, expected a number`);
        }
        matrix.data[i * cols + j] = value;
      }
    });
    return matrix;
  }

  /** The elements as an array of rows (plain numbers). */
  toRows(): number[][] {
    const result: number[][] = [];
    for (let i = 0; i < this.rows; i++) {
      result.push(Array.from(this.data.subarray(i * this.cols, (i + 1) * this.cols)));
    }
    return result;
  }

  /** Element (i, j). @throws RangeError outside the matrix. */
  get(i: number, j: number): number {
    return this.data[this.offset(i, j)];
  }

  /** Sets element (i, j) to `value`. @throws RangeError outside the matrix. */
  set(i: number, j: number, value: number): void {
    this.data[this.offset(i, j)] = value;
  }

  /** A view (no copy) of row i. */
  row(i: number): FloatArray {
    if (!Number.isInteger(i) || i < 0 || i >= this.rows) {
      throw new RangeError(`Matrix: row ${i} is outside the ${this.shape} matrix`);
    }
    return this.data.subarray(i * this.cols, (i + 1) * this.cols);
  }

  /** A deep copy. */
  clone(): Matrix {
    return new Matrix(this.rows, this.cols, this.data.slice());
  }

  /** The shape as text, `rows×cols`. */
  get shape(): string {
    return `${this.rows}×${this.cols}`;
  }

  private offset(i: number, j: number): number {
    if (!Number.isInteger(i) || i < 0 || i >= this.rows || !Number.isInteger(j) || j < 0 || j >= this.cols) {
      throw new RangeError(`Matrix: index (${i}, ${j}) is outside the ${this.shape} matrix`);
    }
    return i * this.cols + j;
  }
}

function arrayLength(row: unknown, index: number): number {
  if (!Array.isArray(row) && !ArrayBuffer.isView(row)) {
    throw new Error(`Matrix.fromRows: row ${index} is ${describeValue(row)}, expected an array of numbers`);
  }
  return (row as ArrayLike<number>).length;
}

/** A matrix size for a message: a number as it is, anything else described (a size may come from anywhere). */
function describeSize(size: unknown): string {
  return typeof size === 'number' ? String(size) : describeValue(size);
}
