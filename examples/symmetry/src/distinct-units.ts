import type { Matrix } from '@bpnet/core';

/**
 * The number of effectively distinct hidden units of a dense layer: distinct columns of its weights W
 * (inputs × units), column j being the incoming weights of unit j. Columns are compared exactly.
 */
export function countDistinctUnits(weights: Matrix): number {
  const columns = new Set<string>();
  for (let j = 0; j < weights.cols; j++) {
    const column: number[] = [];
    for (let i = 0; i < weights.rows; i++) column.push(weights.get(i, j));
    columns.add(column.join(','));
  }
  return columns.size;
}
