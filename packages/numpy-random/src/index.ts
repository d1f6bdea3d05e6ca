/**
 * @bpnet/numpy-random: a random source that reproduces numpy's legacy `RandomState` (MT19937) stream bit for bit,
 * and the container module that installs it.
 * @module @bpnet/numpy-random
 * @packageDocumentation
 */
export { Mt19937 } from './mt19937.js';
export { type Mt19937State, MT19937_STATE_LENGTH } from './mt19937-state.js';
export { NumpyRandomState } from './numpy-random-state.js';
export type { NumpyRandomStateSnapshot } from './numpy-random-state-snapshot.js';
export { randomInterval } from './random-interval.js';
export { expectNumpySeed, MAX_NUMPY_SEED } from './numpy-seed.js';
export { numpyRandomModule } from './numpy-random-module.js';
export { glibcLog } from './glibc-log.js';
export { fusedMultiplyAdd } from './fused-multiply-add.js';
