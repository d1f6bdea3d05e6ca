import { describeValue } from './describe-value.js';
import { quoted } from './brief.js';

/**
 * Checks that `value` is a positive integer.
 * @param what - the name and place of the value, e.g. `'dense at layers[0]: units'`.
 * @throws Error `"<what> must be a positive integer, got <value>"`.
 */
export function expectPositiveInteger(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw new Error(`${what} must be a positive integer, got ${describeValue(value)}`);
  }
  return value;
}

/**
 * Checks that `value` is a finite number.
 * @throws Error `"<what> must be a finite number, got <value>"`.
 */
export function expectFiniteNumber(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new Error(`${what} must be a finite number, got ${describeValue(value)}`);
  }
  return value;
}

/**
 * Checks that `value` is a plain object (not null, not an array).
 * @throws Error `"<what> must be an object, got <value>"`.
 */
export function expectObject(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`${what} must be an object, got ${describeValue(value)}`);
  }
  return value as Record<string, unknown>;
}

/**
 * Checks that a config names only known options, so a misspelt option fails instead of being ignored.
 * @param where - e.g. `'dense at layers[0]'`.
 * @throws Error naming the unknown option (cut and escaped when it is not an ordinary name, see `quoted`) and
 *   listing the allowed ones.
 */
export function expectKnownOptions(config: object, allowed: readonly string[], where: string): void {
  for (const key of Object.keys(config)) {
    if (key !== 'kind' && !allowed.includes(key)) {
      const expected = allowed.length === 0 ? 'it takes no options' : `expected one of: ${allowed.join(', ')}`;
      throw new Error(`${where}: unknown option ${quoted(key)}; ${expected}`);
    }
  }
}
