/**
 * The exponential moving average of a series, as drawn for the smoothed loss: with α = 2 / (window + 1) (the EMA
 * whose centre of mass matches a `window`-point moving average), s_t = (1 − α) s_{t−1} + α x_t from s = 0, divided
 * by 1 − (1 − α)^t to remove the bias towards the zero start (as Adam and TensorBoard do), so the first output is
 * x_0 itself and a constant series stays constant.
 *
 * It is a trailing average: it looks only backwards, so a falling loss is drawn slightly above the raw values (a lag
 * of about (window − 1) / 2 iterations). Non-finite values are skipped; their position gets the average so far
 * (NaN before the first finite value).
 *
 * @param window the span in samples, at least 1 (1 returns the series itself, non-finite values aside).
 */
export function exponentialMovingAverage(values: ArrayLike<number>, window: number): number[] {
  if (!(window >= 1) || !Number.isFinite(window)) {
    throw new RangeError(`exponentialMovingAverage: window must be a finite number of at least 1, got ${window}`);
  }
  const alpha = 2 / (window + 1);
  const result = new Array<number>(values.length);
  let average = 0;
  let remainingWeight = 1; // (1 − α)^t after t finite values
  let seen = false;
  for (let index = 0; index < values.length; index++) {
    const value = values[index];
    if (Number.isFinite(value)) {
      average = (1 - alpha) * average + alpha * value;
      remainingWeight *= 1 - alpha;
      seen = true;
    }
    result[index] = seen ? average / (1 - remainingWeight) : Number.NaN;
  }
  return result;
}
