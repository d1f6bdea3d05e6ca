/** The eight block characters of a sparkline, from lowest to highest. */
export const SPARKLINE_BLOCKS = '▁▂▃▄▅▆▇█';

/**
 * A one-line picture of a series for a terminal, e.g. `█▆▄▃▂▂▁▁▁▁` for a falling loss.
 *
 * The values are split into `width` consecutive buckets of (nearly) equal size, ⌊b·n/width⌋ … ⌊(b+1)·n/width⌋ − 1,
 * and each bucket is drawn as the mean of its values; a series no longer than `width` gets one character per value.
 * The means are scaled linearly from the smallest (`▁`) to the largest (`█`) in eight levels. A constant series is
 * drawn as a row of the middle block `▄` (means within 10^−12 of each other, relatively, count as constant). A bucket
 * holding any NaN or ±Infinity is drawn as a space, so a divergence shows as a gap instead of disappearing into an
 * average. An empty series gives `''`.
 *
 * @param width the most characters to print, a positive integer (default 40).
 */
export function sparkline(values: ArrayLike<number>, width = 40): string {
  if (!Number.isInteger(width) || width < 1)
    throw new RangeError(`sparkline: width must be a positive integer, got ${width}`);
  const length = values.length;
  const bucketCount = Math.min(width, length);
  const means = new Array<number>(bucketCount);
  for (let bucket = 0; bucket < bucketCount; bucket++) {
    const start = Math.floor((bucket * length) / bucketCount);
    const end = Math.floor(((bucket + 1) * length) / bucketCount);
    const count = end - start;
    let mean = 0; // summed as value / count so that huge finite values cannot overflow
    for (let index = start; index < end; index++) {
      const value = values[index];
      mean = Number.isFinite(value) ? mean + value / count : Number.NaN;
    }
    means[bucket] = mean;
  }
  let minimum = Infinity;
  let maximum = -Infinity;
  for (const mean of means) {
    if (Number.isNaN(mean)) continue;
    minimum = Math.min(minimum, mean);
    maximum = Math.max(maximum, mean);
  }
  // Means of equal values can differ in the last bit (0.1 summed as thirds or halves); that is still constant.
  const constant = !(maximum - minimum > 1e-12 * Math.max(Math.abs(minimum), Math.abs(maximum)));
  const top = SPARKLINE_BLOCKS.length - 1;
  let line = '';
  for (const mean of means) {
    if (!Number.isFinite(mean)) line += ' ';
    else if (constant) line += SPARKLINE_BLOCKS[3];
    else
      line += SPARKLINE_BLOCKS[Math.min(top, Math.max(0, Math.round(((mean - minimum) / (maximum - minimum)) * top)))];
  }
  return line;
}
