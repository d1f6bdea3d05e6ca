// The logistic function f(x) = 1 / (1 + e^−x) in SIMD: two float64 lanes per step for f64 elements, four float32
// lanes for f32 elements (the same method, with float32 constants and a shorter polynomial).

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

const LOG2E_F32: f32 = 1.44269502;
const LN2_HI_F32: f32 = 0.693145751953125; // ln 2 to 15 bits: k·LN2_HI_F32 is exact for |k| < 2^9
const LN2_LO_F32: f32 = 1.42860677e-6; // ln 2 − LN2_HI_F32
/** e^t is 0 in float32 below about −104; clamping here keeps 2^k within two normal halves. */
const EXP_FLOOR_F32: f32 = -150.0;
/** 2^23 + 2^22 + 127 (see powerOfTwo4). */
const POWER_OF_TWO_MAGIC_F32: f32 = 12583039.0;

/** 2^n for integral n in [−126, 127] on four float32 lanes, given `magic` = 2^23 + 2^22 + 127 (as {@link powerOfTwo}). */
// @ts-ignore: decorator
@inline
function powerOfTwo4(n: v128, magic: v128): v128 {
  return i32x4.shl(f32x4.add(n, magic), 23);
}

/**
 * {@link logistic2} on four float32 lanes: the same reduction (k·ln 2 in two float32 parts, |r| ≤ ln 2 / 2), e^r by
 * its Taylor series to r^7 (truncation about 2·10^−9 relative, below float32's 6·10^−8), the same split scaling and
 * clamping (at −150). Within a few float32 ulp of the exact value. c[n] is 1/n!.
 */
// @ts-ignore: decorator
@inline
function logistic4(
  x: v128, one: v128, zero: v128, floor: v128, magic: v128, log2e: v128, ln2Hi: v128, ln2Lo: v128, half: v128,
  c3: v128, c4: v128, c5: v128, c6: v128, c7: v128,
): v128 {
  const t = f32x4.pmax(f32x4.neg(f32x4.abs(x)), floor);
  const k = f32x4.nearest(f32x4.mul(t, log2e));
  const r = f32x4.sub(f32x4.sub(t, f32x4.mul(k, ln2Hi)), f32x4.mul(k, ln2Lo));
  const r2 = f32x4.mul(r, r);
  const q0 = f32x4.add(one, r), q1 = f32x4.add(half, f32x4.mul(c3, r));
  const q2 = f32x4.add(c4, f32x4.mul(c5, r)), q3 = f32x4.add(c6, f32x4.mul(c7, r));
  const s0 = f32x4.add(q0, f32x4.mul(q1, r2)), s1 = f32x4.add(q2, f32x4.mul(q3, r2));
  const p = f32x4.add(s0, f32x4.mul(s1, f32x4.mul(r2, r2)));
  const halfK = f32x4.ceil(f32x4.mul(k, half));
  const e = f32x4.mul(f32x4.mul(p, powerOfTwo4(halfK, magic)), powerOfTwo4(f32x4.sub(k, halfK), magic));
  const numerator = v128.bitselect(one, e, f32x4.ge(x, zero));
  return f32x4.div(numerator, f32x4.add(one, e));
}

/** {@link logistic} for float32 elements, four at a time in float32 arithmetic. */
function logisticF32(x: usize, out: usize, length: i32): void {
  const unit = <f32>length * <f32>0.0 + <f32>1.0; // 1, but not a compile-time constant (see logistic2)
  const one = f32x4.splat(unit), zero = f32x4.splat(unit - <f32>1.0), floor = f32x4.splat(unit * EXP_FLOOR_F32);
  const log2e = f32x4.splat(unit * LOG2E_F32), ln2Hi = f32x4.splat(unit * LN2_HI_F32), ln2Lo = f32x4.splat(unit * LN2_LO_F32);
  const half = f32x4.splat(unit * <f32>0.5), magic = f32x4.splat(unit * POWER_OF_TWO_MAGIC_F32);
  const c3 = f32x4.splat(unit / <f32>6.0), c4 = f32x4.splat(unit / <f32>24.0), c5 = f32x4.splat(unit / <f32>120.0);
  const c6 = f32x4.splat(unit / <f32>720.0), c7 = f32x4.splat(unit / <f32>5040.0);
  const bytes = <usize>length << 2;
  const whole = <usize>(length & ~3) << 2;
  let i: usize = 0;
  for (; i < whole; i += 16) {
    v128.store(out + i, logistic4(v128.load(x + i), one, zero, floor, magic, log2e, ln2Hi, ln2Lo, half, c3, c4, c5, c6, c7));
  }
  for (; i < bytes; i += 4) {
    const y = logistic4(f32x4.splat(load<f32>(x + i)), one, zero, floor, magic, log2e, ln2Hi, ln2Lo, half, c3, c4, c5, c6, c7);
    store<f32>(out + i, f32x4.extract_lane(y, 0));
  }
}

/**
 * out_i = 1 / (1 + e^−x_i) over `length` elements of T (`out` may be `x`): float64 elements two at a time in float64
 * (within a few ulp of `Math.exp`'s result), float32 elements four at a time in float32 ({@link logisticF32}).
 */
export function logistic<T>(x: usize, out: usize, length: i32): void {
  if (sizeof<T>() == 4) {
    logisticF32(x, out, length);
    return;
  }
  const unit = <f64>length * 0.0 + 1.0; // 1, but not a compile-time constant (see logistic2)
  const one = f64x2.splat(unit), zero = f64x2.splat(unit - 1.0), floor = f64x2.splat(unit * EXP_FLOOR);
  const log2e = f64x2.splat(unit * LOG2E), ln2Hi = f64x2.splat(unit * LN2_HI), ln2Lo = f64x2.splat(unit * LN2_LO);
  const half = f64x2.splat(unit * 0.5), magic = f64x2.splat(unit * POWER_OF_TWO_MAGIC);
  const c3 = f64x2.splat(unit / 6.0), c4 = f64x2.splat(unit / 24.0), c5 = f64x2.splat(unit / 120.0);
  const c6 = f64x2.splat(unit / 720.0), c7 = f64x2.splat(unit / 5040.0), c8 = f64x2.splat(unit / 40320.0);
  const c9 = f64x2.splat(unit / 362880.0), c10 = f64x2.splat(unit / 3628800.0), c11 = f64x2.splat(unit / 39916800.0);
  const c12 = f64x2.splat(unit / 479001600.0), c13 = f64x2.splat(unit / 6227020800.0);
  const bytes = <usize>length << 3;
  const whole = <usize>(length & ~1) << 3; // pairs of elements
  let i: usize = 0;
  for (; i < whole; i += 16) {
    v128.store(out + i, logistic2(v128.load(x + i), one, zero, floor, magic, log2e, ln2Hi, ln2Lo, half, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13));
  }
  if (i < bytes) {
    const y = logistic2(f64x2.splat(load<f64>(x + i)), one, zero, floor, magic, log2e, ln2Hi, ln2Lo, half, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13);
    store<f64>(out + i, f64x2.extract_lane(y, 0));
  }
}
