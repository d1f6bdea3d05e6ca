import { describeValue } from '../validation/describe-value.js';
import type { RandomSource } from './random-source.js';

/** The methods every {@link RandomSource} has. */
const REQUIRED = ['uniform', 'normal', 'integer', 'shuffle', 'sample'] as const;
/** The methods a {@link RandomSource} may have (a checkpointed run needs both). */
const OPTIONAL = ['saveState', 'loadState'] as const;

/**
 * Checks that `value` is a {@link RandomSource}: an object whose `uniform`, `normal`, `integer`, `shuffle` and
 * `sample` are functions, and whose `saveState` and `loadState`, when present, are functions too.
 * @param what - the name and place of the value, e.g. `'train: random'`.
 * @throws Error `"<what> must be a RandomSource (…), got <value>"` or
 *   `"<what>.<method> must be a function, got <value>"`.
 */
export function expectRandomSource(value: unknown, what: string): RandomSource {
  if (typeof value !== 'object' || value === null) {
    throw new Error(
      `${what} must be a RandomSource (an object with methods ${REQUIRED.join(', ')}), got ${describeValue(value)}`,
    );
  }
  const source = value as Record<string, unknown>;
  for (const method of REQUIRED) {
    if (typeof source[method] !== 'function')
      throw new Error(`${what}.${method} must be a function, got ${describeValue(source[method])}`);
  }
  for (const method of OPTIONAL) {
    if (source[method] !== undefined && typeof source[method] !== 'function') {
      throw new Error(`${what}.${method} must be a function when given, got ${describeValue(source[method])}`);
    }
  }
  return value as RandomSource;
}
