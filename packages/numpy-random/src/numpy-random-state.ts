import type { RandomSource, RandomSourceState } from '@bpnet/core';
import { brief, describeValue } from '@bpnet/core/plugin';
import { glibcLog } from './glibc-log.js';
import { Mt19937 } from './mt19937.js';
import { expectNumpyRandomStateSnapshot, type NumpyRandomStateSnapshot } from './numpy-random-state-snapshot.js';
import { expectNumpySeed } from './numpy-seed.js';
import { randomInterval } from './random-interval.js';

const TWO_POW_26 = 67108864;
const TWO_POW_53 = 9007199254740992;
const MAX_LENGTH = 2147483647;

/**
 * A {@link RandomSource} that draws exactly what numpy's legacy `np.random.RandomState(seed)` (and so
 * `np.random.seed(seed)` with the `np.random.*` functions) draws, bit for bit in float64: an {@link Mt19937} with
 * numpy's integer seeding and numpy's legacy transforms of its 32-bit outputs.
 *
 * ```ts
 * const random = new NumpyRandomState(0);
 * random.normal(); // 1.764052345967664, as np.random.RandomState(0).randn()
 * ```
 */
export class NumpyRandomState implements RandomSource {
  private readonly generator: Mt19937;
  private hasGauss = false;
  private gauss = 0;
  private permutationBuffer = new Int32Array(0);

  /**
   * @param seed - an integer in 0..2³² − 1, as `np.random.RandomState(seed)` takes it.
   * @throws Error `"NumpyRandomState: seed must be an integer in 0..4294967295, got <value>"`.
   */
  constructor(seed: number) {
    this.generator = new Mt19937(expectNumpySeed(seed, 'NumpyRandomState: seed'));
  }

  /** The next raw 32-bit output of the Mersenne Twister, as `randint(0, 2**32)` gives it. */
  nextUint32(): number {
    return this.generator.nextUint32();
  }

  /**
   * `random_sample()` / `rand()`: a uniform double in [0, 1) from two outputs a, b:
   * ((a ≫ 5) · 2²⁶ + (b ≫ 6)) / 2⁵³.
   */
  uniform(): number {
    const high = this.generator.nextUint32() >>> 5;
    const low = this.generator.nextUint32() >>> 6;
    return (high * TWO_POW_26 + low) / TWO_POW_53;
  }

  /**
   * `standard_normal()` / `randn()` (legacy `gauss`): the Marsaglia polar method. If a normal is cached, returns it
   * and clears the cache. Otherwise draws x₁ = 2u − 1, x₂ = 2u − 1 until 0 < r² = x₁² + x₂² < 1, sets
   * f = √(−2 ln r² / r²), caches f·x₁ and returns f·x₂. Uniform and integer draws leave the cache alone.
   * ln is {@link glibcLog}, the C library's `log` that numpy calls, not `Math.log`, which differs in the last bit.
   */
  normal(): number {
    if (this.hasGauss) {
      const cached = this.gauss;
      this.hasGauss = false;
      this.gauss = 0;
      return cached;
    }
    let x1: number, x2: number, r2: number;
    do {
      x1 = 2 * this.uniform() - 1;
      x2 = 2 * this.uniform() - 1;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1 || r2 === 0);
    const f = Math.sqrt((-2 * glibcLog(r2)) / r2);
    this.gauss = f * x1;
    this.hasGauss = true;
    return f * x2;
  }

  /**
   * `randint(0, n)`: a uniform integer in 0..n − 1 by numpy's masked rejection (see {@link randomInterval} with
   * max = n − 1). n = 1 returns 0 without drawing, as numpy does.
   * @throws Error if `n` is not a positive safe integer.
   */
  integer(n: number): number {
    if (!Number.isSafeInteger(n) || n < 1) {
      throw new Error(`NumpyRandomState.integer: n must be a positive integer, got ${describeValue(n)}`);
    }
    return randomInterval(this.generator, n - 1);
  }

  /**
   * `randint(low, high)`: low + a uniform integer in 0..high − low − 1, the same draws as `integer(high − low)`.
   * @throws Error unless `low` < `high` are safe integers with a safe difference.
   */
  randint(low: number, high: number): number {
    if (!Number.isSafeInteger(low) || !Number.isSafeInteger(high) || !Number.isSafeInteger(high - low) || low >= high) {
      throw new Error(
        `NumpyRandomState.randint: expected safe integers low < high, ` +
          `got low ${describeValue(low)}, high ${describeValue(high)}`,
      );
    }
    return low + randomInterval(this.generator, high - low - 1);
  }

  /**
   * `shuffle(values)` for a 1-d array, in place: for i = n − 1 down to 1, j = `integer(i + 1)`, swap values[i] and
   * values[j] (Fisher–Yates from the end).
   */
  shuffle(values: Int32Array | number[]): void {
    for (let i = values.length - 1; i > 0; i--) {
      const j = randomInterval(this.generator, i);
      const swap = values[i];
      values[i] = values[j];
      values[j] = swap;
    }
  }

  /**
   * `permutation(n)`: 0..n − 1 shuffled by {@link shuffle}.
   * @throws Error if `n` is not an integer in 0..2147483647.
   */
  permutation(n: number): Int32Array {
    expectLength(n, 'NumpyRandomState.permutation: n');
    const values = new Int32Array(n);
    for (let i = 0; i < n; i++) values[i] = i;
    this.shuffle(values);
    return values;
  }

  /**
   * `choice(n, k, replace=False)` with k = `out.length`: the first k entries of `permutation(n)`. Like numpy, it
   * shuffles all n indices (n − 1 interval draws) whatever k is, so the stream moves on exactly as numpy's does.
   * @throws Error if `n` is not an integer in 0..2147483647 or k > n.
   */
  sample(n: number, out: Int32Array): Int32Array {
    expectLength(n, 'NumpyRandomState.sample: n');
    const k = out.length;
    if (k > n) throw new Error(`NumpyRandomState.sample: cannot draw ${k} distinct indices from ${n}`);
    if (this.permutationBuffer.length !== n) this.permutationBuffer = new Int32Array(n);
    const permutation = this.permutationBuffer;
    for (let i = 0; i < n; i++) permutation[i] = i;
    this.shuffle(permutation);
    out.set(permutation.subarray(0, k));
    return out;
  }

  /** The state for bpnet checkpoints: {@link getState} tagged `{ kind: 'numpy-mt19937' }`. */
  saveState(): RandomSourceState {
    return { kind: 'numpy-mt19937', ...this.getState() };
  }

  /** Continues from {@link saveState}'s result. @throws Error if it is not a numpy-mt19937 state. */
  loadState(state: RandomSourceState): void {
    if (state?.kind !== 'numpy-mt19937')
      throw new Error(`NumpyRandomState.loadState: expected kind 'numpy-mt19937', got ${brief(state?.kind)}`);
    const { kind: _kind, ...snapshot } = state;
    this.setState(snapshot as unknown as NumpyRandomStateSnapshot);
  }

  /** A copy of the whole state: the generator's `key` and `pos` and the normal cache, as numpy's `get_state()`. */
  getState(): NumpyRandomStateSnapshot {
    return { ...this.generator.getState(), hasGauss: this.hasGauss, gauss: this.gauss };
  }

  /**
   * Restores a state from {@link getState} (or numpy's `get_state()`: key, pos, has_gauss, cached_gaussian).
   * @throws Error naming the first invalid field; the state is then left unchanged.
   */
  setState(state: NumpyRandomStateSnapshot): void {
    const valid = expectNumpyRandomStateSnapshot(state, 'NumpyRandomState.setState');
    this.generator.setState(valid);
    this.hasGauss = valid.hasGauss;
    this.gauss = valid.gauss;
  }
}

function expectLength(n: number, what: string): void {
  if (!Number.isInteger(n) || n < 0 || n > MAX_LENGTH) {
    throw new Error(`${what} must be an integer in 0..${MAX_LENGTH}, got ${describeValue(n)}`);
  }
}
