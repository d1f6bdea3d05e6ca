import { jsKernels } from './js-kernels.js';
import type { Kernels } from './kernels.js';
import type { Matrix } from './matrix.js';

/** A batch: its inputs, its targets and its labels (the argmax of each target row). */
export interface Batch {
  readonly inputs: Matrix;
  readonly targets: Matrix;
  readonly labels: Int32Array;
}

/**
 * Copies the rows of a batch out of the data set into buffers kept per batch size, so the training loop does not
 * allocate once every batch size has been seen. The buffers come from `kernels`, so a backend computes on them in place.
 */
export class BatchGatherer {
  private readonly buffers = new Map<number, Batch>();

  constructor(
    private readonly inputs: Matrix,
    private readonly targets: Matrix,
    private readonly labels: Int32Array,
    private readonly kernels: Kernels = jsKernels,
  ) {}

  /** The batch of the samples at `indices`, in that order. */
  gather(indices: Int32Array): Batch {
    const batch = this.bufferFor(indices.length);
    copyRows(this.inputs, indices, batch.inputs);
    copyRows(this.targets, indices, batch.targets);
    for (let i = 0; i < indices.length; i++) batch.labels[i] = this.labels[indices[i]];
    return batch;
  }

  private bufferFor(rows: number): Batch {
    let batch = this.buffers.get(rows);
    if (batch === undefined) {
      batch = {
        inputs: this.kernels.matrix(rows, this.inputs.cols),
        targets: this.kernels.matrix(rows, this.targets.cols),
        labels: new Int32Array(rows),
      };
      this.buffers.set(rows, batch);
    }
    return batch;
  }
}

function copyRows(source: Matrix, indices: Int32Array, out: Matrix): void {
  const cols = source.cols, from = source.data, to = out.data;
  for (let i = 0; i < indices.length; i++) {
    const start = indices[i] * cols;
    for (let j = 0; j < cols; j++) to[i * cols + j] = from[start + j];
  }
}
