// The logistic function f(x) = 1 / (1 + e^−x) in SIMD, computed in float64 for either element type.

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

/**
 * out_i = 1 / (1 + e^−x_i) over `length` elements of T (`out` may be `x`). Float32 elements are widened to float64,
 * computed as float64 and rounded once to float32.
 */
export function logistic<T>(x: usize, out: usize, length: i32): void {
  const unit = <f64>length * 0.0 + 1.0; // 1, but not a compile-time constant (see logistic2)
  const one = f64x2.splat(unit), zero = f64x2.splat(unit - 1.0), floor = f64x2.splat(unit * EXP_FLOOR);
  const log2e = f64x2.splat(unit * LOG2E), ln2Hi = f64x2.splat(unit * LN2_HI), ln2Lo = f64x2.splat(unit * LN2_LO);
  const half = f64x2.splat(unit * 0.5), magic = f64x2.splat(unit * POWER_OF_TWO_MAGIC);
  const c3 = f64x2.splat(unit / 6.0), c4 = f64x2.splat(unit / 24.0), c5 = f64x2.splat(unit / 120.0);
  const c6 = f64x2.splat(unit / 720.0), c7 = f64x2.splat(unit / 5040.0), c8 = f64x2.splat(unit / 40320.0);
  const c9 = f64x2.splat(unit / 362880.0), c10 = f64x2.splat(unit / 3628800.0), c11 = f64x2.splat(unit / 39916800.0);
  const c12 = f64x2.splat(unit / 479001600.0), c13 = f64x2.splat(unit / 6227020800.0);
  const bytes = <usize>length * sizeof<T>();
  const whole = <usize>(length & ~1) * sizeof<T>(); // pairs of elements
  let i: usize = 0;
  for (; i < whole; i += 2 * sizeof<T>()) {
    const net = sizeof<T>() == 8 ? v128.load(x + i) : f64x2.promote_low_f32x4(v128.load64_zero(x + i));
    const y = logistic2(net, one, zero, floor, magic, log2e, ln2Hi, ln2Lo, half, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13);
    if (sizeof<T>() == 8) v128.store(out + i, y);
    else v128.store64_lane(out + i, f32x4.demote_f64x2_zero(y), 0);
  }
  if (i < bytes) {
    const y = logistic2(f64x2.splat(<f64>load<T>(x + i)), one, zero, floor, magic, log2e, ln2Hi, ln2Lo, half, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13);
    store<T>(out + i, <T>f64x2.extract_lane(y, 0));
  }
}
