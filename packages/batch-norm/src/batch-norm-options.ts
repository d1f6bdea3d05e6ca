import { describeValue } from '@bpnet/core/plugin';

/** The momentum of the running statistics when the spec gives none. */
export const DEFAULT_MOMENTUM = 0.9;

/** The ε added to the variance when the spec gives none. */
export const DEFAULT_EPSILON = 1e-5;

/**
 * Checks the momentum of running statistics (running ← momentum · running + (1 − momentum) · batch statistic): a
 * number in [0, 1). `undefined` gives {@link DEFAULT_MOMENTUM}.
 * @param what - e.g. `'batch-norm at layers[1]: momentum'`.
 * @throws Error `"<what> must be in [0, 1), got <value>"`.
 */
export function expectMomentum(value: unknown, what: string): number {
  if (value === undefined) return DEFAULT_MOMENTUM;
  if (typeof value !== 'number' || !(value >= 0 && value < 1))
    throw new Error(`${what} must be in [0, 1), got ${describe(value)}`);
  return value;
}

/**
 * Checks the ε of √(σ² + ε): a finite number > 0 (it keeps the division finite when a feature is constant over a
 * batch). `undefined` gives {@link DEFAULT_EPSILON}.
 * @param what - e.g. `'batch-norm at layers[1]: epsilon'`.
 * @throws Error `"<what> must be a finite number > 0, got <value>"`.
 */
export function expectEpsilon(value: unknown, what: string): number {
  if (value === undefined) return DEFAULT_EPSILON;
  if (typeof value !== 'number' || !(value > 0 && value < Number.POSITIVE_INFINITY)) {
    throw new Error(`${what} must be a finite number > 0, got ${describe(value)}`);
  }
  return value;
}

/** A number as it is written (`1`, `NaN`), anything else as `describeValue` says it. */
function describe(value: unknown): string {
  return typeof value === 'number' ? String(value) : describeValue(value);
}
