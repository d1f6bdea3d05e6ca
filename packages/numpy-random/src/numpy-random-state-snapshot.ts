import { describeValue } from '@bpnet/core/plugin';
import { expectMt19937State, type Mt19937State } from './mt19937-state.js';

/**
 * Everything a {@link NumpyRandomState} needs to continue its stream, the fields of numpy's
 * `get_state()` tuple `('MT19937', key, pos, has_gauss, cached_gaussian)`: the generator's state plus the cached
 * second normal of the polar method.
 */
export interface NumpyRandomStateSnapshot extends Mt19937State {
  /** Whether the next `normal()` returns `gauss` without drawing. */
  hasGauss: boolean;
  /** The cached normal (numpy leaves 0 here when `hasGauss` is false). */
  gauss: number;
}

/**
 * Checks that `state` is a valid {@link NumpyRandomStateSnapshot} before any of it is used.
 * @throws Error naming the first field that is wrong and what was expected.
 */
export function expectNumpyRandomStateSnapshot(state: unknown, where: string): NumpyRandomStateSnapshot {
  if (typeof state !== 'object' || state === null || Array.isArray(state)) {
    throw new Error(`${where}: state must be an object { key, pos, hasGauss, gauss }, got ${describeValue(state)}`);
  }
  const { key, pos } = expectMt19937State(state, where);
  const { hasGauss, gauss } = state as Record<string, unknown>;
  if (typeof hasGauss !== 'boolean') {
    throw new Error(`${where}: state.hasGauss must be a boolean, got ${describeValue(hasGauss)}`);
  }
  if (typeof gauss !== 'number' || !Number.isFinite(gauss)) {
    throw new Error(`${where}: state.gauss must be a finite number, got ${describeValue(gauss)}`);
  }
  return { key, pos, hasGauss, gauss };
}
