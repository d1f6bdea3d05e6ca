const SPLITTER = 134217729; // 2²⁷ + 1, Veltkamp's splitting constant for 53-bit doubles
const bits = new DataView(new ArrayBuffer(8));

/**
 * fma(a, b, c) = a·b + c rounded once to the nearest double (ties to even), as C's `fma` and the x86 `vfmadd`
 * instructions compute it; JavaScript has no fused multiply-add. Boldo and Melquiond's emulation (IEEE Trans.
 * Computers 57(4), 2008): a·b = uh + ul exactly (Dekker's product), c + uh = th + tl exactly (Knuth's TwoSum),
 * v = tl + ul rounded to odd, result = th + v rounded to nearest.
 *
 * Exact for finite operands whose product neither overflows nor falls below 2⁻⁹⁶⁹ (where Dekker's product loses
 * bits) — the range {@link glibcLog} uses.
 */
export function fusedMultiplyAdd(a: number, b: number, c: number): number {
  const uh = a * b;
  let t = SPLITTER * a;
  const aHigh = t - (t - a);
  const aLow = a - aHigh;
  t = SPLITTER * b;
  const bHigh = t - (t - b);
  const bLow = b - bHigh;
  const ul = aHigh * bHigh - uh + aHigh * bLow + aLow * bHigh + aLow * bLow;
  const th = c + uh;
  const cPart = th - uh;
  const tl = c - cPart + (uh - (th - cPart));
  return th + sumRoundedToOdd(tl, ul);
}

/** x + y rounded to odd: the exact sum if it is a double, else whichever neighbouring double has an odd significand. */
function sumRoundedToOdd(x: number, y: number): number {
  const sum = x + y;
  const yPart = sum - x;
  const error = x - (sum - yPart) + (y - yPart);
  if (error === 0) return sum;
  bits.setFloat64(0, sum);
  let low = bits.getUint32(4);
  if (low & 1) return sum;
  let high = bits.getUint32(0);
  // Step one unit in the last place towards the exact sum: away from zero if error has sum's sign, else towards it.
  if (error > 0 === sum > 0) {
    low = (low + 1) >>> 0;
    if (low === 0) high = (high + 1) >>> 0;
  } else {
    if (low === 0) high = (high - 1) >>> 0;
    low = (low - 1) >>> 0;
  }
  bits.setUint32(0, high);
  bits.setUint32(4, low);
  return bits.getFloat64(0);
}
