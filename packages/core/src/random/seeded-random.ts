import { describeValue } from '../validation/describe-value.js';
import type { RandomSource, RandomSourceState } from './random-source.js';
import { brief } from '../validation/brief.js';

const TWO_POW_53 = 9007199254740992;
const TWO_POW_26 = 67108864;

/**
 * The default {@link RandomSource}: the xoshiro128** generator (Blackman and Vigna), seeded through splitmix32.
 * Doubles take 53 random bits from two 32-bit outputs; normals use the Marsaglia polar method, caching the second
 * value of each pair.
 */
export class SeededRandom implements RandomSource {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  private spareNormal: number | undefined;
  private permutation = new Int32Array(0);
  /** The swap positions of the last `sample` (so it can be undone). */
  private drawn = new Int32Array(0);

  /**
   * @param seed - any safe integer; the same seed gives the same stream.
   * @throws Error if `seed` is not a safe integer.
   */
  constructor(seed: number) {
    expectSeed(seed, 'SeededRandom: seed');
    let state = (seed >>> 0) ^ Math.imul(Math.floor(seed / 4294967296) | 0, 0x9e3779b9);
    const next = (): number => {
      state = (state + 0x9e3779b9) | 0;
      let z = state;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) | 0;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
  }

  /** A seed drawn from the operating system's entropy, for runs that need not be reproducible. */
  static entropySeed(): number {
    return globalThis.crypto.getRandomValues(new Uint32Array(1))[0];
  }

  /** The next 32 random bits, as an unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotateLeft(Math.imul(this.s1, 5), 7), 9);
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotateLeft(this.s3, 11);
    return result >>> 0;
  }

  /** `{ kind: 'xoshiro128**', words: [s0, s1, s2, s3], spareNormal }`. */
  saveState(): RandomSourceState {
    return { kind: 'xoshiro128**', words: [this.s0, this.s1, this.s2, this.s3], spareNormal: this.spareNormal ?? null };
  }

  /** @throws Error if `state` is not a xoshiro128** state. */
  loadState(state: RandomSourceState): void {
    const { words, spareNormal } = state as { words?: unknown; spareNormal?: unknown };
    const valid =
      state?.kind === 'xoshiro128**' &&
      Array.isArray(words) &&
      words.length === 4 &&
      words.every((w) => Number.isInteger(w) && w >= -2147483648 && w <= 2147483647) &&
      (spareNormal === null || (typeof spareNormal === 'number' && Number.isFinite(spareNormal)));
    if (!valid)
      throw new Error(
        `SeededRandom.loadState: expected { kind: 'xoshiro128**', words: 4 ` +
          `int32, spareNormal: number | null }, got ${brief(state, 120)}`,
      );
    [this.s0, this.s1, this.s2, this.s3] = words as number[];
    this.spareNormal = spareNormal === null ? undefined : (spareNormal as number);
  }

  uniform(): number {
    return ((this.nextUint32() >>> 5) * TWO_POW_26 + (this.nextUint32() >>> 6)) / TWO_POW_53;
  }

  normal(): number {
    if (this.spareNormal !== undefined) {
      const spare = this.spareNormal;
      this.spareNormal = undefined;
      return spare;
    }
    let x: number, y: number, r2: number;
    do {
      x = 2 * this.uniform() - 1;
      y = 2 * this.uniform() - 1;
      r2 = x * x + y * y;
    } while (r2 >= 1 || r2 === 0);
    const factor = Math.sqrt((-2 * Math.log(r2)) / r2);
    this.spareNormal = x * factor;
    return y * factor;
  }

  integer(n: number): number {
    if (!Number.isSafeInteger(n) || n < 1) {
      throw new Error(`SeededRandom.integer: n must be a positive integer, got ${String(n)}`);
    }
    if (n > 4294967296) return Math.floor(this.uniform() * n);
    const limit = 4294967296 - remainder(4294967296, n);
    let x: number;
    do x = this.nextUint32();
    while (x >= limit);
    return remainder(x, n);
  }

  shuffle(values: Int32Array | number[]): void {
    for (let i = values.length - 1; i > 0; i--) {
      const j = this.integer(i + 1);
      const swap = values[i];
      values[i] = values[j];
      values[j] = swap;
    }
  }

  sample(n: number, out: Int32Array): Int32Array {
    const k = out.length;
    if (!Number.isSafeInteger(n) || n < k) {
      throw new Error(`SeededRandom.sample: cannot draw ${k} distinct indices from ${String(n)}`);
    }
    if (this.permutation.length !== n) this.permutation = Int32Array.from({ length: n }, (_, i) => i);
    if (this.drawn.length < k) this.drawn = new Int32Array(k);
    // A partial Fisher–Yates shuffle of the identity permutation, undone afterwards so that it stays the identity:
    // the work is proportional to k, not n.
    const permutation = this.permutation,
      drawn = this.drawn;
    for (let i = 0; i < k; i++) {
      const j = (drawn[i] = i + this.integer(n - i));
      const swap = permutation[j];
      permutation[j] = permutation[i];
      permutation[i] = swap;
      out[i] = swap;
    }
    for (let i = k - 1; i >= 0; i--) {
      const j = drawn[i];
      const swap = permutation[j];
      permutation[j] = permutation[i];
      permutation[i] = swap;
    }
    return out;
  }
}

/**
 * Checks that `seed` is a safe integer, the seeds {@link SeededRandom} takes.
 * @throws Error `"<what> must be a safe integer, got <value>"`.
 */
export function expectSeed(seed: unknown, what: string): number {
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) {
    throw new Error(`${what} must be a safe integer, got ${describeValue(seed)}`);
  }
  return seed;
}

function rotateLeft(x: number, bits: number): number {
  return (x << bits) | (x >>> (32 - bits));
}

/**
 * x mod n for integers 0 ≤ x ≤ 2^32 and 1 ≤ n ≤ 2^32, as x − ⌊x / n⌋·n: the same value as `x % n`, which on numbers
 * beyond int32 costs a call to the C library's fmod (about 4 times as long). x / n cannot round up to the next
 * integer: its distance below it is at least 1/n, far more than the spacing of doubles near x / n ≤ 2^32 / n.
 */
function remainder(x: number, n: number): number {
  return x - Math.floor(x / n) * n;
}
