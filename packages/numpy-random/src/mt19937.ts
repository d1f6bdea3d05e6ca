import { expectMt19937State, MT19937_STATE_LENGTH, type Mt19937State } from './mt19937-state.js';
import { expectNumpySeed } from './numpy-seed.js';

const N = MT19937_STATE_LENGTH;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;

/**
 * The Mersenne Twister MT19937 (Matsumoto and Nishimura, 1998) exactly as numpy's legacy `RandomState` runs it.
 *
 * Seeding is numpy's `mt19937_seed` (the reference `init_genrand`): key[0] = seed,
 * key[i] = (1812433253 · (key[i−1] ⊕ (key[i−1] ≫ 30)) + i) mod 2³², and pos = 624, so the first draw twists the
 * whole key. Each draw tempers key[pos]: y ⊕= y ≫ 11; y ⊕= (y ≪ 7) ∧ 0x9d2c5680; y ⊕= (y ≪ 15) ∧ 0xefc60000;
 * y ⊕= y ≫ 18.
 */
export class Mt19937 {
  private readonly key = new Uint32Array(N);
  private pos = N;

  /**
   * @param seed - an integer in 0..2³² − 1, as `np.random.RandomState(seed)` takes it.
   * @throws Error if `seed` is not an integer in 0..4294967295.
   */
  constructor(seed: number) {
    expectNumpySeed(seed, 'Mt19937: seed');
    const key = this.key;
    key[0] = seed;
    for (let i = 1; i < N; i++) {
      const previous = key[i - 1];
      key[i] = (Math.imul(1812433253, previous ^ (previous >>> 30)) + i) >>> 0;
    }
  }

  /** The next tempered 32-bit output (genrand_int32, numpy's `next_uint32`), an integer in 0..2³² − 1. */
  nextUint32(): number {
    if (this.pos === N) this.twist();
    let y = this.key[this.pos++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** A copy of the state (`key`, `pos`), the same words and position numpy's `get_state()` reports. */
  getState(): Mt19937State {
    return { key: Array.from(this.key), pos: this.pos };
  }

  /**
   * Restores a state from {@link getState} (or from numpy's `get_state()`); the stream continues from there.
   * @throws Error if `state` is not 624 words in 0..2³² − 1 and a `pos` in 0..624; nothing changes then.
   */
  setState(state: Mt19937State): void {
    const { key, pos } = expectMt19937State(state, 'Mt19937.setState');
    this.key.set(key);
    this.pos = pos;
  }

  /**
   * Regenerates all 624 words: key[i] = key[i + 397] ⊕ (y ≫ 1) ⊕ (y odd ? 0x9908b0df : 0),
   * y = upper(key[i]) | lower(key[i + 1]).
   */
  private twist(): void {
    const key = this.key;
    for (let i = 0; i < N; i++) {
      const y = (key[i] & UPPER_MASK) | (key[(i + 1) % N] & LOWER_MASK);
      key[i] = key[(i + M) % N] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    this.pos = 0;
  }
}
