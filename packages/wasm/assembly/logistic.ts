// The logistic function f(x) = 1 / (1 + e^−x) in SIMD: two float64 lanes per step for f64 elements, four float32
// lanes for f32 elements (the same method, with float32 constants and a shorter polynomial).

import { EXP2_TABLE } from './exp2-table';

/** 256 / ln 2: t · this, rounded, is k in e^t = 2^(k/256) · e^r. */
const TABLE_STEPS_PER_LN2: f64 = 369.3299304675746;
const LN2_HI: f64 = 0.6931471803691238; // ln 2 to 32 bits: k·LN2_HI/256 is exact for |k| < 2^20
const LN2_LO: f64 = 1.9082149292705877e-10; // ln 2 − LN2_HI
/** e^t is 0 in float64 below about −745; clamping here keeps 2^m within two normal halves. */
const EXP_FLOOR: f64 = -1400.0;

/**
 * 2^n on two float64 lanes for the integers n in lanes 0 and 1 of `n` (int32, within [−1022, 1023]), given `bias` =
 * 1023 in both int64 lanes: n + 1023 shifted 52 places up is the exponent field.
 */
// @ts-expect-error: decorator
@inline
function powerOfTwo(n: v128, bias: v128): v128 {
  return i64x2.shl(i64x2.add(i64x2.extend_low_i32x4_s(n), bias), 52);
}

/**
 * f(x) = 1 / (1 + e^−x) on two lanes, as core's `sigmoid` computes it: 1 / (1 + e) for x ≥ 0, else e / (1 + e),
 * with e = e^t and t = −|x|. For e^t (Tang's method): t = (256m + j)·ln 2 / 256 + r with k = 256m + j =
 * round(256 t / ln 2), 0 ≤ j < 256 and |r| ≤ ln 2 / 512 (Cody–Waite reduction in two parts); then
 * e^t = 2^m · T_j · (1 + p(r)) with T_j = 2^(j/256) from a table of correctly rounded values and p(r) = e^r − 1 by its
 * Taylor series to r^5 (truncation below 10^−20), added as T_j + T_j·p(r) so that only that last sum rounds at full
 * size. 2^m is applied as 2^⌊m/2⌋ · 2^(m − ⌊m/2⌋), so that subnormal results round correctly; t is clamped below at
 * −1400 (where e^t is long 0). A NaN x gives NaN (r is NaN). Within a few ulp of `Math.exp`.
 *
 * The constants come in as arguments made at run time by the caller: a `v128.const` inside the loop costs several
 * instructions per use on x64, while these stay in registers.
 */
// @ts-expect-error: decorator
@inline
function logistic2(
  x: v128, one: v128, zero: v128, floor: v128, stepsPerLn2: v128, ln2Hi: v128, ln2Lo: v128,
  c2: v128, c3: v128, c4: v128, c5: v128, low8: v128, bias: v128,
): v128 {
  const t = f64x2.pmax(f64x2.neg(f64x2.abs(x)), floor); // pmax(a, b) = a < b ? b : a, so a NaN stays NaN
  const k = f64x2.nearest(f64x2.mul(t, stepsPerLn2));
  const r = f64x2.sub(f64x2.sub(t, f64x2.mul(k, ln2Hi)), f64x2.mul(k, ln2Lo));
  const ki = i32x4.trunc_sat_f64x2_s_zero(k); // k in int32 lanes 0 and 1 (a NaN k gives 0)
  const j = v128.and(ki, low8); // k mod 256, in [0, 255] for negative k too
  let table = v128.load64_zero(EXP2_TABLE + (<usize>i32x4.extract_lane(j, 0) << 3));
  table = v128.load64_lane(EXP2_TABLE + (<usize>i32x4.extract_lane(j, 1) << 3), table, 1);
  const r2 = f64x2.mul(r, r);
  const q1 = f64x2.add(c2, f64x2.mul(c3, r)), q2 = f64x2.add(c4, f64x2.mul(c5, r));
  const p = f64x2.add(r, f64x2.add(f64x2.mul(r2, q1), f64x2.mul(f64x2.mul(r2, r2), q2)));
  const mantissa = f64x2.add(table, f64x2.mul(table, p));
  const m = i32x4.shr_s(ki, 8); // ⌊k / 256⌋
  const halfM = i32x4.shr_s(m, 1);
  const e = f64x2.mul(f64x2.mul(mantissa, powerOfTwo(halfM, bias)), powerOfTwo(i32x4.sub(m, halfM), bias));
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

/**
 * 2^n on four float32 lanes for integral float32 n in [−126, 127], given `magic` = 2^23 + 2^22 + 127: adding it leaves
 * n + 127 in the low mantissa bits, and shifting those 23 places up makes them the exponent field.
 */
// @ts-expect-error: decorator
@inline
function powerOfTwo4(n: v128, magic: v128): v128 {
  return i32x4.shl(f32x4.add(n, magic), 23);
}

/**
 * f(x) = 1 / (1 + e^−x) on four float32 lanes, in float32 arithmetic, by the same formulas as {@link logistic2}, but
 * without a table: t = k·ln 2 + r with k = round(t / ln 2) and |r| ≤ ln 2 / 2 (Cody–Waite reduction, ln 2 in two
 * float32 parts), e^r by its Taylor series to r^7 (truncation about 2·10^−9 relative, below float32's 6·10^−8), then
 * 2^k as 2^⌈k/2⌉ · 2^(k − ⌈k/2⌉) for subnormal results, t clamped at −150. Within 3 float32 ulp. c[n] is 1/n!.
 */
// @ts-expect-error: decorator
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
  const log2e = f32x4.splat(unit * LOG2E_F32),
    ln2Hi = f32x4.splat(unit * LN2_HI_F32),
    ln2Lo = f32x4.splat(unit * LN2_LO_F32);
  const half = f32x4.splat(unit * <f32>0.5), magic = f32x4.splat(unit * POWER_OF_TWO_MAGIC_F32);
  const c3 = f32x4.splat(unit / <f32>6.0), c4 = f32x4.splat(unit / <f32>24.0), c5 = f32x4.splat(unit / <f32>120.0);
  const c6 = f32x4.splat(unit / <f32>720.0), c7 = f32x4.splat(unit / <f32>5040.0);
  const bytes = <usize>length << 2;
  const whole = <usize>(length & ~3) << 2;
  let i: usize = 0;
  for (; i < whole; i += 16) {
    v128.store(
      out + i,
      logistic4(v128.load(x + i), one, zero, floor, magic, log2e, ln2Hi, ln2Lo, half, c3, c4, c5, c6, c7),
    );
  }
  for (; i < bytes; i += 4) {
    const y = logistic4(
      f32x4.splat(load<f32>(x + i)),
      one,
      zero,
      floor,
      magic,
      log2e,
      ln2Hi,
      ln2Lo,
      half,
      c3,
      c4,
      c5,
      c6,
      c7,
    );
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
  const stepsPerLn2 = f64x2.splat(unit * TABLE_STEPS_PER_LN2);
  const ln2Hi = f64x2.splat(unit * (LN2_HI / 256.0)), ln2Lo = f64x2.splat(unit * (LN2_LO / 256.0));
  const c2 = f64x2.splat(unit * 0.5),
    c3 = f64x2.splat(unit / 6.0),
    c4 = f64x2.splat(unit / 24.0),
    c5 = f64x2.splat(unit / 120.0);
  const low8 = i32x4.splat(<i32>unit * 255), bias = i64x2.splat(<i64>unit * 1023);
  const bytes = <usize>length << 3;
  const whole = <usize>(length & ~1) << 3; // pairs of elements
  let i: usize = 0;
  for (; i < whole; i += 16) {
    v128.store(
      out + i,
      logistic2(v128.load(x + i), one, zero, floor, stepsPerLn2, ln2Hi, ln2Lo, c2, c3, c4, c5, low8, bias),
    );
  }
  if (i < bytes) {
    const y = logistic2(
      f64x2.splat(load<f64>(x + i)),
      one,
      zero,
      floor,
      stepsPerLn2,
      ln2Hi,
      ln2Lo,
      c2,
      c3,
      c4,
      c5,
      low8,
      bias,
    );
    store<f64>(out + i, f64x2.extract_lane(y, 0));
  }
}
