import { describeValue } from '@bpnet/core/plugin';

/** The rate a dropout layer drops with when its spec gives none. */
export const DEFAULT_DROPOUT_RATE = 0.5;

/**
 * Checks a dropout rate: a number in [0, 1) (0 keeps every unit; 1 would drop them all and divide by 0).
 * `undefined` gives {@link DEFAULT_DROPOUT_RATE}.
 * @param what - the name and place of the value, e.g. `'dropout at layers[2]: rate'`.
 * @throws Error `"<what> must be in [0, 1), got <value>"`.
 */
export function expectDropoutRate(value: unknown, what: string): number {
  if (value === undefined) return DEFAULT_DROPOUT_RATE;
  if (typeof value !== 'number' || !(value >= 0 && value < 1)) {
    throw new Error(
      `${what} must be in [0, 1), got ${typeof value === 'number' ? String(value) : describeValue(value)}`,
    );
  }
  return value;
}
