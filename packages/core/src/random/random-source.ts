import type { ServiceToken } from '../di/bpnet-container.js';

/**
 * The one source of randomness in bpnet: initializers, data generators and batch sampling all draw from it, never
 * from `Math.random`, so seeding it reproduces a run. Bound in the container under
 * {@link "@bpnet/core/plugin"!RANDOM_SOURCE | RANDOM_SOURCE}.
 */
export interface RandomSource {
  /** A uniform draw from [0, 1). */
  uniform(): number;
  /** A standard normal draw, N(0, 1). */
  normal(): number;
  /** A uniform integer from {0, …, n − 1}. */
  integer(n: number): number;
  /** Permutes `values` in place, uniformly at random. */
  shuffle(values: Int32Array | number[]): void;
  /** Fills `out` with `out.length` distinct indices drawn uniformly from {0, …, n − 1}. */
  sample(n: number, out: Int32Array): Int32Array;
  /** The generator's state as plain JSON, for checkpoints (optional: a source without it cannot be checkpointed). */
  saveState?(): RandomSourceState;
  /** Continues from a saved state. @throws Error if the state is not this generator's. */
  loadState?(state: RandomSourceState): void;
}

/** A random source's saved state: its algorithm and the numbers that continue its stream. */
export interface RandomSourceState {
  readonly kind: string;
  readonly [field: string]: unknown;
}

/** The random source ({@link RandomSource}) for initialization and sampling; rebind it to change every draw. */
export const RANDOM_SOURCE: ServiceToken<RandomSource> = Symbol.for('@bpnet/core/RandomSource');
