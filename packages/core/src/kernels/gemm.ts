import type { FloatArray } from './matrix.js';
/** How a product combines with what `out` holds: overwrite; add term by term onto it; or add the finished sum to it. */
export enum Start {
  /** out_ij = Σ_p a_ip b_pj */
  Zero = 0,
  /** out_ij = ((out_ij + a_i0 b_0j) + a_i1 b_1j) + … */
  FromOut = 1,
  /** out_ij = out_ij + (Σ_p a_ip b_pj) */
  AddSum = 2,
}

/**
 * The matrix product shared by every transposition: out[i·n + j] (combined with its old value by `start`) gets
 * Σ_p A[i·ai + p·ap] · B[p·bp + j·bj] for p = 0 … k − 1, summed in that order for every element, so units with
 * identical inputs get bit-identical results. The m × n output is computed in 4 × 4 blocks held in local variables
 * (one load of A and of B feeds four multiply-adds each); edge rows and columns use the same sums one at a time.
 */
export function gemm(
  A: FloatArray,
  ai: number,
  ap: number,
  B: FloatArray,
  bp: number,
  bj: number,
  C: FloatArray,
  m: number,
  k: number,
  n: number,
  start: Start,
): void {
  const m4 = m - (m % 4);
  const n4 = n - (n % 4);
  for (let i = 0; i < m4; i += 4) {
    const r0 = i * ai,
      r1 = r0 + ai,
      r2 = r1 + ai,
      r3 = r2 + ai;
    for (let j = 0; j < n4; j += 4) {
      const q0 = j * bj,
        q1 = q0 + bj,
        q2 = q1 + bj,
        q3 = q2 + bj;
      const c0 = i * n + j,
        c1 = c0 + n,
        c2 = c1 + n,
        c3 = c2 + n;
      const fromOut = start === Start.FromOut;
      let s00 = fromOut ? C[c0] : 0,
        s01 = fromOut ? C[c0 + 1] : 0,
        s02 = fromOut ? C[c0 + 2] : 0,
        s03 = fromOut ? C[c0 + 3] : 0;
      let s10 = fromOut ? C[c1] : 0,
        s11 = fromOut ? C[c1 + 1] : 0,
        s12 = fromOut ? C[c1 + 2] : 0,
        s13 = fromOut ? C[c1 + 3] : 0;
      let s20 = fromOut ? C[c2] : 0,
        s21 = fromOut ? C[c2 + 1] : 0,
        s22 = fromOut ? C[c2 + 2] : 0,
        s23 = fromOut ? C[c2 + 3] : 0;
      let s30 = fromOut ? C[c3] : 0,
        s31 = fromOut ? C[c3 + 1] : 0,
        s32 = fromOut ? C[c3 + 2] : 0,
        s33 = fromOut ? C[c3 + 3] : 0;
      for (let p = 0, ao = 0, bo = 0; p < k; p++, ao += ap, bo += bp) {
        const b0 = B[bo + q0],
          b1 = B[bo + q1],
          b2 = B[bo + q2],
          b3 = B[bo + q3];
        const x0 = A[r0 + ao],
          x1 = A[r1 + ao],
          x2 = A[r2 + ao],
          x3 = A[r3 + ao];
        s00 += x0 * b0;
        s01 += x0 * b1;
        s02 += x0 * b2;
        s03 += x0 * b3;
        s10 += x1 * b0;
        s11 += x1 * b1;
        s12 += x1 * b2;
        s13 += x1 * b3;
        s20 += x2 * b0;
        s21 += x2 * b1;
        s22 += x2 * b2;
        s23 += x2 * b3;
        s30 += x3 * b0;
        s31 += x3 * b1;
        s32 += x3 * b2;
        s33 += x3 * b3;
      }
      store(C, c0, s00, s01, s02, s03, start);
      store(C, c1, s10, s11, s12, s13, start);
      store(C, c2, s20, s21, s22, s23, start);
      store(C, c3, s30, s31, s32, s33, start);
    }
    for (let r = i; r < i + 4; r++) for (let j = n4; j < n; j++) single(A, ai, ap, B, bp, bj, C, r, j, k, n, start);
  }
  for (let i = m4; i < m; i++) for (let j = 0; j < n; j++) single(A, ai, ap, B, bp, bj, C, i, j, k, n, start);
}

function store(C: FloatArray, c: number, s0: number, s1: number, s2: number, s3: number, start: Start): void {
  if (start === Start.AddSum) {
    C[c] += s0;
    C[c + 1] += s1;
    C[c + 2] += s2;
    C[c + 3] += s3;
  } else {
    C[c] = s0;
    C[c + 1] = s1;
    C[c + 2] = s2;
    C[c + 3] = s3;
  }
}

/** One output element, summed in the same order as the blocks. */
function single(
  A: FloatArray,
  ai: number,
  ap: number,
  B: FloatArray,
  bp: number,
  bj: number,
  C: FloatArray,
  i: number,
  j: number,
  k: number,
  n: number,
  start: Start,
): void {
  const c = i * n + j;
  let sum = start === Start.FromOut ? C[c] : 0;
  for (let p = 0; p < k; p++) sum += A[i * ai + p * ap] * B[p * bp + j * bj];
  C[c] = start === Start.AddSum ? C[c] + sum : sum;
}
