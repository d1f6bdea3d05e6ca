import type { FloatArray } from '../kernels/matrix.js';
/**
 * When an analytic gradient element a agrees with its numerical estimate n:
 * |a − n| ≤ absolute + relative · max(|a|, |n|).
 */
export interface Tolerances {
  /** Default 1e-6. */
  readonly relativeTolerance: number;
  /** Default 1e-9. */
  readonly absoluteTolerance: number;
}

/** The element that agrees worst. */
export interface WorstElement {
  readonly index: number;
  readonly analytic: number;
  readonly numeric: number;
}

/** How an analytic gradient compares with its numerical estimate. */
export interface GradientComparison {
  /** What was differentiated with respect to, e.g. `'input'`, `'weights'`, `'layers[0].bias'`. */
  readonly name: string;
  readonly passed: boolean;
  /** max |a − n|. */
  readonly maxAbsoluteError: number;
  /** max |a − n| / max(|a|, |n|) over elements larger than the absolute tolerance. */
  readonly maxRelativeError: number;
  /** The element with the largest error relative to its tolerance (undefined when there are no elements). */
  readonly worst: WorstElement | undefined;
}

/** Compares an analytic gradient with a numerical one element by element. */
export function compareGradients(
  name: string,
  analytic: FloatArray,
  numeric: FloatArray,
  tolerances: Partial<Tolerances> = {},
): GradientComparison {
  if (analytic.length !== numeric.length) {
    throw new Error(
      `compareGradients(${name}): the analytic gradient has ` +
        `${analytic.length} values and the numerical one ${numeric.length}`,
    );
  }
  const relative = tolerances.relativeTolerance ?? 1e-6;
  const absolute = tolerances.absoluteTolerance ?? 1e-9;
  let maxAbsoluteError = 0;
  let maxRelativeError = 0;
  let worstScore = -1;
  let worst: WorstElement | undefined;
  for (let index = 0; index < analytic.length; index++) {
    const a = analytic[index];
    const n = numeric[index];
    const error = Math.abs(a - n);
    const magnitude = Math.max(Math.abs(a), Math.abs(n));
    const score = Number.isNaN(error) ? Infinity : error / (absolute + relative * magnitude);
    maxAbsoluteError = Math.max(maxAbsoluteError, error);
    if (magnitude > absolute) maxRelativeError = Math.max(maxRelativeError, error / magnitude);
    if (score > worstScore) {
      worstScore = score;
      worst = { index, analytic: a, numeric: n };
    }
  }
  return { name, passed: worstScore <= 1, maxAbsoluteError, maxRelativeError, worst };
}

/**
 * What went wrong in a failed comparison, in words: the worst element with both values and the largest relative
 * error; when both values are NaN or infinite, that the objective itself is not finite there (so no gradient can be
 * checked) rather than a meaningless "NaN vs NaN".
 */
export function describeFailure(comparison: GradientComparison): string {
  const { worst, maxRelativeError } = comparison;
  if (worst === undefined) return 'failed';
  const { index, analytic, numeric } = worst;
  if (!Number.isFinite(analytic) && !Number.isFinite(numeric)) {
    return (
      `element ${index}: analytic ${analytic} and numeric ${numeric} are both non-finite, so nothing was compared; ` +
      'the layer computes NaN or infinite values for this input and these parameters ' +
      '(an overflow, 0/0, or a log or square root of a negative number?)'
    );
  }
  if (!Number.isFinite(numeric)) {
    return (
      `element ${index}: analytic ${analytic} vs numeric ${numeric}: the output is ` +
      `not finite near this point (the central differences overflowed)`
    );
  }
  if (!Number.isFinite(analytic))
    return `element ${index}: analytic ${analytic} vs numeric ${numeric}: backward produced a non-finite gradient`;
  return (
    `element ${index} analytic ${analytic} vs numeric ${numeric} (max ` +
    `relative error ${maxRelativeError.toExponential(2)})`
  );
}

/**
 * Throws when any comparison failed, naming it, its worst element and the numbers.
 * @param subject - what was checked, e.g. `'dense'`.
 */
export function assertGradientsMatch(subject: string, comparisons: readonly GradientComparison[]): void {
  const failed = comparisons.filter((comparison) => !comparison.passed);
  if (failed.length === 0) return;
  const lines = failed.map((comparison) => `  ${comparison.name}: ${describeFailure(comparison)}`);
  throw new Error(`${subject}: analytic gradients disagree with central differences\n${lines.join('\n')}`);
}
