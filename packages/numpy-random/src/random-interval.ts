import type { Mt19937 } from './mt19937.js';

const TWO_POW_32 = 4294967296;

/**
 * numpy's legacy `random_interval(max)` (formerly `rk_interval`), the draw behind `randint(0, max + 1)`, `shuffle`,
 * `permutation` and `choice(…, replace=False)`: a uniform integer in 0..max by masked rejection.
 *
 * - max = 0: returns 0 and draws nothing.
 * - max ≤ 2³² − 1: mask = the smallest 2ᵏ − 1 ≥ max; repeat value = nextUint32() ∧ mask until value ≤ max.
 * - larger max: the same with 64-bit draws (first 32-bit draw high, second low), so exact for max < 2⁵³.
 *
 * @param max - an integer in 0..2⁵³ − 1 (not checked here; the callers check it).
 */
export function randomInterval(generator: Mt19937, max: number): number {
  if (max === 0) return 0;
  if (max <= 0xffffffff) {
    const mask = allOnesAtLeast(max);
    let value: number;
    do value = (generator.nextUint32() & mask) >>> 0;
    while (value > max);
    return value;
  }
  const highMask = allOnesAtLeast(Math.floor(max / TWO_POW_32));
  let value: number;
  do {
    const high = generator.nextUint32() & highMask;
    value = high * TWO_POW_32 + generator.nextUint32();
  } while (value > max);
  return value;
}

/** The smallest 2ᵏ − 1 ≥ x, for x in 1..2³² − 1: x with every bit below its highest set. */
function allOnesAtLeast(x: number): number {
  let mask = x;
  mask |= mask >>> 1;
  mask |= mask >>> 2;
  mask |= mask >>> 4;
  mask |= mask >>> 8;
  mask |= mask >>> 16;
  return mask >>> 0;
}
