import type { FloatArray } from '../../kernels/matrix.js';

/** The mean and standard deviation an initializer's values are drawn with. */
export interface ExpectedMoments {
  readonly mean: number;
  /** 0 for an initializer that writes one value everywhere (zeros, constant). */
  readonly std: number;
}

/** How many standard errors the sample mean and the sample std may be from the expected ones. */
const MEAN_STANDARD_ERRORS = 5;
const STD_STANDARD_ERRORS = 6;

/**
 * Compares the sample moments of `values` (n of them) with `expected`, returning the first that is off:
 *
 * - std 0: every value must equal the mean.
 * - the sample mean x̄ must satisfy |x̄ − mean| ≤ 5 · std / √n (5 standard errors of the mean).
 * - the sample std s (with n − 1) must satisfy |s − std| ≤ 6 · std / √(2n): 6 standard errors of s for normal draws,
 *   whose s has standard error ≈ std / √(2n); uniform draws have a smaller one (≈ 0.45 · std / √n). Heavier tails
 *   than the normal's need more values for the same bound. On 200 × 150 values the bound is 2.4 % of std.
 */
export function compareMoments(values: FloatArray, expected: ExpectedMoments): string | undefined {
  const n = values.length;
  if (expected.std === 0) {
    const index = values.findIndex((value) => value !== expected.mean);
    return index < 0
      ? undefined
      : `element ${index} is ${values[index]}, expected every element to be ${expected.mean} (std 0)`;
  }
  if (n < 2) return `cannot estimate a std from ${n} value(s); give a larger shape`;
  let sum = 0;
  for (const value of values) sum += value;
  const mean = sum / n;
  let squares = 0;
  for (const value of values) squares += (value - mean) ** 2;
  const std = Math.sqrt(squares / (n - 1));
  const meanBound = (MEAN_STANDARD_ERRORS * expected.std) / Math.sqrt(n);
  if (!(Math.abs(mean - expected.mean) <= meanBound)) {
    return (
      `sample mean ${mean} of ${n} values is more than ${meanBound.toExponential(2)} ` +
      `(${MEAN_STANDARD_ERRORS} standard errors) from the expected ${expected.mean}`
    );
  }
  const stdBound = (STD_STANDARD_ERRORS * expected.std) / Math.sqrt(2 * n);
  if (!(Math.abs(std - expected.std) <= stdBound)) {
    return (
      `sample std ${std} of ${n} values is more than ${stdBound.toExponential(2)} ` +
      `(${STD_STANDARD_ERRORS} standard errors) from the expected ${expected.std}`
    );
  }
  return undefined;
}
