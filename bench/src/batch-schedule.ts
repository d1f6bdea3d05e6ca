import { SeededRandom } from '@bpnet/core';

/**
 * Draws each iteration's batch for the peers that do not sample themselves: `batchSize` distinct indices out of
 * `rows`, uniformly at random (core's SeededRandom.sample, the same sampler bpnet's trainer uses).
 */
export class BatchDrawer {
  private readonly random: SeededRandom;
  private readonly indices: Int32Array;

  constructor(
    private readonly rows: number,
    batchSize: number,
    seed: number,
  ) {
    this.random = new SeededRandom(seed);
    this.indices = new Int32Array(batchSize);
  }

  /** The next batch's indices (a reused buffer). */
  next(): Int32Array {
    return this.random.sample(this.rows, this.indices);
  }
}

/** Initial weights: a `rows×cols` row-major float64 matrix of N(0, std²) draws. */
export function gaussianMatrix(rows: number, cols: number, std: number, random: SeededRandom): Float64Array {
  return Float64Array.from({ length: rows * cols }, () => std * random.normal());
}
