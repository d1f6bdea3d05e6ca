// @bpnet/wasm: bpnet's kernels over linear memory, in AssemblyScript with WebAssembly SIMD, for float64 (f64x2) and
// float32 (f32x4) matrices. Each kernel is generic over the element type; the exports are its two instances,
// suffixed `_f64` and `_f32`.
//
// Every pointer is a byte offset into the memory the host imports as `env.memory`; every size is a count of
// elements. Matrices are row-major. The host lays the operands out (16-byte aligned); this module allocates nothing.
import {
  addRowVector,
  axpy,
  copy,
  demote,
  dot,
  fill,
  logisticBackward,
  maxAbs,
  promote,
  scale,
  sumColumns,
} from './elementwise';
export { demote, promote };
import { logistic } from './logistic';
import { ACCUMULATE_FIRST, ACCUMULATE_LAST, gemm, OVERWRITE, packRows } from './products';

/** Where the host may start laying out operands (the end of this module's static data). */
export function heapBase(): usize {
  return __heap_base;
}

// The three products compute the output columns of panels `first` … `last − 1` (a panel is 4 float64 or 8 float32
// columns), so threads sharing one product each take a range of panels. `scratch` holds min(k, 256)·32 bytes per
// panel (k·32 for an accumulating matmulTransposeB, whose sum is not split over k): the panel-slice buffer of the
// thread whose range starts at that panel. `packedA` is 0, or where `packRows` put A's 4-row blocks. `row` is 0, or
// a 1×n row vector added to every finished output row (out = a · b + 1·row, as the dense layer's bias).

/** out (+)= a · b for a: m×k, b: k×n, out: m×n, on panels first … last − 1. */
// @ts-expect-error: decorator
@inline
function matmul<T>(
  a: usize,
  b: usize,
  out: usize,
  m: i32,
  k: i32,
  n: i32,
  accumulate: i32,
  scratch: usize,
  packedA: usize,
  first: i32,
  last: i32,
  row: usize,
): void {
  const e = sizeof<T>();
  gemm<T>(
    a,
    <usize>k * e,
    e,
    packedA,
    b,
    <usize>n * e,
    e,
    scratch,
    out,
    m,
    k,
    n,
    accumulate ? ACCUMULATE_FIRST : OVERWRITE,
    first,
    last,
    row,
  );
}

/** out (+)= aᵀ · b for a: k×m, b: k×n, out: m×n, on panels first … last − 1. */
// @ts-expect-error: decorator
@inline
function matmulTransposeA<T>(
  a: usize,
  b: usize,
  out: usize,
  k: i32,
  m: i32,
  n: i32,
  accumulate: i32,
  scratch: usize,
  packedA: usize,
  first: i32,
  last: i32,
  row: usize,
): void {
  const e = sizeof<T>();
  gemm<T>(
    a,
    e,
    <usize>m * e,
    packedA,
    b,
    <usize>n * e,
    e,
    scratch,
    out,
    m,
    k,
    n,
    accumulate ? ACCUMULATE_FIRST : OVERWRITE,
    first,
    last,
    row,
  );
}

/** out (+)= a · bᵀ for a: m×k, b: n×k, out: m×n, on panels first … last − 1. */
// @ts-expect-error: decorator
@inline
function matmulTransposeB<T>(
  a: usize,
  b: usize,
  out: usize,
  m: i32,
  k: i32,
  n: i32,
  accumulate: i32,
  scratch: usize,
  packedA: usize,
  first: i32,
  last: i32,
  row: usize,
): void {
  const e = sizeof<T>();
  gemm<T>(
    a,
    <usize>k * e,
    e,
    packedA,
    b,
    e,
    <usize>k * e,
    scratch,
    out,
    m,
    k,
    n,
    accumulate ? ACCUMULATE_LAST : OVERWRITE,
    first,
    last,
    row,
  );
}

export function matmul_f64(
  a: usize,
  b: usize,
  out: usize,
  m: i32,
  k: i32,
  n: i32,
  accumulate: i32,
  scratch: usize,
  packedA: usize,
  first: i32,
  last: i32,
  row: usize,
): void {
  matmul<f64>(a, b, out, m, k, n, accumulate, scratch, packedA, first, last, row);
}
export function matmul_f32(
  a: usize,
  b: usize,
  out: usize,
  m: i32,
  k: i32,
  n: i32,
  accumulate: i32,
  scratch: usize,
  packedA: usize,
  first: i32,
  last: i32,
  row: usize,
): void {
  matmul<f32>(a, b, out, m, k, n, accumulate, scratch, packedA, first, last, row);
}
export function matmulTransposeA_f64(
  a: usize,
  b: usize,
  out: usize,
  k: i32,
  m: i32,
  n: i32,
  accumulate: i32,
  scratch: usize,
  packedA: usize,
  first: i32,
  last: i32,
  row: usize,
): void {
  matmulTransposeA<f64>(a, b, out, k, m, n, accumulate, scratch, packedA, first, last, row);
}
export function matmulTransposeA_f32(
  a: usize,
  b: usize,
  out: usize,
  k: i32,
  m: i32,
  n: i32,
  accumulate: i32,
  scratch: usize,
  packedA: usize,
  first: i32,
  last: i32,
  row: usize,
): void {
  matmulTransposeA<f32>(a, b, out, k, m, n, accumulate, scratch, packedA, first, last, row);
}
export function matmulTransposeB_f64(
  a: usize,
  b: usize,
  out: usize,
  m: i32,
  k: i32,
  n: i32,
  accumulate: i32,
  scratch: usize,
  packedA: usize,
  first: i32,
  last: i32,
  row: usize,
): void {
  matmulTransposeB<f64>(a, b, out, m, k, n, accumulate, scratch, packedA, first, last, row);
}
export function matmulTransposeB_f32(
  a: usize,
  b: usize,
  out: usize,
  m: i32,
  k: i32,
  n: i32,
  accumulate: i32,
  scratch: usize,
  packedA: usize,
  first: i32,
  last: i32,
  row: usize,
): void {
  matmulTransposeB<f32>(a, b, out, m, k, n, accumulate, scratch, packedA, first, last, row);
}

export function packRows_f64(a: usize, rowStride: usize, colStride: usize, m: i32, k: i32, dst: usize): void {
  packRows<f64>(a, rowStride, colStride, m, k, dst);
}
export function packRows_f32(a: usize, rowStride: usize, colStride: usize, m: i32, k: i32, dst: usize): void {
  packRows<f32>(a, rowStride, colStride, m, k, dst);
}
export function addRowVector_f64(a: usize, row: usize, out: usize, m: i32, n: i32): void {
  addRowVector<f64>(a, row, out, m, n);
}
export function addRowVector_f32(a: usize, row: usize, out: usize, m: i32, n: i32): void {
  addRowVector<f32>(a, row, out, m, n);
}
export function sumColumns_f64(a: usize, out: usize, m: i32, n: i32, accumulate: i32): void {
  sumColumns<f64>(a, out, m, n, accumulate);
}
export function sumColumns_f32(a: usize, out: usize, m: i32, n: i32, accumulate: i32): void {
  sumColumns<f32>(a, out, m, n, accumulate);
}
export function scale_f64(alpha: f64, a: usize, out: usize, length: i32): void {
  scale<f64>(alpha, a, out, length);
}
export function scale_f32(alpha: f64, a: usize, out: usize, length: i32): void {
  scale<f32>(<f32>alpha, a, out, length);
}
export function axpy_f64(alpha: f64, x: usize, y: usize, length: i32): void {
  axpy<f64>(alpha, x, y, length);
}
export function axpy_f32(alpha: f64, x: usize, y: usize, length: i32): void {
  axpy<f32>(<f32>alpha, x, y, length);
}
export function dot_f64(a: usize, b: usize, length: i32): f64 {
  return dot<f64>(a, b, length);
}
export function dot_f32(a: usize, b: usize, length: i32): f64 {
  return dot<f32>(a, b, length);
}
export function maxAbs_f64(a: usize, length: i32): f64 {
  return maxAbs<f64>(a, length);
}
export function maxAbs_f32(a: usize, length: i32): f64 {
  return maxAbs<f32>(a, length);
}
export function copy_f64(a: usize, out: usize, length: i32): void {
  copy<f64>(a, out, length);
}
export function copy_f32(a: usize, out: usize, length: i32): void {
  copy<f32>(a, out, length);
}
export function fill_f64(a: usize, length: i32, value: f64): void {
  fill<f64>(a, length, value);
}
export function fill_f32(a: usize, length: i32, value: f64): void {
  fill<f32>(a, length, <f32>value);
}
export function logistic_f64(x: usize, out: usize, length: i32): void {
  logistic<f64>(x, out, length);
}
export function logistic_f32(x: usize, out: usize, length: i32): void {
  logistic<f32>(x, out, length);
}
export function logisticBackward_f64(s: usize, y: usize, out: usize, length: i32): void {
  logisticBackward<f64>(s, y, out, length);
}
export function logisticBackward_f32(s: usize, y: usize, out: usize, length: i32): void {
  logisticBackward<f32>(s, y, out, length);
}
