import { describeValue } from '@bpnet/core/plugin';

/** The largest seed numpy's legacy seeding takes: 2³² − 1. */
export const MAX_NUMPY_SEED = 4294967295;

/**
 * Checks that `seed` is what `np.random.RandomState(seed)` takes as an integer seed: an integer in 0..2³² − 1.
 * @returns the value, unchanged (a valid numpy seed).
 * @throws Error `"<what> must be an integer in 0..4294967295, got <value>"`.
 */
export function expectNumpySeed(seed: unknown, what: string): number {
  if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > MAX_NUMPY_SEED) {
    throw new Error(`${what} must be an integer in 0..${MAX_NUMPY_SEED}, got ${describeValue(seed)}`);
  }
  return seed;
}
