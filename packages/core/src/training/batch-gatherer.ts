import { jsKernels } from '../kernels/js-kernels.js';
import { withFastPath } from '../kernels/fast-path.js';
import type { Kernels } from '../kernels/kernels.js';
import { type FloatArray, Matrix } from '../kernels/matrix.js';

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

/** Batch buffers per owner (the network being trained), by batch size: kept across train() calls. */
const buffersByOwner = new WeakMap<object, Map<number, BatchBuffer>>();

/**
 * Copies the rows of a batch out of the data set into buffers kept per batch size, so the training loop does not
 * allocate once every batch size has been seen. The buffers come from `kernels`, so a backend computes on them in
 * place; they are kept per `owner` across gatherers (one per train() call), because a backend's memory may only be
 * reclaimed with the backend itself (WebAssembly memory never shrinks). When they hold another element type than the
 * data set (float32 buffers, float64 data), the backend's `copyRows` fast path converts the rows into them; a backend
 * without it gets the rows gathered into a buffer of the data set's type and converted by `kernels.copy` in one call.
 */
export class BatchGatherer {
  private readonly buffers: Map<number, BatchBuffer>;
  private readonly inputs: RowSource;
  private readonly targets: RowSource;

  constructor(
    inputs: Matrix,
    targets: Matrix,
    private readonly labels: Int32Array,
    private readonly kernels: Kernels = jsKernels,
    owner: object = {},
  ) {
    this.inputs = new RowSource(inputs);
    this.targets = new RowSource(targets);
    let buffers = buffersByOwner.get(owner);
    if (buffers === undefined) buffersByOwner.set(owner, (buffers = new Map()));
    this.buffers = buffers;
  }

  /** The batch of the samples at `indices`, in that order. */
  gather(indices: Int32Array): Batch {
    const batch = this.bufferFor(indices.length);
    this.gatherInto(this.inputs, indices, batch.inputRows, batch.inputs);
    this.gatherInto(this.targets, indices, batch.targetRows, batch.targets);
    for (let i = 0; i < indices.length; i++) batch.labels[i] = this.labels[indices[i]];
    return batch;
  }

  /**
   * Rows `indices` of `source` into `out`, through `rows` (a buffer of the source's type) when `out`'s type differs.
   */
  private gatherInto(source: RowSource, indices: Int32Array, rows: Matrix, out: Matrix): void {
    if (rows === out) {
      source.copyRows(indices, out);
      return;
    }
    const kernels = this.kernels;
    // The row views are made only for a backend with the fast path.
    withFastPath(
      kernels,
      'copyRows',
      () => [source.views(indices), indices.length, out],
      () => {
        source.copyRows(indices, rows);
        return kernels.copy(rows, out);
      },
    );
  }

  /**
   * The buffer for batches of `rows` samples: the kept one when it still fits this data set, else one reusing its
   * storage.
   */
  private bufferFor(rows: number): BatchBuffer {
    let batch = this.buffers.get(rows);
    if (batch === undefined || !this.fits(batch)) {
      const inputs = this.kernels.matrix(rows, this.inputs.matrix.cols, batch?.inputs);
      const targets = this.kernels.matrix(rows, this.targets.matrix.cols, batch?.targets);
      batch = {
        inputs,
        targets,
        labels: new Int32Array(rows),
        inputRows: this.inputs.bufferLike(inputs),
        targetRows: this.targets.bufferLike(targets),
      };
      this.buffers.set(rows, batch);
    }
    return batch;
  }

  /** Whether a kept buffer fits this data set: the same widths, and rows buffers of its element types. */
  private fits(batch: BatchBuffer): boolean {
    return this.inputs.fits(batch.inputRows) && this.targets.fits(batch.targetRows);
  }
}

/** Columns from which a row is copied natively (`TypedArray.set`) rather than element by element. */
const NATIVE_COPY_COLUMNS = 32;

/** A data set's rows, with views of them made once per row (so a steady loop creates no typed arrays). */
class RowSource {
  private readonly rowViews: (FloatArray | undefined)[] = [];
  /** The views of the last `views` call (reused). */
  private readonly selected: FloatArray[] = [];

  constructor(readonly matrix: Matrix) {}

  /** Whether `rows` can hold rows of this data set: its width and element type. */
  fits(rows: Matrix): boolean {
    return rows.cols === this.matrix.cols && rows.data.constructor === this.matrix.data.constructor;
  }

  /** `buffer` when it has the data set's element type, else a new matrix of its shape in that type. */
  bufferLike(buffer: Matrix): Matrix {
    const data = this.matrix.data;
    if (buffer.data.constructor === data.constructor) return buffer;
    const length = buffer.rows * buffer.cols;
    return new Matrix(
      buffer.rows,
      buffer.cols,
      data instanceof Float32Array ? new Float32Array(length) : new Float64Array(length),
    );
  }

  /** Views of rows `indices`, in order (an array reused by the next call). */
  views(indices: Int32Array): readonly FloatArray[] {
    const selected = this.selected;
    selected.length = indices.length;
    for (let i = 0; i < indices.length; i++) selected[i] = this.view(indices[i]);
    return selected;
  }

  /** Copies rows `indices` into consecutive rows of `out` (of the same element type): wide rows natively. */
  copyRows(indices: Int32Array, out: Matrix): void {
    const cols = this.matrix.cols,
      from = this.matrix.data,
      to = out.data;
    if (cols >= NATIVE_COPY_COLUMNS) {
      for (let i = 0; i < indices.length; i++) to.set(this.view(indices[i]), i * cols);
      return;
    }
    for (let i = 0; i < indices.length; i++) {
      const start = indices[i] * cols;
      for (let j = 0; j < cols; j++) to[i * cols + j] = from[start + j];
    }
  }

  private view(row: number): FloatArray {
    const cols = this.matrix.cols;
    return (this.rowViews[row] ??= this.matrix.data.subarray(row * cols, (row + 1) * cols));
  }
}
