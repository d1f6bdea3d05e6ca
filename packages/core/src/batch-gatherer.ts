import { jsKernels } from './js-kernels.js';
import type { Kernels } from './kernels.js';
import { type FloatArray, Matrix } from './matrix.js';

/** A batch: its inputs, its targets and its labels (the argmax of each target row). */
export interface Batch {
  readonly inputs: Matrix;
  readonly targets: Matrix;
  readonly labels: Int32Array;
}

/** A batch buffer, and where its rows are gathered first when the data set's element type differs from the buffer's. */
interface BatchBuffer extends Batch {
  readonly inputRows: Matrix;
  readonly targetRows: Matrix;
}

/**
 * Copies the rows of a batch out of the data set into buffers kept per batch size, so the training loop does not
 * allocate once every batch size has been seen. The buffers come from `kernels`, so a backend computes on them in
 * place. When they hold another element type than the data set (float32 buffers, float64 data), the rows are
 * gathered into a buffer of the data set's type and converted by `kernels.copy` in one call.
 */
export class BatchGatherer {
  private readonly buffers = new Map<number, BatchBuffer>();
  private readonly inputRows: (FloatArray | undefined)[] = [];
  private readonly targetRows: (FloatArray | undefined)[] = [];

  constructor(
    private readonly inputs: Matrix,
    private readonly targets: Matrix,
    private readonly labels: Int32Array,
    private readonly kernels: Kernels = jsKernels,
  ) {}

  /** The batch of the samples at `indices`, in that order. */
  gather(indices: Int32Array): Batch {
    const batch = this.bufferFor(indices.length);
    copyRows(this.inputs, indices, batch.inputRows, this.inputRows);
    copyRows(this.targets, indices, batch.targetRows, this.targetRows);
    if (batch.inputRows !== batch.inputs) this.kernels.copy(batch.inputRows, batch.inputs);
    if (batch.targetRows !== batch.targets) this.kernels.copy(batch.targetRows, batch.targets);
    for (let i = 0; i < indices.length; i++) batch.labels[i] = this.labels[indices[i]];
    return batch;
  }

  private bufferFor(rows: number): BatchBuffer {
    let batch = this.buffers.get(rows);
    if (batch === undefined) {
      const inputs = this.kernels.matrix(rows, this.inputs.cols);
      const targets = this.kernels.matrix(rows, this.targets.cols);
      batch = {
        inputs,
        targets,
        labels: new Int32Array(rows),
        inputRows: sameElementType(inputs, this.inputs) ? inputs : new Matrix(rows, this.inputs.cols, emptyLike(this.inputs.data, rows * this.inputs.cols)),
        targetRows: sameElementType(targets, this.targets) ? targets : new Matrix(rows, this.targets.cols, emptyLike(this.targets.data, rows * this.targets.cols)),
      };
      this.buffers.set(rows, batch);
    }
    return batch;
  }
}

function sameElementType(a: Matrix, b: Matrix): boolean {
  return a.data.constructor === b.data.constructor;
}

/** A zero array of `like`'s element type. */
function emptyLike(like: FloatArray, length: number): FloatArray {
  return like instanceof Float32Array ? new Float32Array(length) : new Float64Array(length);
}

/** Columns from which a row is copied natively (`TypedArray.set`) rather than element by element. */
const NATIVE_COPY_COLUMNS = 32;

/**
 * Copies rows `indices` of `source` into consecutive rows of `out`. Wide rows are copied natively from views of
 * `source`'s rows kept in `rowViews` (made once per row, so a steady loop creates no typed arrays).
 */
function copyRows(source: Matrix, indices: Int32Array, out: Matrix, rowViews: (FloatArray | undefined)[]): void {
  const cols = source.cols, from = source.data, to = out.data;
  if (cols >= NATIVE_COPY_COLUMNS) {
    for (let i = 0; i < indices.length; i++) {
      const row = indices[i];
      const view = (rowViews[row] ??= from.subarray(row * cols, (row + 1) * cols));
      to.set(view, i * cols);
    }
    return;
  }
  for (let i = 0; i < indices.length; i++) {
    const start = indices[i] * cols;
    for (let j = 0; j < cols; j++) to[i * cols + j] = from[start + j];
  }
}
