// Element-wise kernels and reductions, generic over the element type T (f64 or f32). Each runs whole vectors, then
// the elements left over one at a time with the same per-element operations.
import { lanes } from './lanes';

/** out = a + 1·row for a, out: m×n and row: 1×n (`out` may be `a`). */
export function addRowVector<T>(a: usize, row: usize, out: usize, m: i32, n: i32): void {
  const rowBytes = <usize>n * sizeof<T>();
  const whole = <usize>(n - n % lanes<T>()) * sizeof<T>();
  for (let i = 0; i < m; i++) {
    const ai = a + <usize>i * rowBytes;
    const ci = out + <usize>i * rowBytes;
    let j: usize = 0;
    for (; j < whole; j += 16) v128.store(ci + j, v128.add<T>(v128.load(ai + j), v128.load(row + j)));
    for (; j < rowBytes; j += sizeof<T>()) store<T>(ci + j, load<T>(ai + j) + load<T>(row + j));
  }
}

/** out (+)= 1ᵀ · a: the column sums of the m×n `a`, added row after row (out: 1×n). */
export function sumColumns<T>(a: usize, out: usize, m: i32, n: i32, accumulate: i32): void {
  const rowBytes = <usize>n * sizeof<T>();
  const whole = <usize>(n - n % lanes<T>()) * sizeof<T>();
  if (!accumulate) memory.fill(out, 0, rowBytes);
  for (let i = 0; i < m; i++) {
    const ai = a + <usize>i * rowBytes;
    let j: usize = 0;
    for (; j < whole; j += 16) v128.store(out + j, v128.add<T>(v128.load(out + j), v128.load(ai + j)));
    for (; j < rowBytes; j += sizeof<T>()) store<T>(out + j, load<T>(out + j) + load<T>(ai + j));
  }
}

/** out = alpha · a over `length` elements (`out` may be `a`). */
export function scale<T>(alpha: T, a: usize, out: usize, length: i32): void {
  const bytes = <usize>length * sizeof<T>();
  const whole = <usize>(length - length % lanes<T>()) * sizeof<T>();
  const s = v128.splat<T>(alpha);
  let i: usize = 0;
  for (; i < whole; i += 16) v128.store(out + i, v128.mul<T>(s, v128.load(a + i)));
  for (; i < bytes; i += sizeof<T>()) store<T>(out + i, alpha * load<T>(a + i));
}

/** y += alpha · x over `length` elements. */
export function axpy<T>(alpha: T, x: usize, y: usize, length: i32): void {
  const bytes = <usize>length * sizeof<T>();
  const whole = <usize>(length - length % lanes<T>()) * sizeof<T>();
  const s = v128.splat<T>(alpha);
  let i: usize = 0;
  for (; i < whole; i += 16) v128.store(y + i, v128.add<T>(v128.load(y + i), v128.mul<T>(s, v128.load(x + i))));
  for (; i < bytes; i += sizeof<T>()) store<T>(y + i, load<T>(y + i) + alpha * load<T>(x + i));
}

/**
 * Σ a_i · b_i over `length` elements, one product and one addition at a time in index order, as JsKernels.dot sums
 * (so in float64 the result is the same bits). Float32 products are summed in float64.
 */
export function dot<T>(a: usize, b: usize, length: i32): f64 {
  const bytes = <usize>length * sizeof<T>();
  let sum: f64 = 0;
  for (let i: usize = 0; i < bytes; i += sizeof<T>()) sum += <f64>(load<T>(a + i) * load<T>(b + i));
  return sum;
}

/**
 * max_i |a_i| over `length` elements: NaN when any element is NaN, 0 for none. The running maximum uses the
 * pseudo-maximum (one `maxpd`/`maxps` on x86) and NaNs are caught by a separate x ≠ x mask, which is much cheaper
 * than the NaN-propagating `max`.
 */
export function maxAbs<T>(a: usize, length: i32): f64 {
  const bytes = <usize>length * sizeof<T>();
  const step = 2 * lanes<T>();
  const whole = <usize>(length - length % step) * sizeof<T>();
  let largest0 = v128.splat<T>(<T>0), largest1 = v128.splat<T>(<T>0);
  let nan = i64x2.splat(0);
  let i: usize = 0;
  for (; i < whole; i += 32) {
    const x0 = v128.abs<T>(v128.load(a + i));
    const x1 = v128.abs<T>(v128.load(a + i, 16));
    largest0 = v128.pmax<T>(largest0, x0);
    largest1 = v128.pmax<T>(largest1, x1);
    nan = v128.or(nan, v128.or(v128.ne<T>(x0, x0), v128.ne<T>(x1, x1)));
  }
  if (v128.any_true(nan)) return NaN;
  const largest = v128.pmax<T>(largest0, largest1);
  let result = max<f64>(<f64>v128.extract_lane<T>(largest, 0), <f64>v128.extract_lane<T>(largest, 1));
  if (sizeof<T>() == 4) {
    result = max<f64>(result, max<f64>(<f64>v128.extract_lane<T>(largest, 2), <f64>v128.extract_lane<T>(largest, 3)));
  }
  for (; i < bytes; i += sizeof<T>()) {
    const x = <f64>abs<T>(load<T>(a + i));
    if (x != x) return NaN;
    if (x > result) result = x;
  }
  return result;
}

/** a_i = value for `length` elements. */
export function fill<T>(a: usize, length: i32, value: T): void {
  const bytes = <usize>length * sizeof<T>();
  const whole = <usize>(length - length % lanes<T>()) * sizeof<T>();
  const v = v128.splat<T>(value);
  let i: usize = 0;
  for (; i < whole; i += 16) v128.store(a + i, v);
  for (; i < bytes; i += sizeof<T>()) store<T>(a + i, value);
}

/** out_i = (s_i · y_i) · (1 − y_i): the sensitivity through the logistic function, from its output y. */
export function logisticBackward<T>(s: usize, y: usize, out: usize, length: i32): void {
  const bytes = <usize>length * sizeof<T>();
  const whole = <usize>(length - length % lanes<T>()) * sizeof<T>();
  const one = v128.splat<T>(<T>1);
  let i: usize = 0;
  for (; i < whole; i += 16) {
    const yi = v128.load(y + i);
    v128.store(out + i, v128.mul<T>(v128.mul<T>(v128.load(s + i), yi), v128.sub<T>(one, yi)));
  }
  for (; i < bytes; i += sizeof<T>()) {
    const yi = load<T>(y + i);
    store<T>(out + i, load<T>(s + i) * yi * (<T>1 - yi));
  }
}

/**
 * dst_i = float32(src_i) for `length` float64 elements at `src` (dst may be src: the float32 results never overtake
 * the reads).
 */
export function demote(src: usize, dst: usize, length: i32): void {
  const pairs = <usize>(length & ~1);
  let i: usize = 0;
  for (; i < pairs; i += 2) v128.store64_lane(dst + (i << 2), f32x4.demote_f64x2_zero(v128.load(src + (i << 3))), 0);
  if (i < <usize>length) store<f32>(dst + (i << 2), <f32>load<f64>(src + (i << 3)));
}

/**
 * dst_i = float64(src_i) for `length` float32 elements at `src`. Runs from the last element down, so dst may be src
 * (each float64 result lands at or beyond the float32 elements still to be read).
 */
export function promote(src: usize, dst: usize, length: i32): void {
  let i = <usize>length;
  if (i & 1) {
    i--;
    store<f64>(dst + (i << 3), <f64>load<f32>(src + (i << 2)));
  }
  while (i > 0) {
    i -= 2;
    v128.store(dst + (i << 3), f64x2.promote_low_f32x4(v128.load64_zero(src + (i << 2))));
  }
}

/** out_i = a_i for `length` elements (regions may overlap). */
export function copy<T>(a: usize, out: usize, length: i32): void {
  memory.copy(out, a, <usize>length * sizeof<T>());
}
