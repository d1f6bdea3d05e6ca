import type { Matrix } from '@bpnet/core';

/**
 * The row-wise negative log-softmax of `logits` (N × C) into `out` (N × C), computed stably through log-sum-exp:
 * with m_n = max_k z_nk,
 *
 *   −log p_nk = log Σ_j e^(z_nj − m_n) − (z_nk − m_n),   p_n = softmax(z_n).
 *
 * Every exponent is ≤ 0, so nothing overflows, and every result is finite for finite logits even where p_nk
 * underflows to 0 (logits of ±1000 give exact values). The sum holds the term e^0 = 1 of the first largest logit,
 * so it is taken as log1p of the other terms, which stays exact when one logit dominates.
 *
 * A plain loop: the kernels have element-wise maps and whole-matrix reductions, but no row-wise max or sum.
 */
export function negativeLogSoftmax(logits: Matrix, out: Matrix): Matrix {
  const { rows, cols, data } = logits;
  for (let n = 0; n < rows; n++) {
    const start = n * cols;
    let argmax = start;
    for (let i = start + 1; i < start + cols; i++) if (data[i] > data[argmax]) argmax = i;
    const max = data[argmax];
    let others = 0;
    for (let i = start; i < start + cols; i++) if (i !== argmax) others += Math.exp(data[i] - max);
    const logSumExp = Math.log1p(others);
    for (let i = start; i < start + cols; i++) out.data[i] = logSumExp - (data[i] - max);
  }
  return out;
}
