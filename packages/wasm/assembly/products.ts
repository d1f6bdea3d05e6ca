// Matrix products over packed panels, generic over the element type T (f64 or f32).
//
// Summation order. Each output element is computed by the same sequence of operations, whatever its row or column:
// start from 0 (or from the old value of `out` when accumulating), then add a[i,p]·b[p,j] for p = 0, 1, …, k−1 in
// that order, one rounding for the product and one for the sum (there is no fused multiply-add in WebAssembly's
// baseline SIMD). In float64 that is the order of core's JsKernels, so the results are the same bits, and units that
// receive identical inputs stay bit-identical. Column blocks narrower than a panel (the last one) run through the
// same vector code on a zero-padded panel and only their valid lanes are stored; rows left over after the 4-row
// blocks run through a one-row kernel that performs the same per-element operations.
import { lanes, loadLanes, storeLanes } from './lanes';

/**
 * Terms of k summed per pass over the output (a k-block): a 4-row slice of A and a panel slice then fit in L1
 * together. A later pass starts each element from the partial sum the earlier one stored, which is the same
 * sequence of roundings as one long pass.
 */
const DEPTH_BLOCK: i32 = 256;

/** How a product treats the old contents of `out`. */
// out = Σ
export const OVERWRITE: i32 = 0;
// out = ((out + t₀) + t₁) + …, as JsKernels.matmul and matmulTransposeA accumulate
export const ACCUMULATE_FIRST: i32 = 1;
// out = out + (((0 + t₀) + t₁) + …), as JsKernels.matmulTransposeB accumulates
export const ACCUMULATE_LAST: i32 = 2;

/** Columns per panel of the right-hand operand: two vectors (4 in float64, 8 in float32). */
// @ts-expect-error: decorator
@inline
export function panelWidth<T>(): i32 {
  return 2 * lanes<T>();
}

/**
 * Copies rows p0 … p0 + kb − 1 of the panel starting at column j0 of the k×n right-hand operand B (element (p, j)
 * at `b + p·rowStride + j·colStride`, strides in bytes) to `dst` as kb rows of 32 bytes, zero-padded past column
 * j0 + width. The product packs each panel slice just before its row blocks use it, so the slice is read from L1.
 */
function packPanelSlice<T>(
  b: usize,
  rowStride: usize,
  colStride: usize,
  p0: i32,
  kb: i32,
  j0: i32,
  width: i32,
  dst: usize,
): void {
  let src = b + <usize>p0 * rowStride + <usize>j0 * colStride;
  let d = dst;
  if (width == panelWidth<T>() && colStride == sizeof<T>()) {
    for (let p = 0; p < kb; p++) {
      v128.store(d, v128.load(src));
      v128.store(d, v128.load(src, 16), 16);
      src += rowStride;
      d += 32;
    }
  } else {
    for (let p = 0; p < kb; p++) {
      for (let jj = 0; jj < panelWidth<T>(); jj++) {
        store<T>(d + <usize>jj * sizeof<T>(), jj < width ? load<T>(src + <usize>jj * colStride) : <T>0);
      }
      src += rowStride;
      d += 32;
    }
  }
}

/**
 * Stores one row of a block (`low`, `high`: its two vectors) with `width` valid columns, adding the old values in
 * ACCUMULATE_LAST, and then the row vector at `row` when that is not 0 (the finished sum plus a bias, as
 * addRowVector adds it).
 */
// @ts-expect-error: decorator
@inline
function storeRow<T>(c: usize, low: v128, high: v128, width: i32, mode: i32, row: usize): void {
  const L = lanes<T>();
  let lo = low;
  let hi = high;
  if (mode == ACCUMULATE_LAST) {
    lo = v128.add<T>(loadLanes<T>(c, width), lo);
    hi = v128.add<T>(loadLanes<T>(c + 16, width - L), hi);
  }
  if (row != 0) {
    lo = v128.add<T>(lo, loadLanes<T>(row, width));
    hi = v128.add<T>(hi, loadLanes<T>(row + 16, width - L));
  }
  storeLanes<T>(c, lo, width);
  storeLanes<T>(c + 16, hi, width - L);
}

/**
 * The 4-row register block: out[i..i+3, j..j+width−1] from four rows of A (row r at `a + r·rowStride`, consecutive
 * p at `colStride` bytes) and one packed panel slice; eight vector accumulators.
 */
// @ts-expect-error: decorator
@inline
function block4<T>(
  a: usize,
  rowStride: usize,
  colStride: usize,
  panel: usize,
  k: i32,
  c: usize,
  ldc: usize,
  width: i32,
  mode: i32,
  row: usize,
): void {
  const L = lanes<T>();
  let c00 = v128.splat<T>(<T>0), c01 = v128.splat<T>(<T>0);
  let c10 = v128.splat<T>(<T>0), c11 = v128.splat<T>(<T>0);
  let c20 = v128.splat<T>(<T>0), c21 = v128.splat<T>(<T>0);
  let c30 = v128.splat<T>(<T>0), c31 = v128.splat<T>(<T>0);
  if (mode == ACCUMULATE_FIRST) {
    c00 = loadLanes<T>(c, width); c01 = loadLanes<T>(c + 16, width - L);
    c10 = loadLanes<T>(c + ldc, width); c11 = loadLanes<T>(c + ldc + 16, width - L);
    c20 = loadLanes<T>(c + 2 * ldc, width); c21 = loadLanes<T>(c + 2 * ldc + 16, width - L);
    c30 = loadLanes<T>(c + 3 * ldc, width); c31 = loadLanes<T>(c + 3 * ldc + 16, width - L);
  }
  let a0 = a;
  let a1 = a + rowStride;
  let a2 = a + 2 * rowStride;
  let a3 = a + 3 * rowStride;
  let pb = panel;
  for (let p = 0; p < k; p++) {
    const b0 = v128.load(pb);
    const b1 = v128.load(pb, 16);
    let x = v128.load_splat<T>(a0);
    c00 = v128.add<T>(c00, v128.mul<T>(x, b0));
    c01 = v128.add<T>(c01, v128.mul<T>(x, b1));
    x = v128.load_splat<T>(a1);
    c10 = v128.add<T>(c10, v128.mul<T>(x, b0));
    c11 = v128.add<T>(c11, v128.mul<T>(x, b1));
    x = v128.load_splat<T>(a2);
    c20 = v128.add<T>(c20, v128.mul<T>(x, b0));
    c21 = v128.add<T>(c21, v128.mul<T>(x, b1));
    x = v128.load_splat<T>(a3);
    c30 = v128.add<T>(c30, v128.mul<T>(x, b0));
    c31 = v128.add<T>(c31, v128.mul<T>(x, b1));
    a0 += colStride;
    a1 += colStride;
    a2 += colStride;
    a3 += colStride;
    pb += 32;
  }
  storeRow<T>(c, c00, c01, width, mode, row);
  storeRow<T>(c + ldc, c10, c11, width, mode, row);
  storeRow<T>(c + 2 * ldc, c20, c21, width, mode, row);
  storeRow<T>(c + 3 * ldc, c30, c31, width, mode, row);
}

/** One row of out[i, j..j+width−1]: the same per-element operations as {@link block4}, for the rows left over. */
// @ts-expect-error: decorator
@inline
function block1<T>(
  a: usize,
  colStride: usize,
  panel: usize,
  k: i32,
  c: usize,
  width: i32,
  mode: i32,
  row: usize,
): void {
  const L = lanes<T>();
  let c0 = v128.splat<T>(<T>0), c1 = v128.splat<T>(<T>0);
  if (mode == ACCUMULATE_FIRST) {
    c0 = loadLanes<T>(c, width);
    c1 = loadLanes<T>(c + 16, width - L);
  }
  let a0 = a;
  let pb = panel;
  for (let p = 0; p < k; p++) {
    const x = v128.load_splat<T>(a0);
    c0 = v128.add<T>(c0, v128.mul<T>(x, v128.load(pb)));
    c1 = v128.add<T>(c1, v128.mul<T>(x, v128.load(pb, 16)));
    a0 += colStride;
    pb += 32;
  }
  storeRow<T>(c, c0, c1, width, mode, row);
}

/**
 * The output columns of panels `first` … `last − 1` (at most n) of out (m×n, `mode` as above) from A (element
 * (i, p) at `a + i·rowStride + p·colStride`, or its 4-row blocks at `packedA` when that is not 0) and B (element
 * (p, j) at `b + p·bRowStride + j·bColStride`), plus the 1×n row vector at `row` added to every finished row when
 * that is not 0. Per k-block, panel-outer and row-block-inner: a panel slice is packed into `scratch` and stays in
 * L1 while every row block passes over it.
 */
export function gemm<T>(
  a: usize, rowStride: usize, colStride: usize, packedA: usize,
  b: usize, bRowStride: usize, bColStride: usize, scratch: usize,
  c: usize, m: i32, k: i32, n: i32, mode: i32, first: i32, last: i32, row: usize,
): void {
  const width = panelWidth<T>();
  const ldc = <usize>n * sizeof<T>();
  const end = min(n, last * width);
  // ACCUMULATE_LAST adds the finished sum to out, so its sums are not split over k.
  const depth = mode == ACCUMULATE_LAST ? k : DEPTH_BLOCK;
  // Each thread has its own slice buffer: threads take disjoint panel ranges, so `first` tells them apart.
  const panel = scratch + <usize>first * (<usize>min(depth, k) << 5);
  const blockBytes = <usize>k * 4 * sizeof<T>();
  let p0 = 0;
  do {
    const kb = min(depth, k - p0);
    const blockMode = p0 == 0 ? mode : ACCUMULATE_FIRST;
    const lastBlock = p0 + kb == k;
    const ap = a + <usize>p0 * colStride;
    for (let j0 = first * width; j0 < end; j0 += width) {
      const valid = min(width, n - j0);
      packPanelSlice<T>(b, bRowStride, bColStride, p0, kb, j0, valid, panel);
      const cj = c + <usize>j0 * sizeof<T>();
      // The row is added once, to the finished sum
      const rowj = row != 0 && lastBlock ? row + <usize>j0 * sizeof<T>() : 0;
      let i = 0;
      if (packedA != 0) {
        for (; i + 4 <= m; i += 4) {
          const block = packedA + <usize>(i >> 2) * blockBytes + <usize>p0 * 4 * sizeof<T>();
          block4<T>(block, sizeof<T>(), 4 * sizeof<T>(), panel, kb, cj + <usize>i * ldc, ldc, valid, blockMode, rowj);
        }
      } else {
        for (; i + 4 <= m; i += 4) {
          block4<T>(
            ap + <usize>i * rowStride,
            rowStride,
            colStride,
            panel,
            kb,
            cj + <usize>i * ldc,
            ldc,
            valid,
            blockMode,
            rowj,
          );
        }
      }
      for (; i < m; i++) {
        block1<T>(ap + <usize>i * rowStride, colStride, panel, kb, cj + <usize>i * ldc, valid, blockMode, rowj);
      }
    }
    p0 += depth;
  } while (p0 < k);
}

/**
 * Copies the ⌊m/4⌋ full 4-row blocks of A (element (i, p) at `a + i·rowStride + p·colStride`) to `dst`, block r as
 * k groups of 4 elements (A[4r, p], A[4r+1, p], A[4r+2, p], A[4r+3, p]) at `dst + r·k·4·sizeof<T>`, so the product
 * reads A contiguously whatever its layout. Done once per product, before the threads share its panels. A stored
 * transposed (rowStride = one element) is copied group by group; A stored by rows (colStride = one element) is read a
 * vector per row and transposed in registers; any other layout is copied element by element.
 */
export function packRows<T>(a: usize, rowStride: usize, colStride: usize, m: i32, k: i32, dst: usize): void {
  const e = sizeof<T>();
  let d = dst;
  for (let i = 0; i + 4 <= m; i += 4) {
    const a0 = a + <usize>i * rowStride;
    let p = 0;
    if (rowStride == e) {
      // The 4·e bytes of each group are adjacent in A.
      for (; p < k; p++) {
        const ap = a0 + <usize>p * colStride;
        v128.store(d, v128.load(ap));
        if (e == 8) v128.store(d, v128.load(ap, 16), 16);
        d += 4 * e;
      }
    } else if (colStride == e) {
      d = packRowMajorBlock<T>(a0, rowStride, k, d);
      p = k - k % lanes<T>();
    }
    for (; p < k; p++) {
      const ap = a0 + <usize>p * colStride;
      store<T>(d, load<T>(ap));
      store<T>(d + e, load<T>(ap + rowStride));
      store<T>(d + 2 * e, load<T>(ap + 2 * rowStride));
      store<T>(d + 3 * e, load<T>(ap + 3 * rowStride));
      d += 4 * e;
    }
  }
}

/**
 * The groups of {@link packRows} for the first k − k mod L columns of four rows stored by rows (row r at
 * `a0 + r·rowStride`, L = lanes of T): each step loads one vector of L columns from every row and writes the L
 * groups they make (a 4×4 transpose in float32, two 2×2 ones in float64). Returns where the next group goes.
 */
// @ts-expect-error: decorator
@inline
function packRowMajorBlock<T>(a0: usize, rowStride: usize, k: i32, dst: usize): usize {
  const L = lanes<T>();
  let d = dst;
  for (let p = 0; p + L <= k; p += L) {
    const ap = a0 + <usize>p * sizeof<T>();
    const r0 = v128.load(ap), r1 = v128.load(ap + rowStride);
    const r2 = v128.load(ap + 2 * rowStride), r3 = v128.load(ap + 3 * rowStride);
    if (sizeof<T>() == 8) {
      v128.store(d, v128.shuffle<f64>(r0, r1, 0, 2));
      v128.store(d, v128.shuffle<f64>(r2, r3, 0, 2), 16);
      v128.store(d, v128.shuffle<f64>(r0, r1, 1, 3), 32);
      v128.store(d, v128.shuffle<f64>(r2, r3, 1, 3), 48);
    } else {
      const t0 = v128.shuffle<f32>(r0, r1, 0, 4, 1, 5), t1 = v128.shuffle<f32>(r0, r1, 2, 6, 3, 7);
      const t2 = v128.shuffle<f32>(r2, r3, 0, 4, 1, 5), t3 = v128.shuffle<f32>(r2, r3, 2, 6, 3, 7);
      v128.store(d, v128.shuffle<f32>(t0, t2, 0, 1, 4, 5));
      v128.store(d, v128.shuffle<f32>(t0, t2, 2, 3, 6, 7), 16);
      v128.store(d, v128.shuffle<f32>(t1, t3, 0, 1, 4, 5), 32);
      v128.store(d, v128.shuffle<f32>(t1, t3, 2, 3, 6, 7), 48);
    }
    d += 64;
  }
  return d;
}
