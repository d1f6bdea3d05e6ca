// @bpnet/wasm: float64 kernels over linear memory, in AssemblyScript with WebAssembly SIMD (f64x2).
//
// Every pointer is a byte offset into the memory the host imports as `env.memory`; every size is a count of
// elements. Matrices are row-major float64. The host lays the operands out (16-byte aligned) and copies them in and
// out; this module allocates nothing.
//
// Summation order. Each output element of a matrix product is computed by the same sequence of operations, whatever
// its row or column: start from 0 (or from the old value of `out` when accumulating), then add a[i,p]·b[p,j] for
// p = 0, 1, …, k−1 in that order, one rounding for the product and one for the sum (there is no fused multiply-add in
// WebAssembly's baseline SIMD). That is the order of core's JsKernels, so the results are the same bits, and units
// that receive identical inputs stay bit-identical. Column blocks narrower than 4 (the last one when n % 4 ≠ 0) run
// through the same vector code on a zero-padded panel and only their valid lanes are stored; rows left over after
// the 4-row blocks run through a one-row kernel that performs the same per-element operations.

/** Columns per packed panel of the right-hand operand: two f64x2 vectors. */
const PANEL_WIDTH: i32 = 4;

/**
 * Terms of k summed per pass over the output (a k-block): a 4-row slice of A and a panel slice then fit in L1 together.
 * A later pass starts each element from the partial sum the earlier one stored, which is the same sequence of
 * roundings as one long pass.
 */
const DEPTH_BLOCK: i32 = 256;

/** Where the host may start laying out operands (the end of this module's static data). */
export function heapBase(): usize {
  return __heap_base;
}

/** How a product treats the old contents of `out`. */
const OVERWRITE: i32 = 0; // out = Σ
const ACCUMULATE_FIRST: i32 = 1; // out = ((out + t₀) + t₁) + …, as JsKernels.matmul and matmulTransposeA accumulate
const ACCUMULATE_LAST: i32 = 2; // out = out + (((0 + t₀) + t₁) + …), as JsKernels.matmulTransposeB accumulates

/**
 * Copies rows p0 … p0 + kb − 1 of the 4-column panel starting at column j0 of the k×n right-hand operand B (element
 * (p, j) at `b + p·rowStride + j·colStride`, strides in bytes) to `dst` as kb rows of 4 doubles, zero-padded past
 * column n. The product packs each panel slice just before its row blocks use it, so the slice is read from L1.
 */
function packPanelSlice(b: usize, rowStride: usize, colStride: usize, p0: i32, kb: i32, j0: i32, width: i32, dst: usize): void {
  let src = b + <usize>p0 * rowStride + <usize>j0 * colStride;
  let d = dst;
  if (width == PANEL_WIDTH && colStride == 8) {
    for (let p = 0; p < kb; p++) {
      v128.store(d, v128.load(src));
      v128.store(d, v128.load(src, 16), 16);
      src += rowStride;
      d += 32;
    }
  } else {
    for (let p = 0; p < kb; p++) {
      for (let jj = 0; jj < PANEL_WIDTH; jj++) {
        store<f64>(d + (<usize>jj << 3), jj < width ? load<f64>(src + <usize>jj * colStride) : 0.0);
      }
      src += rowStride;
      d += 32;
    }
  }
}

/** Lanes 0–1 of a row block of `out` with `width` valid columns (the rest read as 0). */
// @ts-ignore: decorator
@inline
function loadLow(c: usize, width: i32): v128 {
  if (width >= 2) return v128.load(c);
  return f64x2.replace_lane(f64x2.splat(0), 0, load<f64>(c));
}

/** Lanes 2–3 of a row block of `out` with `width` valid columns (the rest read as 0). */
// @ts-ignore: decorator
@inline
function loadHigh(c: usize, width: i32): v128 {
  if (width == 4) return v128.load(c, 16);
  if (width == 3) return f64x2.replace_lane(f64x2.splat(0), 0, load<f64>(c, 16));
  return f64x2.splat(0);
}

/** Stores the valid lanes of one row block (`low`: columns 0–1, `high`: 2–3), adding the old values in ACCUMULATE_LAST. */
// @ts-ignore: decorator
@inline
function storeRow(c: usize, low: v128, high: v128, width: i32, mode: i32): void {
  let lo = low;
  let hi = high;
  if (mode == ACCUMULATE_LAST) {
    lo = f64x2.add(loadLow(c, width), lo);
    hi = f64x2.add(loadHigh(c, width), hi);
  }
  if (width == 4) {
    v128.store(c, lo);
    v128.store(c, hi, 16);
  } else {
    store<f64>(c, f64x2.extract_lane(lo, 0));
    if (width >= 2) store<f64>(c, f64x2.extract_lane(lo, 1), 8);
    if (width >= 3) store<f64>(c, f64x2.extract_lane(hi, 0), 16);
  }
}

/**
 * The 4×4 register block: out[i..i+3, j..j+3] from four rows of A (row r at `a + r·rowStride`, consecutive p at
 * `colStride` bytes) and one packed panel; eight f64x2 accumulators.
 */
// @ts-ignore: decorator
@inline
function block4x4(a: usize, rowStride: usize, colStride: usize, panel: usize, k: i32, c: usize, ldc: usize, width: i32, mode: i32): void {
  let c00 = f64x2.splat(0), c01 = f64x2.splat(0);
  let c10 = f64x2.splat(0), c11 = f64x2.splat(0);
  let c20 = f64x2.splat(0), c21 = f64x2.splat(0);
  let c30 = f64x2.splat(0), c31 = f64x2.splat(0);
  if (mode == ACCUMULATE_FIRST) {
    c00 = loadLow(c, width); c01 = loadHigh(c, width);
    c10 = loadLow(c + ldc, width); c11 = loadHigh(c + ldc, width);
    c20 = loadLow(c + 2 * ldc, width); c21 = loadHigh(c + 2 * ldc, width);
    c30 = loadLow(c + 3 * ldc, width); c31 = loadHigh(c + 3 * ldc, width);
  }
  let a0 = a;
  let a1 = a + rowStride;
  let a2 = a + 2 * rowStride;
  let a3 = a + 3 * rowStride;
  let pb = panel;
  for (let p = 0; p < k; p++) {
    const b0 = v128.load(pb);
    const b1 = v128.load(pb, 16);
    let x = v128.load64_splat(a0);
    c00 = f64x2.add(c00, f64x2.mul(x, b0));
    c01 = f64x2.add(c01, f64x2.mul(x, b1));
    x = v128.load64_splat(a1);
    c10 = f64x2.add(c10, f64x2.mul(x, b0));
    c11 = f64x2.add(c11, f64x2.mul(x, b1));
    x = v128.load64_splat(a2);
    c20 = f64x2.add(c20, f64x2.mul(x, b0));
    c21 = f64x2.add(c21, f64x2.mul(x, b1));
    x = v128.load64_splat(a3);
    c30 = f64x2.add(c30, f64x2.mul(x, b0));
    c31 = f64x2.add(c31, f64x2.mul(x, b1));
    a0 += colStride;
    a1 += colStride;
    a2 += colStride;
    a3 += colStride;
    pb += 32;
  }
  storeRow(c, c00, c01, width, mode);
  storeRow(c + ldc, c10, c11, width, mode);
  storeRow(c + 2 * ldc, c20, c21, width, mode);
  storeRow(c + 3 * ldc, c30, c31, width, mode);
}

/** One row of out[i, j..j+3]: the same per-element operations as {@link block4x4}, for the rows left over. */
// @ts-ignore: decorator
@inline
function block1x4(a: usize, colStride: usize, panel: usize, k: i32, c: usize, width: i32, mode: i32): void {
  let c0 = f64x2.splat(0), c1 = f64x2.splat(0);
  if (mode == ACCUMULATE_FIRST) {
    c0 = loadLow(c, width);
    c1 = loadHigh(c, width);
  }
  let a0 = a;
  let pb = panel;
  for (let p = 0; p < k; p++) {
    const x = v128.load64_splat(a0);
    c0 = f64x2.add(c0, f64x2.mul(x, v128.load(pb)));
    c1 = f64x2.add(c1, f64x2.mul(x, v128.load(pb, 16)));
    a0 += colStride;
    pb += 32;
  }
  storeRow(c, c0, c1, width, mode);
}

/**
 * Columns 4·first … 4·last − 1 (at most n) of out (m×n) from A (element (i, p) at `a + i·rowStride + p·colStride`)
 * and the packed panels of B (k×n). Panel-outer, row-block-inner: one panel (4·k doubles) stays in cache while every
 * row block passes over it.
 */
function gemm(
  a: usize, rowStride: usize, colStride: usize, packedA: usize,
  b: usize, bRowStride: usize, bColStride: usize, scratch: usize,
  c: usize, m: i32, k: i32, n: i32, mode: i32, first: i32, last: i32,
): void {
  const ldc = <usize>n << 3;
  const end = min(n, last * PANEL_WIDTH);
  // ACCUMULATE_LAST adds the finished sum to out, so its sums are not split over k.
  const depth = mode == ACCUMULATE_LAST ? k : DEPTH_BLOCK;
  // Each thread has its own slice buffer: threads take disjoint panel ranges, so `first` tells them apart.
  const panel = scratch + <usize>first * (<usize>min(depth, k) << 5);
  let p0 = 0;
  do {
    const kb = min(depth, k - p0);
    const blockMode = p0 == 0 ? mode : ACCUMULATE_FIRST;
    const ap = a + <usize>p0 * colStride;
    for (let j0 = first * PANEL_WIDTH; j0 < end; j0 += PANEL_WIDTH) {
      const width = min(PANEL_WIDTH, n - j0);
      packPanelSlice(b, bRowStride, bColStride, p0, kb, j0, width, panel);
      const cj = c + (<usize>j0 << 3);
      let i = 0;
      if (packedA != 0) {
        const blockBytes = <usize>k << 5;
        for (; i + 4 <= m; i += 4) {
          block4x4(packedA + <usize>(i >> 2) * blockBytes + (<usize>p0 << 5), 8, 32, panel, kb, cj + <usize>i * ldc, ldc, width, blockMode);
        }
      } else {
        for (; i + 4 <= m; i += 4) {
          block4x4(ap + <usize>i * rowStride, rowStride, colStride, panel, kb, cj + <usize>i * ldc, ldc, width, blockMode);
        }
      }
      for (; i < m; i++) {
        block1x4(ap + <usize>i * rowStride, colStride, panel, kb, cj + <usize>i * ldc, width, blockMode);
      }
    }
    p0 += depth;
  } while (p0 < k);
}

/**
 * Copies the ⌊m/4⌋ full 4-row blocks of A (element (i, p) at `a + i·rowStride + p·colStride`) to `dst`, block r as
 * k groups of 4 doubles (A[4r, p], A[4r+1, p], A[4r+2, p], A[4r+3, p]) at `dst + r·k·32`, so the product reads A
 * contiguously whatever its layout. Done once per product, before the threads share its panels.
 */
export function packRows(a: usize, rowStride: usize, colStride: usize, m: i32, k: i32, dst: usize): void {
  let d = dst;
  for (let i = 0; i + 4 <= m; i += 4) {
    const a0 = a + <usize>i * rowStride;
    for (let p = 0; p < k; p++) {
      const ap = a0 + <usize>p * colStride;
      store<f64>(d, load<f64>(ap));
      store<f64>(d, load<f64>(ap + rowStride), 8);
      store<f64>(d, load<f64>(ap + 2 * rowStride), 16);
      store<f64>(d, load<f64>(ap + 3 * rowStride), 24);
      d += 32;
    }
  }
}

// The three products compute the output columns of panels `first` … `last − 1` (4 columns each; ⌈n/4⌉ in all), so
// threads sharing one product each take a range of panels. `scratch` holds 4·min(k, 256)·⌈n/4⌉ doubles (a
// panel-slice buffer per thread). `packedA` is 0, or where `packRows` put A's 4-row blocks.

/** out (+)= a · b for a: m×k, b: k×n, out: m×n, on panels first … last − 1. */
export function matmul(a: usize, b: usize, out: usize, m: i32, k: i32, n: i32, accumulate: i32, scratch: usize, packedA: usize, first: i32, last: i32): void {
  gemm(a, <usize>k << 3, 8, packedA, b, <usize>n << 3, 8, scratch, out, m, k, n, accumulate ? ACCUMULATE_FIRST : OVERWRITE, first, last);
}

/** out (+)= aᵀ · b for a: k×m, b: k×n, out: m×n, on panels first … last − 1. */
export function matmulTransposeA(a: usize, b: usize, out: usize, k: i32, m: i32, n: i32, accumulate: i32, scratch: usize, packedA: usize, first: i32, last: i32): void {
  gemm(a, 8, <usize>m << 3, packedA, b, <usize>n << 3, 8, scratch, out, m, k, n, accumulate ? ACCUMULATE_FIRST : OVERWRITE, first, last);
}

/** out (+)= a · bᵀ for a: m×k, b: n×k, out: m×n, on panels first … last − 1. */
export function matmulTransposeB(a: usize, b: usize, out: usize, m: i32, k: i32, n: i32, accumulate: i32, scratch: usize, packedA: usize, first: i32, last: i32): void {
  gemm(a, <usize>k << 3, 8, packedA, b, 8, <usize>k << 3, scratch, out, m, k, n, accumulate ? ACCUMULATE_LAST : OVERWRITE, first, last);
}

/** out = a + 1·row for a, out: m×n and row: 1×n (`out` may be `a`). */
export function addRowVector(a: usize, row: usize, out: usize, m: i32, n: i32): void {
  const rowBytes = <usize>n << 3;
  const pairs = <usize>(n & ~1) << 3;
  for (let i = 0; i < m; i++) {
    const ai = a + <usize>i * rowBytes;
    const ci = out + <usize>i * rowBytes;
    let j: usize = 0;
    for (; j < pairs; j += 16) v128.store(ci + j, f64x2.add(v128.load(ai + j), v128.load(row + j)));
    if (j < rowBytes) store<f64>(ci + j, load<f64>(ai + j) + load<f64>(row + j));
  }
}

/** out (+)= 1ᵀ · a: the column sums of the m×n `a`, added row after row (out: 1×n). */
export function sumColumns(a: usize, out: usize, m: i32, n: i32, accumulate: i32): void {
  const rowBytes = <usize>n << 3;
  const pairs = <usize>(n & ~1) << 3;
  if (!accumulate) memory.fill(out, 0, rowBytes);
  for (let i = 0; i < m; i++) {
    const ai = a + <usize>i * rowBytes;
    let j: usize = 0;
    for (; j < pairs; j += 16) v128.store(out + j, f64x2.add(v128.load(out + j), v128.load(ai + j)));
    if (j < rowBytes) store<f64>(out + j, load<f64>(out + j) + load<f64>(ai + j));
  }
}

/** out = alpha · a, over `length` doubles (`out` may be `a`). */
export function scale(alpha: f64, a: usize, out: usize, length: i32): void {
  const bytes = <usize>length << 3;
  const pairs = <usize>(length & ~1) << 3;
  const s = f64x2.splat(alpha);
  let i: usize = 0;
  for (; i < pairs; i += 16) v128.store(out + i, f64x2.mul(s, v128.load(a + i)));
  if (i < bytes) store<f64>(out + i, alpha * load<f64>(a + i));
}

/** y += alpha · x, over `length` doubles. */
export function axpy(alpha: f64, x: usize, y: usize, length: i32): void {
  const bytes = <usize>length << 3;
  const pairs = <usize>(length & ~1) << 3;
  const s = f64x2.splat(alpha);
  let i: usize = 0;
  for (; i < pairs; i += 16) v128.store(y + i, f64x2.add(v128.load(y + i), f64x2.mul(s, v128.load(x + i))));
  if (i < bytes) store<f64>(y + i, load<f64>(y + i) + alpha * load<f64>(x + i));
}

/**
 * Σ a_i · b_i over `length` doubles, summed in index order as JsKernels.dot sums (the products are formed two at a
 * time; the additions stay sequential, so the result is the same bits).
 */
export function dot(a: usize, b: usize, length: i32): f64 {
  const bytes = <usize>length << 3;
  const pairs = <usize>(length & ~1) << 3;
  let sum: f64 = 0;
  let i: usize = 0;
  for (; i < pairs; i += 16) {
    const product = f64x2.mul(v128.load(a + i), v128.load(b + i));
    sum += f64x2.extract_lane(product, 0);
    sum += f64x2.extract_lane(product, 1);
  }
  if (i < bytes) sum += load<f64>(a + i) * load<f64>(b + i);
  return sum;
}

/**
 * max_i |a_i| over `length` doubles: NaN when any element is NaN, 0 for none. The running maximum uses the
 * pseudo-maximum (one `maxpd` on x86) and NaNs are caught by a separate x ≠ x mask, which is much cheaper than
 * f64x2.max's NaN-propagating semantics.
 */
export function maxAbs(a: usize, length: i32): f64 {
  const bytes = <usize>length << 3;
  const quads = <usize>(length & ~3) << 3;
  let largest0 = f64x2.splat(0), largest1 = f64x2.splat(0);
  let nan = i64x2.splat(0);
  let i: usize = 0;
  for (; i < quads; i += 32) {
    const x0 = f64x2.abs(v128.load(a + i));
    const x1 = f64x2.abs(v128.load(a + i, 16));
    largest0 = f64x2.pmax(largest0, x0);
    largest1 = f64x2.pmax(largest1, x1);
    nan = v128.or(nan, v128.or(f64x2.ne(x0, x0), f64x2.ne(x1, x1)));
  }
  if (v128.any_true(nan)) return NaN;
  const largest = f64x2.pmax(largest0, largest1);
  let result = max<f64>(f64x2.extract_lane(largest, 0), f64x2.extract_lane(largest, 1));
  for (; i < bytes; i += 8) {
    const x = abs<f64>(load<f64>(a + i));
    if (x != x) return NaN;
    if (x > result) result = x;
  }
  return result;
}

/** a_i = value for `length` doubles. */
export function fill(a: usize, length: i32, value: f64): void {
  const bytes = <usize>length << 3;
  const pairs = <usize>(length & ~1) << 3;
  const v = f64x2.splat(value);
  let i: usize = 0;
  for (; i < pairs; i += 16) v128.store(a + i, v);
  if (i < bytes) store<f64>(a + i, value);
}

// ---- The logistic function f(x) = 1 / (1 + e^−x) and its backward pass ------------------------------------------

const LOG2E: f64 = 1.4426950408889634;
const LN2_HI: f64 = 0.6931471803691238; // ln 2 to 32 bits: k·LN2_HI is exact for |k| < 2^20
const LN2_LO: f64 = 1.9082149292705877e-10; // ln 2 − LN2_HI
/** e^t is 0 in float64 below about −745; clamping here keeps 2^k within two normal halves. */
const EXP_FLOOR: f64 = -1400.0;
/** 2^52 + 2^51 + 1023 (see powerOfTwo). */
const POWER_OF_TWO_MAGIC: f64 = 6755399441056767.0;

/**
 * 2^n for integral n in [−1022, 1023], given `magic` = 2^52 + 2^51 + 1023: adding it leaves n + 1023 in the low
 * mantissa bits, and shifting those 52 places up makes them the exponent field.
 */
// @ts-ignore: decorator
@inline
function powerOfTwo(n: v128, magic: v128): v128 {
  return i64x2.shl(f64x2.add(n, magic), 52);
}

/**
 * f(x) = 1 / (1 + e^−x) on two lanes, as core's `sigmoid` computes it: 1 / (1 + e) for x ≥ 0, else e / (1 + e),
 * with e = e^t and t = −|x|. For e^t: t = k·ln 2 + r with k = round(t / ln 2) and |r| ≤ ln 2 / 2 (Cody–Waite
 * reduction in two parts), e^r by its Taylor series to r^13 (truncation below 10^−17 relative, summed by Estrin's scheme), then scaled by
 * 2^k as 2^⌈k/2⌉ · 2^(k − ⌈k/2⌉) so that subnormal results round correctly; t is clamped below at −1400 (where e^t
 * is long 0). A NaN x gives NaN (its k is NaN, and so is its power of two). Within a few ulp of `Math.exp`.
 *
 * The constants come in as arguments made at run time by the caller: a `v128.const` inside the loop costs several
 * instructions per use on x64, while these stay in registers. c[n] is 1/n!.
 */
// @ts-ignore: decorator
@inline
function logistic2(
  x: v128, one: v128, zero: v128, floor: v128, magic: v128, log2e: v128, ln2Hi: v128, ln2Lo: v128, half: v128,
  c3: v128, c4: v128, c5: v128, c6: v128, c7: v128, c8: v128, c9: v128, c10: v128, c11: v128, c12: v128, c13: v128,
): v128 {
  const t = f64x2.pmax(f64x2.neg(f64x2.abs(x)), floor); // pmax(a, b) = a < b ? b : a, so a NaN stays NaN
  const k = f64x2.nearest(f64x2.mul(t, log2e));
  const r = f64x2.sub(f64x2.sub(t, f64x2.mul(k, ln2Hi)), f64x2.mul(k, ln2Lo));
  // Σ r^n / n! for n ≤ 13 by Estrin's scheme: pairs, then pairs of pairs, … (a shallow dependency chain).
  const r2 = f64x2.mul(r, r);
  const r4 = f64x2.mul(r2, r2);
  const r8 = f64x2.mul(r4, r4);
  const q0 = f64x2.add(one, r), q1 = f64x2.add(half, f64x2.mul(c3, r)), q2 = f64x2.add(c4, f64x2.mul(c5, r));
  const q3 = f64x2.add(c6, f64x2.mul(c7, r)), q4 = f64x2.add(c8, f64x2.mul(c9, r)), q5 = f64x2.add(c10, f64x2.mul(c11, r));
  const q6 = f64x2.add(c12, f64x2.mul(c13, r));
  const s0 = f64x2.add(q0, f64x2.mul(q1, r2)), s1 = f64x2.add(q2, f64x2.mul(q3, r2)), s2 = f64x2.add(q4, f64x2.mul(q5, r2));
  const p = f64x2.add(f64x2.add(s0, f64x2.mul(s1, r4)), f64x2.mul(f64x2.add(s2, f64x2.mul(q6, r4)), r8));
  const halfK = f64x2.ceil(f64x2.mul(k, half));
  const e = f64x2.mul(f64x2.mul(p, powerOfTwo(halfK, magic)), powerOfTwo(f64x2.sub(k, halfK), magic));
  const numerator = v128.bitselect(one, e, f64x2.ge(x, zero));
  return f64x2.div(numerator, f64x2.add(one, e));
}

/** out_i = 1 / (1 + e^−x_i) over `length` doubles (`out` may be `x`). */
export function logistic(x: usize, out: usize, length: i32): void {
  const unit = <f64>length * 0.0 + 1.0; // 1, but not a compile-time constant (see logistic2)
  const one = f64x2.splat(unit), zero = f64x2.splat(unit - 1.0), floor = f64x2.splat(unit * EXP_FLOOR);
  const log2e = f64x2.splat(unit * LOG2E), ln2Hi = f64x2.splat(unit * LN2_HI), ln2Lo = f64x2.splat(unit * LN2_LO);
  const half = f64x2.splat(unit * 0.5), magic = f64x2.splat(unit * POWER_OF_TWO_MAGIC);
  const c3 = f64x2.splat(unit / 6.0), c4 = f64x2.splat(unit / 24.0), c5 = f64x2.splat(unit / 120.0);
  const c6 = f64x2.splat(unit / 720.0), c7 = f64x2.splat(unit / 5040.0), c8 = f64x2.splat(unit / 40320.0);
  const c9 = f64x2.splat(unit / 362880.0), c10 = f64x2.splat(unit / 3628800.0), c11 = f64x2.splat(unit / 39916800.0);
  const c12 = f64x2.splat(unit / 479001600.0), c13 = f64x2.splat(unit / 6227020800.0);
  const bytes = <usize>length << 3;
  const pairs = <usize>(length & ~1) << 3;
  let i: usize = 0;
  for (; i < pairs; i += 16) {
    v128.store(out + i, logistic2(v128.load(x + i), one, zero, floor, magic, log2e, ln2Hi, ln2Lo, half, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13));
  }
  if (i < bytes) {
    const y = logistic2(v128.load64_splat(x + i), one, zero, floor, magic, log2e, ln2Hi, ln2Lo, half, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13);
    store<f64>(out + i, f64x2.extract_lane(y, 0));
  }
}

/** out_i = (s_i · y_i) · (1 − y_i): the sensitivity through the logistic function from its output y. */
export function logisticBackward(s: usize, y: usize, out: usize, length: i32): void {
  const bytes = <usize>length << 3;
  const pairs = <usize>(length & ~1) << 3;
  const one = f64x2.splat(1.0);
  let i: usize = 0;
  for (; i < pairs; i += 16) {
    const yi = v128.load(y + i);
    v128.store(out + i, f64x2.mul(f64x2.mul(v128.load(s + i), yi), f64x2.sub(one, yi)));
  }
  if (i < bytes) {
    const yi = load<f64>(y + i);
    store<f64>(out + i, load<f64>(s + i) * yi * (1.0 - yi));
  }
}
