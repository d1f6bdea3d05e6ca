import type { RandomSource } from '../random/random-source.js';
/** How each iteration's batch is chosen (see `TrainOptions.sampling`). */
export type Sampling = 'random-batch' | 'epoch';

/** Yields, for each iteration, the indices of the samples in its batch. */
export interface BatchSampler {
  /** Iterations that make one epoch. */
  readonly iterationsPerEpoch: number;
  /** The next batch's sample indices (a buffer reused by later calls). */
  next(): Int32Array;
  /** Where the sampler is in its pass, as plain JSON (the random source is saved separately). */
  saveState(): SamplerState;
  /** Continues from a saved state. @throws Error if it does not fit this sampler. */
  loadState(state: SamplerState): void;
}

/** A sampler's saved position: for shuffled passes, the current order and the next batch. */
export interface SamplerState {
  readonly order?: readonly number[];
  readonly position?: number;
}

/**
 * The sampler for `sampling`: random batches of distinct samples, or shuffled passes. A batch of all `samples`
 * is every index in order, drawing nothing from `random`.
 */
export function createBatchSampler(
  sampling: Sampling,
  samples: number,
  batchSize: number,
  random: RandomSource,
): BatchSampler {
  if (batchSize === samples) return new FullBatchSampler(samples);
  return sampling === 'epoch'
    ? new EpochSampler(samples, batchSize, random)
    : new RandomBatchSampler(samples, batchSize, random);
}

class FullBatchSampler implements BatchSampler {
  readonly iterationsPerEpoch = 1;
  private readonly indices: Int32Array;

  constructor(samples: number) {
    this.indices = Int32Array.from({ length: samples }, (_, i) => i);
  }

  next(): Int32Array {
    return this.indices;
  }

  saveState(): SamplerState {
    return {};
  }

  loadState(): void {}
}

/**
 * The reference program's sampling: each iteration draws `batchSize` distinct indices; an epoch is max(⌊N/B⌋, 1)
 * iterations.
 */
class RandomBatchSampler implements BatchSampler {
  readonly iterationsPerEpoch: number;
  private readonly indices: Int32Array;

  constructor(
    private readonly samples: number,
    batchSize: number,
    private readonly random: RandomSource,
  ) {
    this.iterationsPerEpoch = Math.max(Math.floor(samples / batchSize), 1);
    this.indices = new Int32Array(batchSize);
  }

  next(): Int32Array {
    return this.random.sample(this.samples, this.indices);
  }

  saveState(): SamplerState {
    return {};
  }

  loadState(): void {}
}

/** Shuffled passes: each epoch permutes the samples and walks them in ⌈N/B⌉ consecutive batches. */
class EpochSampler implements BatchSampler {
  readonly iterationsPerEpoch: number;
  private readonly order: Int32Array;
  private readonly batches: Int32Array[] = [];
  private position = 0;

  constructor(
    samples: number,
    batchSize: number,
    private readonly random: RandomSource,
  ) {
    this.order = Int32Array.from({ length: samples }, (_, i) => i);
    for (let start = 0; start < samples; start += batchSize) {
      this.batches.push(this.order.subarray(start, Math.min(start + batchSize, samples)));
    }
    this.iterationsPerEpoch = this.batches.length;
  }

  next(): Int32Array {
    if (this.position === 0) this.random.shuffle(this.order);
    const batch = this.batches[this.position];
    this.position = (this.position + 1) % this.batches.length;
    return batch;
  }

  saveState(): SamplerState {
    return { order: Array.from(this.order), position: this.position };
  }

  loadState(state: SamplerState): void {
    const { order, position } = state;
    const n = this.order.length;
    const isPermutation =
      Array.isArray(order) &&
      order.length === n &&
      new Set(order).size === n &&
      order.every((i) => Number.isInteger(i) && i >= 0 && i < n);
    if (
      !isPermutation ||
      !Number.isInteger(position) ||
      (position as number) < 0 ||
      (position as number) >= this.batches.length
    ) {
      throw new Error(
        `epoch sampler state: expected a permutation of ${n} samples and a position in 0..${this.batches.length - 1}`,
      );
    }
    this.order.set(order as number[]);
    this.position = position as number;
  }
}
