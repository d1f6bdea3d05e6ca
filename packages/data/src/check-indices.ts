import { describeValue } from '@bpnet/core/plugin';

/**
 * Checks row indices against a count of rows: an array (or Int32Array) of integers in [0, count).
 * @throws Error `"<where>: index 3 is number 150; expected an integer in 0..149 (<what>)"`.
 */
export function checkIndices(
  indices: readonly number[] | Int32Array,
  count: number,
  what: string,
  where: string,
): void {
  if (!Array.isArray(indices) && !(indices instanceof Int32Array)) {
    throw new Error(`${where}: indices must be an array or Int32Array of integers, got ${describeValue(indices)}`);
  }
  for (let i = 0; i < indices.length; i++) {
    const index = indices[i];
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= count) {
      const expected =
        count === 0 ? `no index (there are no ${what})` : `an integer in 0..${count - 1} (there are ${count} ${what})`;
      throw new Error(`${where}: index ${i} is ${describeValue(index)}; expected ${expected}`);
    }
  }
}
