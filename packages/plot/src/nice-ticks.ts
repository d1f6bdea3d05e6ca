/**
 * The tick step of a linear axis: the smallest "nice" number, 1, 2 or 5 × 10^k, that is at least
 * `span / targetCount`, so an axis over `span` gets at most `targetCount + 1` ticks.
 *
 * @example niceStep(0.87, 5) // 0.2
 */
export function niceStep(span: number, targetCount = 5): number {
  if (!(span > 0) || !Number.isFinite(span))
    throw new RangeError(`niceStep: span must be a positive finite number, got ${span}`);
  if (!(targetCount >= 1)) throw new RangeError(`niceStep: targetCount must be at least 1, got ${targetCount}`);
  const raw = span / targetCount;
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const multiple of [1, 2, 5, 10]) {
    // The small tolerance keeps 0.2 (raw) from becoming 0.5 when log10 rounding makes 0.2 look like 0.2000000001.
    if (multiple * power >= raw * (1 - 1e-9)) return multiple * power;
  }
  return 10 * power;
}

/** The number of decimals that print every multiple of `step` (a 1, 2 or 5 × 10^k number) exactly. */
export function stepDecimals(step: number): number {
  return Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
}

/**
 * Ticks for a linear axis from `minimum` to `maximum`: every multiple of {@link niceStep} that lies in the range,
 * in increasing order, rounded so that 3 × 0.2 is 0.6 and not 0.6000000000000001.
 *
 * A range of zero width gives its single value; a range with a non-finite end or `minimum > maximum` gives no ticks.
 *
 * @example niceTicks(0, 0.87) // [0, 0.2, 0.4, 0.6, 0.8]
 * @example niceTicks(0, 999) // [0, 200, 400, 600, 800]
 */
export function niceTicks(minimum: number, maximum: number, targetCount = 5): number[] {
  if (!Number.isFinite(minimum) || !Number.isFinite(maximum) || minimum > maximum) return [];
  if (minimum === maximum) return [minimum];
  const step = niceStep(maximum - minimum, targetCount);
  const decimals = Math.min(100, stepDecimals(step));
  const first = Math.ceil(minimum / step - 1e-9);
  const last = Math.floor(maximum / step + 1e-9);
  const ticks: number[] = [];
  for (let multiple = first; multiple <= last; multiple++) {
    const tick = Number((multiple * step).toFixed(decimals));
    ticks.push(tick === 0 ? 0 : tick); // no −0
  }
  return ticks;
}
