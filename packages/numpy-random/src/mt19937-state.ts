import { describeValue } from '@bpnet/core/plugin';

/** The number of 32-bit words in the Mersenne Twister's state (N = 624). */
export const MT19937_STATE_LENGTH = 624;

/**
 * The Mersenne Twister's state as plain data, as numpy's `get_state()` gives it: `key` is the 624-word state
 * vector and `pos` the index of the next word to temper (624 means the next draw regenerates the whole key first).
 */
export interface Mt19937State {
  /** The 624 state words, each an integer in 0..2³² − 1. */
  key: number[];
  /** The next word to output, 0..624. */
  pos: number;
}

/**
 * Checks that `state` is a valid {@link Mt19937State} before any of it is used.
 * @param where - the caller, for the message, e.g. `"Mt19937.setState"`.
 * @throws Error naming the first field that is wrong and what was expected.
 */
export function expectMt19937State(state: unknown, where: string): Mt19937State {
  if (typeof state !== 'object' || state === null || Array.isArray(state)) {
    throw new Error(`${where}: state must be an object { key, pos }, got ${describeValue(state)}`);
  }
  const { key, pos } = state as Record<string, unknown>;
  if (!Array.isArray(key) || key.length !== MT19937_STATE_LENGTH) {
    throw new Error(`${where}: state.key must be an array of ${MT19937_STATE_LENGTH} words, got ${describeValue(key)}`);
  }
  for (let i = 0; i < MT19937_STATE_LENGTH; i++) {
    const word: unknown = key[i];
    if (typeof word !== 'number' || !Number.isInteger(word) || word < 0 || word > 0xffffffff) {
      throw new Error(`${where}: state.key[${i}] must be an integer in 0..4294967295, got ${describeValue(word)}`);
    }
  }
  if (typeof pos !== 'number' || !Number.isInteger(pos) || pos < 0 || pos > MT19937_STATE_LENGTH) {
    throw new Error(`${where}: state.pos must be an integer in 0..${MT19937_STATE_LENGTH}, got ${describeValue(pos)}`);
  }
  return { key, pos };
}
