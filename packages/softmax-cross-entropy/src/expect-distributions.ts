import type { Matrix } from '@bpnet/core';

/** How far a target row's sum may stray from 1 (round-off in targets such as [0.1, 0.2, 0.7]). */
const SUM_TOLERANCE = 1e-9;

/**
 * Checks that every row of `target` is a probability distribution: t_nk ≥ 0 and |Σ_k t_nk − 1| ≤ 1e-9. The
 * softmax cross-entropy gradient (p − t)/N holds only for such rows (in general it is (p Σ_k t_nk − t)/N).
 * @param label - the loss, for the message, e.g. `'SoftmaxCrossEntropy(3)'`.
 * @throws Error naming the first bad row.
 */
export function expectDistributions(target: Matrix, label: string): void {
  const { rows, cols, data } = target;
  const expected = 'expected each row to be a probability distribution (values ≥ 0 summing to 1, e.g. one-hot)';
  for (let n = 0; n < rows; n++) {
    let sum = 0;
    for (let k = 0; k < cols; k++) {
      const value = data[n * cols + k];
      if (!(value >= 0)) throw new Error(`${label}: target row ${n}, column ${k} is ${value}; ${expected}`);
      sum += value;
    }
    if (!(Math.abs(sum - 1) <= SUM_TOLERANCE)) throw new Error(`${label}: target row ${n} sums to ${sum}; ${expected}`);
  }
}
