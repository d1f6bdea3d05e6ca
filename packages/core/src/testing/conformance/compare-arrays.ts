import type { FloatArray } from '../../kernels/matrix.js';
/**
 * The first index where a and b differ in bits (NaN equals NaN, 0 differs from −0), as a message; undefined if none.
 */
export function firstBitDifference(what: string, a: FloatArray, b: FloatArray): string | undefined {
  if (a.length !== b.length) return `${what}: ${a.length} values vs ${b.length}`;
  for (let i = 0; i < a.length; i++) {
    if (!Object.is(a[i], b[i])) return `${what}: element ${i} is ${a[i]} vs ${b[i]}`;
  }
  return undefined;
}

/**
 * The worst element where |a − b| > tolerance · max(|a|, |b|, 1e-300), as a message naming both values;
 * undefined when all agree. Non-finite values must match exactly (NaN matches NaN): the first that does not is
 * reported at once, as is a difference in length.
 */
export function worstRelativeDifference(
  what: string,
  a: FloatArray,
  b: FloatArray,
  tolerance: number,
): string | undefined {
  if (a.length !== b.length) return `${what}: ${a.length} values vs ${b.length}`;
  let worst = -1;
  let worstRatio = 0;
  for (let i = 0; i < a.length; i++) {
    if (!Number.isFinite(a[i]) || !Number.isFinite(b[i])) {
      if (!Object.is(a[i], b[i])) return `${what}: element ${i} is ${a[i]} vs ${b[i]}`;
      continue;
    }
    const scale = Math.max(Math.abs(a[i]), Math.abs(b[i]), 1e-300);
    const ratio = Math.abs(a[i] - b[i]) / scale;
    if (ratio > worstRatio) {
      worstRatio = ratio;
      worst = i;
    }
  }
  if (worst < 0 || worstRatio <= tolerance) return undefined;
  return (
    `${what}: element ${worst} is ${a[worst]} vs ${b[worst]} (relative ` +
    `difference ${worstRatio.toExponential(2)}, tolerance ${tolerance})`
  );
}
