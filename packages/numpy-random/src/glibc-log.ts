import { fusedMultiplyAdd as fma } from './fused-multiply-add.js';
import { glibcLogConstants } from './glibc-log-constants.js';

const { ln2High, ln2Low, poly: A, poly1: B, inverseC, logC } = glibcLogConstants;
const TWO_POW_27 = 134217728;
const TWO_POW_52 = 4503599627370496;
const OFF_HIGH = 0x3fe60000; // high word of OFF = 0x3fe6000000000000, the bits of 0x1.6p-1
const bits = new DataView(new ArrayBuffer(8));

/**
 * The natural logarithm exactly as glibc's `log` computes it on x86-64 with FMA (glibc ≥ 2.28, `__log_fma`, the
 * variant the dynamic loader picks on CPUs with FMA and AVX2), which is what numpy's `log(r2)` in the legacy
 * `gauss` calls on Linux. `Math.log` is not usable: it differs from glibc in the last bit for about 7 % of the
 * polar method's r², and glibc itself is not correctly rounded (worst case 0.52 ULP), so only its own algorithm
 * reproduces it.
 *
 * The algorithm (Szabolcs Nagy's, from Arm's optimized-routines): near 1 (0x1.ep-1 ≤ x < 0x1.09p0),
 * log(1 + r) = r − r²/2 + r³·B(r) with r = x − 1 and r − r²/2 summed in double-double. Elsewhere x = 2ᵏ·z with
 * z in [0x1.6p-1, 0x1.6p0) and c the centre of z's 1/128 subinterval: r = fma(z, 1/c, −1),
 * log x = k·ln2 + log c + r + r²·A(r). Every fused multiply-add of glibc's compiled code (read off its
 * machine code) is a {@link fusedMultiplyAdd} here, every other operation a plain double operation, in glibc's order.
 */
export function glibcLog(x: number): number {
  bits.setFloat64(0, x);
  let high = bits.getUint32(0);

  if (high >= 0x3fee0000 && high < 0x3ff10900) {
    // 1 − 2⁻⁴ ≤ x < 1 + 0x1.09p-4 (both bounds have a zero low word)
    return x === 1 ? 0 : logNearOne(x - 1);
  }

  let exponentShift = 0;
  if (high < 0x00100000 || high >= 0x7ff00000) {
    // x < 0x1p-1022 (including 0 and negative numbers), infinity or NaN.
    if (x === 0) return -Infinity;
    if (x === Infinity) return x;
    if (!(x > 0)) return NaN;
    bits.setFloat64(0, x * TWO_POW_52); // subnormal: normalize
    high = bits.getUint32(0);
    exponentShift = 52;
  }

  // tmp = ix − OFF; i = (tmp ≫ 45) mod 128; k = tmp ≫ 52 (arithmetic); z = ix − (k ≪ 52).
  const tmpHigh = (high - OFF_HIGH) | 0;
  const i = (tmpHigh >>> 13) & 127;
  const k = (tmpHigh >> 20) - exponentShift;
  bits.setUint32(0, (high - (tmpHigh & 0xfff00000)) >>> 0);
  const z = bits.getFloat64(0);

  const r = fma(z, inverseC[i], -1);
  const kd = k;
  const w = fma(kd, ln2High, logC[i]);
  const hi = w + r;
  const lo = fma(kd, ln2Low, w - hi + r);
  const r2 = r * r;
  const q = fma(r, A[2], A[1]);
  const p = fma(r2, fma(r, A[4], A[3]), q);
  const y = fma(r * r2, p, fma(r2, A[0], lo));
  return y + hi;
}

/** glibc's branch for x = 1 + r close to 1, where log x < 2⁻⁴ needs the extra precision. */
function logNearOne(r: number): number {
  const r2 = r * r;
  const r3 = r * r2;
  const inner = fma(r3, B[10], fma(r2, B[9], fma(r, B[8], B[7])));
  const middle = fma(inner, r3, fma(r2, B[6], fma(r, B[5], B[4])));
  const outer = fma(middle, r3, fma(r2, B[3], fma(r, B[2], B[1])));
  const rHigh = fma(r, TWO_POW_27, r) - TWO_POW_27 * r;
  const rLow = r - rHigh;
  const hi = fma(rHigh * rHigh, B[0], r);
  let lo = fma(rHigh * rHigh, B[0], r - hi);
  lo = fma(B[0] * rLow, rHigh + r, lo);
  return fma(outer, r3, lo) + hi;
}
