/** A point kept by {@link downsampleMinMax}: its position in the input series and its value. */
export interface IndexedValue {
  readonly index: number;
  readonly value: number;
}

/**
 * Shrinks a long series for drawing without hiding its spikes: the indices are split into `bucketCount` equal
 * consecutive buckets (bucket b holds ⌊b·n/B⌋ … ⌊(b+1)·n/B⌋ − 1) and each bucket keeps its smallest and its
 * largest finite value, in index order (one point when they coincide). With one bucket per pixel column the drawn
 * line covers exactly the vertical extent of the full series in every column.
 *
 * Non-finite values (NaN, ±Infinity) are skipped. A series of at most `2 × bucketCount` values is returned whole
 * (its finite points), since downsampling would not make it smaller.
 *
 * @returns at most `2 × bucketCount` points, in increasing index order.
 */
export function downsampleMinMax(values: ArrayLike<number>, bucketCount: number): IndexedValue[] {
  if (!Number.isInteger(bucketCount) || bucketCount < 1) {
    throw new RangeError(`downsampleMinMax: bucketCount must be a positive integer, got ${bucketCount}`);
  }
  const length = values.length;
  const points: IndexedValue[] = [];
  if (length <= 2 * bucketCount) {
    for (let index = 0; index < length; index++) {
      const value = values[index];
      if (Number.isFinite(value)) points.push({ index, value });
    }
    return points;
  }
  for (let bucket = 0; bucket < bucketCount; bucket++) {
    const start = Math.floor((bucket * length) / bucketCount);
    const end = Math.floor(((bucket + 1) * length) / bucketCount);
    let minimumIndex = -1;
    let maximumIndex = -1;
    for (let index = start; index < end; index++) {
      const value = values[index];
      if (!Number.isFinite(value)) continue;
      if (minimumIndex < 0 || value < values[minimumIndex]) minimumIndex = index;
      if (maximumIndex < 0 || value > values[maximumIndex]) maximumIndex = index;
    }
    if (minimumIndex < 0) continue;
    const first = Math.min(minimumIndex, maximumIndex);
    const second = Math.max(minimumIndex, maximumIndex);
    points.push({ index: first, value: values[first] });
    if (second !== first) points.push({ index: second, value: values[second] });
  }
  return points;
}
